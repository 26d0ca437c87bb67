using System.Globalization;
using System.Text;
using Kpi.Computation;
using Monitoring.Attainment;

namespace Monitoring.Reporting;

/// <summary>
/// The report's targets as one CSV table (docs/monitoring-report.md § CSV): a header line, then per target one row per
/// month January..report month ("Berichtsmonat" = "ja" marks the rows of the HTML's overview table), and one row per
/// qualitative goal at the report month. Numbers exact to four decimal places with a decimal comma, no thousands separator.
/// </summary>
public static class CsvReportRenderer
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Ziel-ID", "Ziel", "Wortlaut", "Indikator", "Code", "Maß", "Monat", "Berichtsmonat", "Einheit", "Wert", "Vorjahreswert",
        "Veränderung in %", "Zielart", "Richtung", "Zielwert", "Zielpfad", "Abstand", "Prognose", "Prognose von", "Prognose bis",
        "Prognose Veränderung in %", "Status", "Vereinbarung", "Version", "Datenlieferungen",
    ];

    public static string Render(DialogueReport report)
    {
        ReportChecks.ThrowIfInconsistent(report);
        var header = report.Header;
        var provenance = new[]
        {
            CsvFields.Text(header.Provenance.AgreementId),
            header.Provenance.AgreementVersion.ToString(CultureInfo.InvariantCulture),
            CsvFields.Text(string.Join(", ", header.Provenance.KpiDeliveryIds)),
        };
        var csv = new StringBuilder();
        CsvFields.Record(csv, Columns.Select(CsvFields.Field));
        foreach (var target in report.Targets)
        {
            var path = TargetPath.Of(target.Target, target.PriorYearByMonth());
            foreach (var month in target.Result.Months.Where(m => m.Month <= header.ReportMonth))
            {
                CsvFields.Record(csv, TargetFields(target, TargetLine.At(target, month.Month), path, header.ReportMonth).Concat(provenance));
            }
        }

        foreach (var goal in report.QualitativeGoals)
        {
            var fields = new[] { "", CsvFields.Text(goal.Goal), CsvFields.Text(goal.Statement), "", "", "", header.ReportMonth.ToString(), "ja" }
                .Concat(Enumerable.Repeat("", 13))
                .Append(CsvFields.Field(GermanLabels.Status(AttainmentStatus.NotAssessable).Text));
            CsvFields.Record(csv, fields.Concat(provenance));
        }

        return csv.ToString();
    }

    private static IEnumerable<string> TargetFields(TargetReport report, TargetLine line, IReadOnlyList<Rational?> path, YearMonth reportMonth)
    {
        var target = line.Target;
        var attainment = line.Attainment;
        var quantitative = target.Kind == GoalKind.Quantitative && target.TargetValue is not null;
        var forecast = quantitative ? attainment?.Forecast : null;
        return
        [
            CsvFields.Text(target.Id),
            CsvFields.Text(report.Goal),
            CsvFields.Text(target.Wording),
            CsvFields.Text(report.Indicator),
            CsvFields.Text(target.Indicator.Code),
            CsvFields.Field(GermanLabels.Measure(target.Measure)),
            line.Month.ToString(),
            line.Month == reportMonth ? "ja" : "nein",
            CsvFields.Text(report.ValueFormat.Unit),
            Number(attainment?.Value),
            Number(attainment?.PriorYearValue),
            Number(attainment?.ChangePercent),
            quantitative ? target.Comparison == Comparison.RelativeChangePercent ? "Veränderung in %" : "Niveau" : "",
            quantitative ? target.Direction == Direction.AtLeast ? "mindestens" : "höchstens" : "",
            Number(quantitative ? target.TargetValue : null),
            Number(path[line.Month.Month - 1]),
            Number(quantitative ? attainment?.Gap : null),
            Number(forecast?.Value),
            Number(forecast?.Low),
            Number(forecast?.High),
            Number(forecast?.ChangePercent),
            CsvFields.Field(GermanLabels.Status(line.Status).Text),
        ];
    }

    private static string Number(Rational? value) => value is { } known ? GermanNumbers.Plain(known) : "";
}
