using System.Diagnostics;
using Grpc.Core;
using Zielsteuerung.Monitoring.V1;

namespace Zielsteuerung.Demo;

/// <summary>
/// The report a ministry sends before a dialogue, for the demo's Borken 2018 agreement as of October 2018 (the year's
/// forecasts still open): rendered once by the monitoring service as MAGS NRW and written to a file a newcomer opens
/// in a browser. Rendered already: the stored report is written again, nothing new is rendered.
/// </summary>
internal static class DemoDialogueReport
{
    public const string AgreementId = "demo-borken-2018";
    public const string Month = "2018-10";
    private const string Dialogue = "2. Steuerungsdialog 2018";
    private const string AsClient = "mags-nrw";

    /// <summary>The first report of the agreement and month (the monitoring service numbers them).</summary>
    public static string ReportId => $"rpt-{AgreementId}-{Month}-1";

    public static string Directory => Path.Combine(Path.GetTempPath(), "zielsteuerung-demo");

    // The monitoring service follows the agreement once its AgreementInForce event has arrived: a few seconds after the load.
    private static readonly TimeSpan Following = TimeSpan.FromSeconds(90);

    public static async Task<ReportLoad> LoadAsync(DemoClients clients, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var monitoring = await clients.MonitoringAs(AsClient, cancellationToken);
        try
        {
            var (report, outcome) = await FindAsync(monitoring, cancellationToken) is { } stored
                ? (stored, LoadOutcome.AlreadyLoaded)
                : (await RenderAsync(monitoring, cancellationToken), LoadOutcome.Loaded);
            System.IO.Directory.CreateDirectory(Directory);
            var path = Path.Combine(Directory, report.ReportId + ".html");
            await File.WriteAllTextAsync(path, report.Html, cancellationToken);
            var what = outcome == LoadOutcome.AlreadyLoaded ? "rendered already as" : "rendered as";
            var line = $"Report: Borken 2018, Stand Oktober 2018, {what} {report.ReportId} ({report.KpiDeliveries.Count} KPI deliveries, agreement version {report.AgreementVersion}) — open {path}";
            progress?.Report(line);
            return new ReportLoad(report.ReportId, path, outcome, line);
        }
        catch (RpcException failed)
        {
            throw new DemoLoadException($"Report: the monitoring service refused or could not be reached: {failed.Status.StatusCode} {failed.Status.Detail}", failed);
        }
    }

    private static async Task<DialogueReport?> FindAsync(Monitoring.V1.Monitoring.MonitoringClient monitoring, CancellationToken cancellationToken)
    {
        try
        {
            return await monitoring.GetDialogueReportAsync(new GetDialogueReportRequest { ReportId = ReportId }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<DialogueReport> RenderAsync(Monitoring.V1.Monitoring.MonitoringClient monitoring, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await monitoring.RenderDialogueReportAsync(
                    new RenderDialogueReportRequest { AgreementId = AgreementId, Month = Month, Dialogue = Dialogue }, cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && waiting.Elapsed < Following)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
