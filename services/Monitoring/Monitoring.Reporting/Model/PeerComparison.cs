using Kpi.Computation;

namespace Monitoring.Reporting;

/// <summary>
/// The jobcenter among the members of its SGB II-Vergleichstyp, one row per key figure, with the state's and the
/// federal value beside it. The numbers arrive computed (<see cref="PeerRanking.Position"/> gives a row's position).
/// </summary>
/// <param name="Vergleichstyp">The IAB type, e.g. "IIb".</param>
/// <param name="Members">How many jobcenters the type has (a row may rank fewer: members without a value are left out).</param>
/// <param name="State">The state's name in the column head, e.g. "NRW".</param>
public sealed record PeerComparison(string Vergleichstyp, int Members, YearMonth Month, IReadOnlyList<ComparisonRow> Rows, string State = "NRW");

/// <param name="FigureName">E.g. "Integrationsquote (K2)".</param>
/// <param name="Format">How the values are written; default from the catalogue.</param>
public sealed record ComparisonRow(
    string FigureCode,
    string FigureName,
    bool HigherIsBetter,
    PeerPosition Position,
    Rational? StateValue,
    Rational? FederalValue,
    ValueFormat? Format = null)
{
    public ValueFormat ValueFormat => Format ?? ValueFormat.For(FigureCode);
}
