using Kpi.Computation;

namespace Monitoring.Reporting;

internal enum SeriesKind { Value, TargetPath, PriorYear }

/// <param name="Values">January..December; null where there is no value (the line breaks there).</param>
internal sealed record ChartSeries(SeriesKind Kind, string Name, IReadOnlyList<Rational?> Values);

/// <summary>The forecast of the year-end value made at <paramref name="MadeIn"/>: drawn at December with its band.</summary>
internal sealed record ChartBand(int MadeIn, Rational Value, Rational Low, Rational High, string Name);

/// <param name="Id">Unique within the document (ids of title and description derive from it).</param>
/// <param name="Description">For screen readers: what the chart shows, in words.</param>
internal sealed record LineChart(string Id, string Title, string Description, string AxisLabel, ValueFormat Format,
    IReadOnlyList<ChartSeries> Series, ChartBand? Band);
