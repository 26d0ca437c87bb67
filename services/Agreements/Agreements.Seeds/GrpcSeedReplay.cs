using Zielsteuerung.Agreements.V1;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;

namespace Agreements.Seeds;

/// <summary>
/// Replays a seed through the agreements gRPC API, each write as the development client of its party: the draft as
/// <see cref="SeedAgreement.DraftingClientId"/>, every step as its <see cref="SeedStep.ClientId"/>. The caller says how
/// to reach the service as a client (<paramref name="clientFor"/>: an <see cref="AgreementsClient"/> whose calls carry
/// that client's token).
/// </summary>
public static class GrpcSeedReplay
{
    /// <summary>The version of a fresh draft; every write raises it by one.</summary>
    public const long DraftVersion = 1;

    /// <summary>
    /// Creates the draft (<paramref name="draft"/>, by default the seed's own, without an agreement id) and applies all
    /// steps. <paramref name="written"/> hears of each write: the agreement after it and its step (null for the draft).
    /// </summary>
    public static async Task<Agreement> ReplayAsync(
        Func<string, Task<AgreementsClient>> clientFor,
        SeedAgreement seed,
        CreateDraftRequest? draft = null,
        Action<Agreement, SeedStep?>? written = null,
        CancellationToken cancellationToken = default)
    {
        var client = await clientFor(seed.DraftingClientId);
        var agreement = await client.CreateDraftAsync(draft ?? seed.Draft, cancellationToken: cancellationToken);
        written?.Invoke(agreement, null);
        return await ContinueAsync(clientFor, seed, agreement, written, cancellationToken);
    }

    /// <summary>How many of its seed's steps an agreement drafted from that seed has had (one write each).</summary>
    public static int StepsDone(Agreement agreement) => (int)Math.Max(0, agreement.Version - DraftVersion);

    /// <summary>
    /// Applies the steps <paramref name="agreement"/> has not had yet (<see cref="StepsDone"/>): all of them after a
    /// fresh draft, the rest after a replay that stopped midway, none when it is complete.
    /// </summary>
    public static async Task<Agreement> ContinueAsync(
        Func<string, Task<AgreementsClient>> clientFor,
        SeedAgreement seed,
        Agreement agreement,
        Action<Agreement, SeedStep?>? written = null,
        CancellationToken cancellationToken = default)
    {
        foreach (var step in seed.Steps.Skip(StepsDone(agreement)))
        {
            var client = await clientFor(step.ClientId);
            agreement = await ApplyAsync(client, step, agreement.Id, agreement.Version, cancellationToken);
            written?.Invoke(agreement, step);
        }

        return agreement;
    }

    private static async Task<Agreement> ApplyAsync(AgreementsClient client, SeedStep step, string id, long version, CancellationToken cancellationToken) => step switch
    {
        OpenNegotiationStep open => await client.OpenNegotiationAsync(open.Request(id, version), cancellationToken: cancellationToken),
        RequestLocalGoalsStep request => await client.RequestLocalGoalsAsync(request.Request(id, version), cancellationToken: cancellationToken),
        AddLocalGoalsStep add => await client.AddLocalGoalsAsync(add.Request(id, version), cancellationToken: cancellationToken),
        AttachDocumentStep document => await client.AttachDocumentAsync(document.Request(id, version), cancellationToken: cancellationToken),
        SignStep sign => await client.SignAsync(sign.Request(id, version), cancellationToken: cancellationToken),
        ReturnUnsignedStep returned => await client.ReturnUnsignedAsync(returned.Request(id, version), cancellationToken: cancellationToken),
        CommitteeNoticeStep notice => await client.RecordCommitteeNoticeAsync(notice.Request(id, version), cancellationToken: cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown seed step"),
    };
}
