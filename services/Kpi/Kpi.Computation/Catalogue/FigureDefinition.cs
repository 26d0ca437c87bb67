namespace Kpi.Computation;

/// <summary>A key figure of the Kennzahlen-VO: what it divides, over which window, from which base quantities.</summary>
/// <param name="Numerator">In words, naming the quantity codes.</param>
/// <param name="Quantities">The numerator's quantity first, then the denominator's (one code for a change against the prior year).</param>
/// <param name="Verified">False where DOMAIN.md marks the rule unverified.</param>
/// <param name="DenominatorLag">How many months the denominator trails the numerator: 1 for the K2 form (integrations
/// m−11..m over the mean stock of m−12..m−1) and for K1E4 and K3E4 (each month's exits over the stock of the prior month), else 0.</param>
public sealed record FigureDefinition(string Id, string NameDe, string NameEn, string Numerator, string Denominator, string Window,
    FigureForm Form, AveragingRule AveragingRule, Polarity Polarity, string Unit, IReadOnlyList<string> Quantities, bool Verified,
    int DenominatorLag = 0)
{
    public string NumeratorQuantity => Quantities[0];

    public string DenominatorQuantity => Quantities[^1];
}
