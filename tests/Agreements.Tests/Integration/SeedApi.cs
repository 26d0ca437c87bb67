using Google.Protobuf;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Integration;

/// <summary>Replays a seed through the gRPC API, each step as the development client of its party (<see cref="GrpcSeedReplay"/>).</summary>
internal static class SeedApi
{
    public static Task<Agreement> ReplayAsync(AgreementsFixture fixture, SeedAgreement seed) => GrpcSeedReplay.ReplayAsync(fixture.As, seed);

    /// <summary>The goals as the request stated them: without what the service adds (origin, added by).</summary>
    public static IEnumerable<string> AsStated(IEnumerable<Goal> goals) => goals.Select(goal =>
    {
        var copy = goal.Clone();
        copy.Origin = GoalOrigin.Unspecified;
        copy.AddedByPartyId = "";
        return JsonFormatter.Default.Format(copy);
    });
}
