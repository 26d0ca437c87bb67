using System.Globalization;
using Kpi.Computation;

namespace Monitoring.Reporting;

/// <summary>
/// A month-by-month line chart as inline SVG. Our own rather than ScottPlot 5.1.59 (which is served and does export SVG
/// headless here): ScottPlot measures and lays out text with SkiaSharp and the machine's fonts (so the SVG changes with
/// the fonts installed), writes attributes such as <c>x="-3.8, "</c>, carries an 11 MB native library into a pure
/// library, and has no accessible title or description; this chart is twelve categories and three lines, its output
/// is the same on every machine, and its marks carry classes that tests and style sheets can address.
/// </summary>
internal static class SvgLineChart
{
    public const double Width = 680;
    public const double Height = 250;
    private const double Left = 62;
    private const double Right = 14;
    private const double Top = 26;
    private const double Bottom = 62;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const double Slot = PlotWidth / 12;

    public static string Render(LineChart chart)
    {
        var scale = ScaleOf(chart);
        var svg = new MarkupWriter();
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("viewBox", $"0 0 {N(Width)} {N(Height)}"),
            ("role", "img"), ("aria-labelledby", $"{chart.Id}-title {chart.Id}-desc"), ("id", chart.Id));
        svg.Element("title", chart.Title, ("id", $"{chart.Id}-title"));
        svg.Element("desc", chart.Description, ("id", $"{chart.Id}-desc"));
        Axes(svg, chart, scale);
        foreach (var series in chart.Series.OrderBy(s => s.Kind == SeriesKind.Value))
        {
            Line(svg, series, scale, chart.Format);
        }

        if (chart.Band is { } band)
        {
            Band(svg, chart, band, scale);
        }

