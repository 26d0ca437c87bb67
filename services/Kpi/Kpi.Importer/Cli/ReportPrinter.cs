using System.Globalization;
using Kpi.Importer.Upload;
using Spectre.Console;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Importer.Cli;

/// <summary>The summary of a delivery: its report, the speed, what it spans, and its first row errors.</summary>
internal static class ReportPrinter
{
    public const int ErrorsShown = 20;

    public static void Print(IAnsiConsole console, UploadResult result)
    {
        var report = result.Report;
        var summary = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Line(string name, string value) => summary.AddRow(new Text(name), new Text(value));

        Line("delivery", report.DeliveryId);
        Line("state", StateName(report.State));
        if (report.DuplicateOf.Length > 0) Line("duplicate of", report.DuplicateOf);
        Line("rows", Invariant($"{report.RowsReceived:N0} received, {report.RowsStored:N0} stored, {report.RowsRejected:N0} rejected"));
        Line("sent", Invariant($"{result.RowsSent:N0} rows in {result.ChunksSent:N0} chunks, {result.Elapsed.TotalSeconds:N1} s, {result.RowsPerSecond:N0} rows/s"));
        Line("range", Range(report, result.Sent));
        console.Write(summary);

        if (report.Errors.Count == 0) return;
        var table = new Table().AddColumns("line", "reason", "field", "message");
        foreach (var error in report.Errors.Take(ErrorsShown))
            table.AddRow(new Text(Invariant($"{error.RowNumber}")), new Text(error.Reason), new Text(error.Field), new Text(error.Message));
        console.Write(table);
        var more = report.RowsRejected - Math.Min(report.Errors.Count, ErrorsShown);
        if (more > 0) console.WriteLine(Invariant($"… and {more:N0} more"));
    }

    public static string StateName(DeliveryState state) => state switch
    {
        DeliveryState.Stored => "STORED",
        DeliveryState.PartiallyStored => "PARTIALLY_STORED",
        DeliveryState.Rejected => "REJECTED",
        _ => "UNSPECIFIED",
    };

    // What the server stored, or, when it stored nothing, what was sent.
    private static string Range(DeliveryReport report, SentRange sent)
    {
        if (report.Jobcenters.Count > 0)
            return Invariant($"stored: {Jobcenters(report.Jobcenters)}, {report.FirstMonth} … {report.LastMonth}, {report.Codes.Count} codes");
        if (sent.FirstMonth is null) return "no rows";
        return Invariant($"sent: {Jobcenters(sent.Jobcenters)}, {sent.FirstMonth} … {sent.LastMonth}, {sent.Codes.Count} codes");
    }

    private static string Jobcenters(IReadOnlyCollection<string> keys) => keys.Count switch
    {
        1 => $"jobcenter {keys.First()}",
        _ => Invariant($"{keys.Count} jobcenters ({keys.Min(StringComparer.Ordinal)} … {keys.Max(StringComparer.Ordinal)})"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
