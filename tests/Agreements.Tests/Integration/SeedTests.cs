using Aspire.Hosting.Testing;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.Identity.V1;
using Zielsteuerung.IntegrationEvents.Agreements;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.Testing;

namespace Agreements.Tests.Integration;

/// <summary>The four seed situations end to end through the gRPC API against the real topology.</summary>
[Collection(AgreementsCollection.Name)]
public sealed class SeedTests(AgreementsFixture fixture)
{
    [Fact]
    public async Task Borken2018_holds_all_five_targets_and_the_observations_and_is_in_force_on_the_day_MAGS_signed()
    {
        var seed = SeedAgreements.Borken2018;
        var agreement = await SeedApi.ReplayAsync(fixture, seed);

        Assert.Equal((AgreementStatus.InForce, "2018-02-22", LegalBasis.Sgb248BNr4), (agreement.Edition.Status, agreement.Edition.InForceOn, agreement.LegalBasis));
        Assert.Equal(SeedApi.AsStated(seed.Draft.Content.Goals), SeedApi.AsStated(agreement.Edition.Content.Goals));
        Assert.Equal(5, agreement.Edition.Content.Goals.Sum(g => g.Targets.Count));
        Assert.Equal(
            [("kt-05554", "Borken", "2018-01-29", "Dr. Kai Zwicker"), ("mags-nrw", "Düsseldorf", "2018-02-22", "Dr. Edmund Heller")],
            agreement.Edition.Signatures.Select(s => (s.PartyId, s.Place, s.SignedOn, s.Signatory)).ToArray());
        Assert.StartsWith("Ministerium für Arbeit, Gesundheit und Soziales", agreement.Parties.Single(p => p.PartyId == "mags-nrw").Name);
        Assert.True(agreement.Documents.Single().PartOfAgreement);

        var inForce = await fixture.Events.WaitForAsync<AgreementInForce>(e => e.AgreementId == agreement.Id);
        Assert.Equal(5, inForce.Targets.Count);
        Assert.Contains(inForce.Targets, t => (t.Indicator, t.Part, t.Measure, t.Direction, t.Value, t.DataBasis) == ("K3", "numerator", "december_value", "at_most", 0.0m, "t0"));

        var rendered = await (await fixture.As("kt-05554")).RenderAgreementAsync(new RenderAgreementRequest { AgreementId = agreement.Id });
        Assert.Equal("text/markdown; charset=utf-8", rendered.MediaType);
        foreach (var line in new[] { "vertreten durch Herrn Staatssekretär Dr. Edmund Heller", "vertreten durch Herrn Landrat Dr. Kai Zwicker",
                     "§ 48b Abs. 1 S. 1 Nr. 4", "Borken, den 29.01.2018", "Düsseldorf, den 22.02.2018" })
        {
            Assert.Contains(line, rendered.Text, StringComparison.Ordinal);
        }

        Assert.True(rendered.Text.IndexOf("Borken, den 29.01.2018", StringComparison.Ordinal) > rendered.Text.IndexOf("III. Vermeidung", StringComparison.Ordinal));
        var html = await (await fixture.As("mags-nrw")).RenderAgreementAsync(new RenderAgreementRequest { AgreementId = agreement.Id, Format = RenderFormat.Html });
        Assert.Contains("<p>Borken, den 29.01.2018</p>", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BmasNrw2016_carries_the_budget_the_state_wide_zkT_targets_and_refers_to_the_35_trilateral_agreements()
    {
        var trilateral = await TrilateralAgreementsOf2016Async();
        Assert.Equal(35, trilateral.Count);
        var seed = SeedAgreements.BmasNrw2016With(trilateral);

        var agreement = await SeedApi.ReplayAsync(fixture, seed);

        Assert.Equal((AgreementStatus.InForce, "2016-10-24"), (agreement.Edition.Status, agreement.Edition.InForceOn));
        Assert.Equal(
            [(BudgetKind.Vwt, 36_349_266_600L), (BudgetKind.Egt, 32_121_593_400L)],
            agreement.Edition.Content.Budget.Select(b => (b.Kind, b.AmountCents)).OrderByDescending(b => b.Kind == BudgetKind.Vwt).ToArray());
        var groupTargets = agreement.Edition.Content.Goals.SelectMany(g => g.Targets).Where(t => t.Scope.Group is not null).ToList();
        Assert.Contains(groupTargets, t => t.Scope.Group is { Kind: GroupKind.ZktOfState, State: "DE-NW", Aggregation: Aggregation.MeanOfMembers } && t.Value == "-0.4");
        Assert.Equal(35, agreement.Edition.Content.Sections.Single(s => s.ReferencedAgreementIds.Count > 0).ReferencedAgreementIds.Count);
        Assert.StartsWith("Ministerium für Arbeit, Integration und Soziales", agreement.Parties.Single(p => p.PartyId == "mags-nrw").Name);
    }

    [Fact]
    public async Task Unna2012_a_draft_with_state_targets_gets_local_goals_before_the_deadline_and_a_committee_notice()
    {
        var seed = SeedAgreements.Unna2012;
        var agreement = await SeedApi.ReplayAsync(fixture, seed);

        Assert.Equal((AgreementStatus.Negotiation, LegalBasis.StateLaw), (agreement.Edition.Status, agreement.LegalBasis));
        Assert.Equal(("2012-01-31", "2012-01-27"), (agreement.Edition.LocalGoals.Deadline, agreement.Edition.LocalGoals.AddedOn));
        Assert.Contains(agreement.Edition.Content.Goals, g => g.Origin == GoalOrigin.Local && g.AddedByPartyId == "kt-05978");
        Assert.Contains(agreement.Edition.Content.Goals, g => g.Origin == GoalOrigin.Draft);
        Assert.Equal("kt-05978", agreement.CommitteeNotices.Single().PartyId);
        var ministry = agreement.Parties.Single(p => p.PartyId == "mags-nrw");
        Assert.StartsWith("Ministerium für Arbeit, Integration und Soziales", ministry.Name);
        Assert.Equal("gE", agreement.Parties.Single(p => p.PartyId == "kt-05978").JobcenterForm);
        await fixture.Events.WaitForAsync<LocalGoalsAdded>(e => e.AgreementId == agreement.Id && e.AddedByPartyId == "kt-05978");
    }

    [Fact]
    public async Task Neuss2013_the_multilateral_agreement_is_returned_unsigned_with_its_reason()
    {
        var seed = SeedAgreements.Neuss2013;
        var agreement = await SeedApi.ReplayAsync(fixture, seed);

        Assert.Equal((AgreementStatus.Returned, LegalBasis.Multilateral), (agreement.Edition.Status, agreement.LegalBasis));
        Assert.Equal(("mags-nrw", "2013-07-05", SeedAgreements.NeussReturnReason),
            (agreement.Edition.Returned.PartyId, agreement.Edition.Returned.ReturnedOn, agreement.Edition.Returned.Reason));
        Assert.Equal(["jc-05162", "kt-05162"], agreement.Edition.Signatures.Select(s => s.PartyId).ToArray());
        Assert.Empty(agreement.Edition.AwaitingSignature);
    }

    /// <summary>
    /// One § 48b Nr. 2 agreement for each of the 35 gE of NRW in 2016 (agency, carrier and their jobcenter, drafted by
    /// the carrier through a client the platform admin registers for it).
    /// </summary>
    private async Task<List<string>> TrilateralAgreementsOf2016Async()
    {
        using var registryChannel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Topology.App.GetEndpoint("party-registry", "grpc"));
        var registry = new PartyRegistry.PartyRegistryClient(registryChannel);
        var read = DevelopmentTokens.Bearer(await fixture.Tokens.GetAsync("mags-nrw", "parties.read"));
        var members = await registry.ListGroupMembersAsync(new ListGroupMembersRequest
        {
            Group = new PartyFilter { Kind = PartyKind.Jobcenter, State = "DE-NW", Form = JobcenterForm.Ge }, AsOf = "2016-01-01",
        }, read);

        using var identityChannel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Topology.App.GetEndpoint("identity", "grpc"));
        var admin = new ClientAdmin.ClientAdminClient(identityChannel);
        var adminCall = DevelopmentTokens.Bearer(await fixture.Tokens.GetAsync("platform-admin", "identity.admin"));
        var ids = new List<string>();
        foreach (var member in members.Members)
        {
            var jobcenter = await registry.GetPartyAsync(new GetPartyRequest { Id = member.Id, AsOf = "2016-01-01" }, read);
            var carrier = jobcenter.Relations.Single(r => r.Kind == RelationKind.Carrier).PartyId;
            var agency = jobcenter.Relations.Single(r => r.Kind == RelationKind.PartnerAgency).PartyId;
            var clientId = $"{carrier}-{Drafts.NewId("t")}";
            var registered = await admin.RegisterClientAsync(new RegisterClientRequest
            {
                ClientId = clientId, DisplayName = $"{carrier} (agreements test)", PartyId = carrier, Scopes = { "agreements.write" },
            }, adminCall);
            var token = await fixture.Tokens.GetWithSecretAsync(clientId, registered.ClientSecret, "agreements.write");
            var draft = await new Zielsteuerung.Agreements.V1.Agreements.AgreementsClient(fixture.Channel).CreateDraftAsync(new CreateDraftRequest
            {
                Year = 2016,
                LegalBasis = LegalBasis.Sgb248BNr2,
                DatedOn = "2016-02-01",
                Parties =
                {
                    new AgreementParty { PartyId = agency, Role = PartyRole.Signatory },
                    new AgreementParty { PartyId = carrier, Role = PartyRole.Signatory },
                    new AgreementParty { PartyId = jobcenter.Id, Role = PartyRole.Signatory },
                },
                Content = new AgreementContent { Title = $"Trilaterale Zielvereinbarung 2016 – {jobcenter.Name}" },
            }, DevelopmentTokens.Bearer(token));
            ids.Add(draft.Id);
        }

        return ids;
    }
}
