using System.Diagnostics;
using Agreements.Seeds;

namespace Zielsteuerung.Demo;

/// <summary>
/// Loads the demo into a running topology: the four seed agreements (Borken 2018, BMAS–NRW 2016, Unna 2012, Neuss 2013)
/// through the agreements API, each step as the development client of its party, and generated KPI data of the 53 NRW
/// jobcenters 2011–2018 through the KPI service's Deliver stream as BA Statistik. Idempotent: what is there already is
/// skipped and said so, a second load writes nothing.
/// </summary>
public static class DemoLoader
{
    /// <summary>The development clients whose secrets <see cref="LoadAsync"/> needs (parameters <c>&lt;client&gt;-client-secret</c> of the AppHost).</summary>
    public static IReadOnlyList<string> ClientIds { get; } =
        [.. SeedAgreements.All.SelectMany(s => s.ClientIds).Append(DemoClients.Statistik).Distinct(StringComparer.Ordinal)];

    /// <summary>The ids the seed agreements get: <c>demo-borken-2018</c>, <c>demo-bmas-nrw-2016</c>, <c>demo-unna-2012</c>, <c>demo-neuss-2013</c>.</summary>
    public static IReadOnlyList<string> AgreementIds { get; } = [.. SeedAgreements.All.Select(DemoAgreements.IdOf)];

    /// <summary>Where the Borken 2018 dialogue report is written: <c>&lt;temp&gt;/zielsteuerung-demo/&lt;report id&gt;.html</c>.</summary>
    public static string ReportDirectory => DemoDialogueReport.Directory;

    /// <summary>The idempotency key of the KPI delivery.</summary>
    public static string KpiIdempotencyKey => DemoKpiData.IdempotencyKey;

    /// <summary>
    /// Loads what is not there yet, telling <paramref name="progress"/> one line per seed agreement and a few for the
    /// KPI data (called at once, in order, on the loading thread). <paramref name="clientSecrets"/> maps each of
    /// <see cref="ClientIds"/> to its secret. Throws <see cref="DemoLoadException"/> when a secret is missing or a
    /// service cannot be reached or refuses (the message says which; what was loaded before stays).
    /// </summary>
    public static async Task<DemoReport> LoadAsync(
        DemoEndpoints endpoints,
        IReadOnlyDictionary<string, string> clientSecrets,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var missing = ClientIds.Where(id => !clientSecrets.TryGetValue(id, out var secret) || secret.Length == 0).ToList();
        if (missing.Count > 0)
        {
            throw new DemoLoadException($"no secret for the development clients {string.Join(", ", missing)} (the AppHost's parameters <client>-client-secret)");
        }

        var clock = Stopwatch.StartNew();
        using var clients = new DemoClients(endpoints, clientSecrets);
        var agreements = new List<SeedLoad>();
        foreach (var seed in SeedAgreements.All)
        {
            agreements.Add(await DemoAgreements.LoadAsync(clients, seed, progress, cancellationToken));
        }

        var kpi = await DemoKpiData.LoadAsync(await clients.KpiAsStatistik(cancellationToken), progress, cancellationToken);
        var dialogueReport = await DemoDialogueReport.LoadAsync(clients, progress, cancellationToken);
        var report = new DemoReport(agreements, kpi, dialogueReport, clock.Elapsed);
        progress?.Report(report.Total);
        return report;
    }
}
