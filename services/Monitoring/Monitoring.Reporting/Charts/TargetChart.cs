using System.Globalization;
using Kpi.Computation;

namespace Monitoring.Reporting;

/// <summary>The chart of one quantitative target: the year's values through the report month, the target path, the prior year, the forecast.</summary>
internal static class TargetChart
{
    private static readonly NumberStyle Style = NumberStyle.Html;

    public static LineChart For(TargetReport target, YearMonth reportMonth, string id)
    {
        var year = reportMonth.Year;
        var values = new Rational?[12];
        foreach (var month in target.Result.Months.Where(m => m.Month <= reportMonth))
        {
            values[month.Month.Month - 1] = month.Value;
        }

        var prior = target.PriorYearByMonth();
        var path = TargetPath.Of(target.Target, prior);
        var format = target.ValueFormat;
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        var series = new List<ChartSeries>
        {
            new(SeriesKind.Value, yearText, values),
            new(SeriesKind.TargetPath, "Zielpfad", path),
            new(SeriesKind.PriorYear, $"{(year - 1).ToString(CultureInfo.InvariantCulture)} (Vorjahr)", prior),
        };
        var forecast = reportMonth.Month < 12 ? target.At(reportMonth)?.Forecast : null;
        var band = forecast is null ? null
            : new ChartBand(reportMonth.Month, forecast.Value, forecast.Low, forecast.High, $"Prognose Dezember (Stand {GermanLabels.ShortMonth(reportMonth.Month)})");
        var measure = GermanLabels.Measure(target.Target.Measure);
        var title = $"{target.Indicator}: {measure} {yearText}";
        var axis = format.Unit is { } unit ? $"{measure} in {unit}" : measure;
        return new LineChart(id, title, Description(target, reportMonth, values, path, band, format), axis, format, series, band);
    }

    private static string Description(TargetReport target, YearMonth reportMonth, Rational?[] values, IReadOnlyList<Rational?> path,
        ChartBand? band, ValueFormat format)
    {
        string Text(Rational value) => GermanNumbers.WithUnit(value, format.Decimals, format.Unit, Style);
        var parts = new List<string>();
        var last = target.At(reportMonth);
        parts.Add(last?.Value is { } value
            ? $"{GermanLabels.MonthYear(reportMonth)}: {Text(value)}" + (last.PriorYearValue is { } prior ? $", Vorjahr {Text(prior)}" : "")
            : $"{GermanLabels.MonthYear(reportMonth)}: kein Wert");
        parts.Add($"Werte für {values.Count(v => v is not null).ToString(CultureInfo.InvariantCulture)} Monate");
        if (path[11] is { } december)
        {
            parts.Add($"Zielpfad im Dezember {Text(december)}");
        }

        if (band is not null)
        {
            parts.Add($"Prognose Dezember {Text(band.Value)}, Spanne {Text(band.Low)} bis {Text(band.High)}");
        }

        return string.Join("; ", parts) + ".";
    }
}
