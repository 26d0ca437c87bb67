using Agreements.Seeds;
using Xunit.Abstractions;
using Zielsteuerung.Agreements.V1;

namespace Demo.Tests;

/// <summary>The first load (the command line): the four seed agreements with the outcomes of their seeds; and a replay resumed midway.</summary>
[Collection(DemoCollection.Name)]
public sealed class SeedAgreementsTests(DemoFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_command_line_loads_the_four_seeds_with_their_outcomes_and_tells_each()
    {
        var run = fixture.FirstLoad;
        output.WriteLine($"first load, the command line as a process: {run.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(string.Join(Environment.NewLine, run.Lines));
        Assert.True(run.ExitCode == 0, string.Join(Environment.NewLine, run.Lines) + run.Errors);

        Assert.Contains("Borken 2018: drafted, negotiation opened, document attached, signed by Kreis Borken, signed by MAGS NRW — in force since 2018-02-22", run.Lines);
        Assert.Contains("BMAS–NRW 2016: drafted, negotiation opened, signed by MAIS NRW, signed by BMAS — in force since 2016-10-24", run.Lines);
        Assert.Contains(run.Lines, line => line.StartsWith("Neuss 2013: drafted, negotiation opened, signed by Jobcenter Rhein-Kreis Neuss, signed by Rhein-Kreis Neuss, returned unsigned by MAIS NRW", StringComparison.Ordinal)
            && line.EndsWith("— returned unsigned on 2013-07-05", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.StartsWith("Unna 2012: drafted, local goals requested from Kreis Unna, local goals added by Kreis Unna", StringComparison.Ordinal)
            && line.EndsWith("— in negotiation", StringComparison.Ordinal));

        foreach (var seed in SeedAgreements.All)
        {
            var agreement = await (await fixture.AgreementsAs(seed.DraftingClientId)).GetAgreementAsync(new GetAgreementRequest { AgreementId = $"demo-{seed.Key}" });
            Assert.Equal((seed.Name, seed.ExpectedStatus, seed.ExpectedInForceOn), (seed.Name, agreement.Edition.Status, agreement.Edition.InForceOn));
            Assert.Equal(GrpcSeedReplay.DraftVersion + seed.Steps.Count, agreement.Version);
        }

        var neuss = await (await fixture.AgreementsAs("kt-05162")).GetAgreementAsync(new GetAgreementRequest { AgreementId = "demo-neuss-2013" });
        Assert.Equal(("mags-nrw", SeedAgreements.NeussReturnReason), (neuss.Edition.Returned.PartyId, neuss.Edition.Returned.Reason));
    }

    [Fact]
    public async Task A_replay_left_midway_gets_the_rest_of_its_steps()
    {
        var seed = SeedAgreements.Unna2012;
        var draft = seed.Draft;
        draft.AgreementId = $"midway-unna-{Guid.NewGuid():N}"[..30];
        var mags = await fixture.AgreementsAs("mags-nrw");
        var drafted = await mags.CreateDraftAsync(draft);
        var first = (RequestLocalGoalsStep)seed.Steps[0];
        var midway = await mags.RequestLocalGoalsAsync(first.Request(drafted.Id, drafted.Version));
        Assert.Equal(1, GrpcSeedReplay.StepsDone(midway));

        var applied = new List<SeedStep?>();
        var done = await GrpcSeedReplay.ContinueAsync(fixture.AgreementsAs, seed, midway, (_, step) => applied.Add(step));

        Assert.Equal(seed.Steps.Skip(1), applied);
        Assert.Equal((seed.ExpectedStatus, GrpcSeedReplay.DraftVersion + seed.Steps.Count), (done.Edition.Status, done.Version));
        var again = await GrpcSeedReplay.ContinueAsync(fixture.AgreementsAs, seed, done, (_, step) => applied.Add(step));
        Assert.Equal((seed.Steps.Count - 1, done.Version), (applied.Count, again.Version));
    }
}
