using Agreements.Seeds;
using Grpc.Core;
using Zielsteuerung.Agreements.V1;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;

namespace Zielsteuerung.Demo;

/// <summary>
/// The four seed agreements (<see cref="SeedAgreements.All"/>) replayed through the agreements API under caller-chosen
/// ids (<c>demo-borken-2018</c>, …), so that a second load finds them: an agreement that has had all its seed's steps
/// is skipped, one an earlier load left midway gets the rest, and an id taken meanwhile (ALREADY_EXISTS: a load
/// running at the same time) is skipped.
/// </summary>
internal static class DemoAgreements
{
    public static string IdOf(SeedAgreement seed) => $"demo-{seed.Key}";

    public static async Task<SeedLoad> LoadAsync(DemoClients clients, SeedAgreement seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var id = IdOf(seed);
        var told = new List<string>();
        void Written(Agreement agreement, SeedStep? step) => told.Add(SeedNarration.Written(agreement, step));
        try
        {
            var drafting = await clients.AgreementsAs(seed.DraftingClientId);
            var (agreement, outcome) = await FindAsync(drafting, id, cancellationToken) switch
            {
                { } complete when GrpcSeedReplay.StepsDone(complete) >= seed.Steps.Count => (complete, LoadOutcome.AlreadyLoaded),
                { } midway => (await GrpcSeedReplay.ContinueAsync(clients.AgreementsAs, seed, midway, Written, cancellationToken), LoadOutcome.Resumed),
                null => await DraftAsync(clients, seed, id, Written, cancellationToken),
            };
            var line = outcome switch
            {
                LoadOutcome.AlreadyLoaded => $"{seed.Label}: already loaded as {id} ({SeedNarration.Status(agreement)}) — skipped",
                LoadOutcome.Resumed => $"{seed.Label}: resumed {id}: {string.Join(", ", told)} — {SeedNarration.Status(agreement)}",
                _ => $"{seed.Label}: {string.Join(", ", told)} — {SeedNarration.Status(agreement)}",
            };
            progress?.Report(line);
            return new SeedLoad(seed.Name, id, agreement.Edition.Status, outcome, line);
        }
        catch (Exception failed) when (failed is RpcException or DemoLoadException)
        {
            var done = told.Count > 0 ? $"{string.Join(", ", told)}, then " : "";
            var why = failed is RpcException rpc ? $"the agreements service answered {rpc.StatusCode}: {rpc.Status.Detail}" : failed.Message;
            var line = $"{seed.Label}: {done}{why}";
            progress?.Report(line);
            throw new DemoLoadException(line, failed);
        }
    }

    private static async Task<(Agreement, LoadOutcome)> DraftAsync(
        DemoClients clients, SeedAgreement seed, string id, Action<Agreement, SeedStep?> written, CancellationToken cancellationToken)
    {
        var draft = seed.Draft;
        draft.AgreementId = id;
        try
        {
            return (await GrpcSeedReplay.ReplayAsync(clients.AgreementsAs, seed, draft, written, cancellationToken), LoadOutcome.Loaded);
        }
        catch (RpcException taken) when (taken.StatusCode == StatusCode.AlreadyExists)
        {
            // Another load drafted it meanwhile and goes on with it: say so and leave it to that one.
            var drafting = await clients.AgreementsAs(seed.DraftingClientId);
            var agreement = await FindAsync(drafting, id, cancellationToken);
            if (agreement is null)
            {
                throw;
            }

            return (agreement, LoadOutcome.AlreadyLoaded);
        }
    }

    private static async Task<Agreement?> FindAsync(AgreementsClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAgreementAsync(new GetAgreementRequest { AgreementId = id }, cancellationToken: cancellationToken);
        }
        catch (RpcException missing) when (missing.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