        Legend(svg, chart);
        return svg.Close().ToString();
    }

    private static AxisScale ScaleOf(LineChart chart)
    {
        var values = chart.Series.SelectMany(s => s.Values).OfType<Rational>().ToList();
        if (chart.Band is { } band)
        {
            values.AddRange([band.Low, band.High]);
        }

        return values.Count == 0 ? AxisScale.For(0, 1) : AxisScale.For(Decimal(values.Min()), Decimal(values.Max()));
    }

    private static void Axes(MarkupWriter svg, LineChart chart, AxisScale scale)
    {
        svg.Open("g", ("class", "axes"));
        foreach (var tick in scale.Ticks())
        {
            var y = Y(tick, scale);
            svg.Empty("line", ("class", "grid"), ("x1", N(Left)), ("x2", N(Width - Right)), ("y1", N(y)), ("y2", N(y)));
            var label = GermanNumbers.Number(Rational.Parse(tick.ToString(CultureInfo.InvariantCulture)), scale.Decimals, NumberStyle.Html);
            svg.Element("text", label, ("class", "tick"), ("x", N(Left - 6)), ("y", N(y + 3.5)), ("text-anchor", "end"));
        }

        svg.Empty("line", ("class", "axis"), ("x1", N(Left)), ("x2", N(Width - Right)), ("y1", N(Top + PlotHeight)), ("y2", N(Top + PlotHeight)));
        for (var month = 1; month <= 12; month++)
        {
            svg.Element("text", GermanLabels.ShortMonth(month), ("class", "tick"), ("x", N(X(month))), ("y", N(Top + PlotHeight + 15)),
                ("text-anchor", "middle"));
        }

        svg.Element("text", chart.AxisLabel, ("class", "axis-label"), ("x", N(Left)), ("y", N(Top - 10)));
        svg.Close();
    }

    private static void Line(MarkupWriter svg, ChartSeries series, AxisScale scale, ValueFormat format)
    {
        var kind = KindClass(series.Kind);
        var path = new List<string>();
        var drawing = false;
        for (var month = 1; month <= 12; month++)
        {
            if (series.Values[month - 1] is { } value)
            {
                path.Add($"{(drawing ? "L" : "M")}{N(X(month))} {N(Y(Decimal(value), scale))}");
            }

            drawing = series.Values[month - 1] is not null;
        }

        svg.Open("g", ("class", $"series series-{kind}"));
        svg.Element("title", series.Name);
        if (path.Count > 0)
        {
            svg.Empty("path", ("class", "line"), ("d", string.Join(" ", path)));
        }

        if (series.Kind != SeriesKind.TargetPath)
        {
            for (var month = 1; month <= 12; month++)
            {
                if (series.Values[month - 1] is { } value)
                {
                    Marker(svg, series.Kind, X(month), Y(Decimal(value), scale),
                        $"{series.Name}, {GermanLabels.Month(month)}: {GermanNumbers.WithUnit(value, format.Decimals, format.Unit, NumberStyle.Html)}");
                }
            }
        }

        svg.Close();
    }

    // Shapes differ as well as colours: filled circles for the year, open squares for the prior year.
    private static void Marker(MarkupWriter svg, SeriesKind kind, double x, double y, string title)
    {
        if (kind == SeriesKind.Value)
        {
            svg.Open("circle", ("class", "point point-value"), ("cx", N(x)), ("cy", N(y)), ("r", "3.2"));
        }
        else
        {
            svg.Open("rect", ("class", "point point-prior"), ("x", N(x - 2.6)), ("y", N(y - 2.6)), ("width", "5.2"), ("height", "5.2"));
        }

        svg.Element("title", title).Close();
    }

    private static void Band(MarkupWriter svg, LineChart chart, ChartBand band, AxisScale scale)
    {
        var x = X(12);
        var (yLow, yHigh, yValue) = (Y(Decimal(band.Low), scale), Y(Decimal(band.High), scale), Y(Decimal(band.Value), scale));
        var format = chart.Format;
        string Text(Rational value) => GermanNumbers.WithUnit(value, format.Decimals, format.Unit, NumberStyle.Html);
        svg.Open("g", ("class", "forecast"));
        svg.Element("title", $"{band.Name}: {Text(band.Value)} (Spanne {Text(band.Low)} bis {Text(band.High)})");
        if (chart.Series.FirstOrDefault(s => s.Kind == SeriesKind.Value)?.Values[band.MadeIn - 1] is { } current)
        {
            svg.Empty("line", ("class", "forecast-path"), ("x1", N(X(band.MadeIn))), ("y1", N(Y(Decimal(current), scale))), ("x2", N(x)),
                ("y2", N(yValue)));
        }

        svg.Empty("rect", ("class", "forecast-band"), ("x", N(x - 7)), ("y", N(yHigh)), ("width", "14"), ("height", N(Math.Max(yLow - yHigh, 1))));
        svg.Empty("path", ("class", "forecast-value"), ("d", $"M{N(x)} {N(yValue - 5)} L{N(x + 5)} {N(yValue)} L{N(x)} {N(yValue + 5)} L{N(x - 5)} {N(yValue)} Z"));
        svg.Element("text", Text(band.Value), ("class", "forecast-label"), ("x", N(x + 3)), ("y", N(yHigh - 5)), ("text-anchor", "end"));
        svg.Close();
    }

    private static void Legend(MarkupWriter svg, LineChart chart)
    {
        var y = Height - 16;
        var x = Left;
        svg.Open("g", ("class", "legend"));
        foreach (var series in chart.Series)
        {
            var kind = KindClass(series.Kind);
            svg.Open("g", ("class", $"series series-{kind}"));
            svg.Empty("path", ("class", "line"), ("d", $"M{N(x)} {N(y)} L{N(x + 24)} {N(y)}"));
            if (series.Kind == SeriesKind.Value)
            {
                svg.Empty("circle", ("class", "point point-legend"), ("cx", N(x + 12)), ("cy", N(y)), ("r", "3.2"));
            }
            else if (series.Kind == SeriesKind.PriorYear)
            {
                svg.Empty("rect", ("class", "point point-legend"), ("x", N(x + 9.4)), ("y", N(y - 2.6)), ("width", "5.2"), ("height", "5.2"));
            }

            svg.Close();
            svg.Element("text", series.Name, ("class", "legend-text"), ("x", N(x + 30)), ("y", N(y + 4)));
            x += 30 + 6.2 * series.Name.Length + 18;
        }

        if (chart.Band is { } band)
        {
            svg.Open("g", ("class", "forecast"));
            svg.Empty("rect", ("class", "forecast-band"), ("x", N(x + 5)), ("y", N(y - 7)), ("width", "14"), ("height", "14"));
            svg.Empty("path", ("class", "forecast-value"), ("d", $"M{N(x + 12)} {N(y - 5)} L{N(x + 17)} {N(y)} L{N(x + 12)} {N(y + 5)} L{N(x + 7)} {N(y)} Z"));
            svg.Close();
            svg.Element("text", band.Name, ("class", "legend-text"), ("x", N(x + 26)), ("y", N(y + 4)));
        }

        svg.Close();
    }

    private static string KindClass(SeriesKind kind) => kind switch
    {
        SeriesKind.Value => "value",
        SeriesKind.TargetPath => "target",
        _ => "prior",
    };

    private static double X(int month) => Left + (month - 0.5) * Slot;

    private static double Y(decimal value, AxisScale scale) =>
        Top + PlotHeight - (double)((value - scale.Min) / (scale.Max - scale.Min)) * PlotHeight;

    // Geometry only: a value's decimal form to 10 places is exact enough to place a point.
    private static decimal Decimal(Rational value) => decimal.Parse(value.ToDecimalString(10), CultureInfo.InvariantCulture);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
