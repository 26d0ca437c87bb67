using Zielsteuerung.Testing;
using Google.Rpc;
using Zielsteuerung.Parties.V1;
using StatusCode = Grpc.Core.StatusCode;

namespace PartyRegistry.Tests.Integration;

/// <summary>Registration and changes through the gRPC API: the model's rules, history, and every refusal's status.</summary>
[Collection(RegistryCollection.Name)]
public sealed class WriteRulesTests(RegistryFixture fixture)
{
    private PartyRegistryClient Client => fixture.Client;

    private Task<Party> GetAsync(string id, string asOf = "") => Client.GetPartyAsync(new GetPartyRequest { Id = id, AsOf = asOf }).ResponseAsync;

    [Fact]
    public async Task A_change_of_form_splits_the_history_at_its_effective_date()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(Client);

        var changed = await Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = jobcenter.Id,
            ExpectedVersion = 1,
            EffectiveDate = "2015-01-01",
            Form = JobcenterForm.Ge,
            Relations = { new RelationChange { Kind = RelationKind.PartnerAgency, PartyId = "aa-hamm" } },
            Reason = "Rückkehr zur gemeinsamen Einrichtung",
        });

        Assert.Equal(2, changed.Version);
        Assert.Equal(JobcenterForm.Zkt, (await GetAsync(jobcenter.Id, "2014-12-31")).Form);
        var after = await GetAsync(jobcenter.Id, "2015-01-01");
        Assert.Equal(JobcenterForm.Ge, after.Form);
        Assert.Contains(after.Relations, r => r.Kind == RelationKind.PartnerAgency && r.PartyId == "aa-hamm" && r.ValidFrom == "2015-01-01");

        var history = await Client.ListPartyHistoryAsync(new ListPartyHistoryRequest { Id = jobcenter.Id });
        Assert.Equal(["registered", "form relations.partner_agency"], history.Changes.Select(c => string.Join(' ', c.ChangedFields)).ToArray());
        Assert.Equal("2015-01-01", history.Changes[1].EffectiveDate);
        Assert.Equal("Rückkehr zur gemeinsamen Einrichtung", history.Changes[1].Reason);
        Assert.Equal(
            ["zkT 2005-01-01..2015-01-01", "gE 2015-01-01.."],
            history.Periods.Where(p => p.Field == "form").Select(p => $"{p.Value} {p.ValidFrom}..{p.ValidTo}").ToArray());
    }

    [Fact]
    public async Task A_gE_without_an_agency_partner_is_FAILED_PRECONDITION_naming_the_relation()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(Client);

        var status = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2016-01-01", Form = JobcenterForm.Ge,
        }));

        var violation = Assert.Single(status.Detail<PreconditionFailure>().Violations);
        Assert.Equal("relations.partner_agency", violation.Subject);
        Assert.Contains("2016-01-01", violation.Description);
        Assert.Equal(1, (await GetAsync(jobcenter.Id)).Version);
    }

    [Fact]
    public async Task A_jobcenter_whose_carrier_does_not_exist_at_that_date_is_FAILED_PRECONDITION()
    {
        var ags = TestParties.NextAgs();
        await Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "kt-" + ags, Kind = PartyKind.MunicipalCarrier, Name = "Neuer Kreis " + ags, Ags = ags, ValidFrom = "2010-01-01",
        });

        var status = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "jc-" + ags, Kind = PartyKind.Jobcenter, Name = "Jobcenter " + ags, Ags = ags, Form = JobcenterForm.Zkt, ValidFrom = "2005-01-01",
            Relations = { new Relation { Kind = RelationKind.Carrier, PartyId = "kt-" + ags } },
        }));

        Assert.Equal("relations.carrier", Assert.Single(status.Detail<PreconditionFailure>().Violations).Subject);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetPartyAsync(new GetPartyRequest { Id = "jc-" + ags }));
    }

    [Fact]
    public async Task Overlapping_validity_periods_are_FAILED_PRECONDITION()
    {
        var (carrier, _) = await TestParties.RegisterZktAsync(Client);
        var ags = TestParties.NextAgs();

        var status = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "jc-" + ags, Kind = PartyKind.Jobcenter, Name = "Jobcenter " + ags, Form = JobcenterForm.Ge, ValidFrom = "2005-01-01",
            Relations =
            {
                new Relation { Kind = RelationKind.Carrier, PartyId = carrier.Id },
                new Relation { Kind = RelationKind.PartnerAgency, PartyId = "aa-hamm", ValidTo = "2012-01-01" },
                new Relation { Kind = RelationKind.PartnerAgency, PartyId = "aa-dortmund", ValidFrom = "2011-01-01" },
            },
        }));

        Assert.Contains(status.Detail<PreconditionFailure>().Violations,
            v => v.Subject == "relations.partner_agency" && v.Description.Contains("overlapping"));
    }

    [Fact]
    public async Task A_second_jobcenter_with_the_same_ags_in_the_same_period_is_ALREADY_EXISTS()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "jc-05554-zwei", Kind = PartyKind.Jobcenter, Name = "Zweites Jobcenter Borken", Ags = "05554", Form = JobcenterForm.Zkt,
            ValidFrom = "2020-01-01", Relations = { new Relation { Kind = RelationKind.Carrier, PartyId = "kt-05554" } },
        }));

        Assert.Equal("jc-05554", status.Detail<ResourceInfo>().ResourceName);
    }

    [Fact]
    public async Task Registering_a_known_id_is_ALREADY_EXISTS()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "bmas", Kind = PartyKind.FederalMinistry, Name = "Bundesministerium für Arbeit und Soziales", ValidFrom = "2005-01-01",
        }));

        Assert.Equal("bmas", status.Detail<ResourceInfo>().ResourceName);
    }

    [Fact]
    public async Task After_a_jobcenter_ceased_another_may_hold_its_ags()
    {
        var (carrier, jobcenter) = await TestParties.RegisterZktAsync(Client);
        await Client.RecordChangeAsync(new RecordChangeRequest { PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2020-01-01", Dissolve = true });

        var successor = await Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = jobcenter.Id + "-neu", Kind = PartyKind.Jobcenter, Name = "Jobcenter (neu)", Ags = jobcenter.Ags, Form = JobcenterForm.Zkt,
            ValidFrom = "2020-01-01", Relations = { new Relation { Kind = RelationKind.Carrier, PartyId = carrier.Id } },
        });

        var byAgs = (string asOf) => Client.GetPartyByAgsAsync(new GetPartyByAgsRequest { Ags = jobcenter.Ags, Kind = PartyKind.Jobcenter, AsOf = asOf });
        Assert.Equal(jobcenter.Id, (await byAgs("2019-12-31")).Id);
        Assert.Equal(successor.Id, (await byAgs("2020-01-01")).Id);
    }

    [Fact]
    public async Task Unknown_ids_are_NOT_FOUND()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetPartyAsync(new GetPartyRequest { Id = "jc-99999" }));
        Assert.Equal("jc-99999", status.Detail<ResourceInfo>().ResourceName);

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = "jc-99999", ExpectedVersion = 1, EffectiveDate = "2020-01-01", Name = "x",
        }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.ListPartyHistoryAsync(new ListPartyHistoryRequest { Id = "jc-99999" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetPartyByAgsAsync(new GetPartyByAgsRequest { Ags = "05999", Kind = PartyKind.Jobcenter }));
    }

    [Fact]
    public async Task A_stale_expected_version_is_ABORTED_with_the_current_version()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(Client);
        await Client.RecordChangeAsync(new RecordChangeRequest { PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2014-01-01", Vergleichstyp = "IIb" });

        var status = await RpcAssert.FailsAsync(StatusCode.Aborted, () => Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2019-01-01", Vergleichstyp = "IIIa",
        }));

        Assert.Equal("2", status.Detail<ErrorInfo>().Metadata["current_version"]);
        Assert.Contains("version 2", status.Message);
    }

    [Fact]
    public async Task Of_two_concurrent_writers_with_the_same_version_exactly_one_wins()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(Client);

        async Task<Grpc.Core.StatusCode> Write(string name)
        {
            try
            {
                await Client.RecordChangeAsync(new RecordChangeRequest { PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2018-01-01", Name = name });
                return StatusCode.OK;
            }
            catch (Grpc.Core.RpcException e)
            {
                return e.StatusCode;
            }
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Write("Jobcenter Variante " + i)));

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.Aborted, o));
        Assert.Equal(2, (await GetAsync(jobcenter.Id)).Version);
    }

    [Fact]
    public async Task Vergleichstyp_revisions_are_changes_and_filterable_as_of_a_date()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(Client);
        await Client.RecordChangeAsync(new RecordChangeRequest { PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2014-01-01", Vergleichstyp = "IIb" });
        await Client.RecordChangeAsync(new RecordChangeRequest { PartyId = jobcenter.Id, ExpectedVersion = 2, EffectiveDate = "2019-01-01", Vergleichstyp = "IIIa" });

        async Task<List<string>> WithTypeAsync(string type, string asOf) => (await Client.ListPartiesAsync(new ListPartiesRequest
        {
            Filter = new PartyFilter { Kind = PartyKind.Jobcenter, State = "DE-SL", Vergleichstyp = type }, AsOf = asOf,
        })).Parties.Select(p => p.Id).ToList();

        Assert.Contains(jobcenter.Id, await WithTypeAsync("IIb", "2016-06-30"));
        Assert.DoesNotContain(jobcenter.Id, await WithTypeAsync("IIb", "2020-06-30"));
        Assert.Contains(jobcenter.Id, await WithTypeAsync("IIIa", "2020-06-30"));
        Assert.Equal("", (await GetAsync(jobcenter.Id, "2010-01-01")).Vergleichstyp);
    }

    [Fact]
    public async Task An_agency_merger_moves_the_gE_first_then_dissolves_the_old_agency()
    {
        var suffix = TestParties.NextAgs();
        foreach (var id in new[] { "aa-alt-" + suffix, "aa-neu-" + suffix })
        {
            await Client.RegisterPartyAsync(new RegisterPartyRequest
            {
                Id = id, Kind = PartyKind.EmploymentAgency, Name = "Agentur für Arbeit " + id, ValidFrom = "2005-01-01",
                Relations = { new Relation { Kind = RelationKind.Parent, PartyId = "rd-nrw" } },
            });
        }

        var carrier = await Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "kt-" + suffix, Kind = PartyKind.MunicipalCarrier, Name = "Testkreis " + suffix, Ags = suffix, ValidFrom = "2005-01-01",
        });
        var jobcenter = await Client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "jc-" + suffix, Kind = PartyKind.Jobcenter, Name = "Jobcenter " + suffix, Ags = suffix, Form = JobcenterForm.Ge, ValidFrom = "2005-01-01",
            Relations =
            {
                new Relation { Kind = RelationKind.Carrier, PartyId = carrier.Id },
                new Relation { Kind = RelationKind.PartnerAgency, PartyId = "aa-alt-" + suffix },
            },
        });

        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = "aa-alt-" + suffix, ExpectedVersion = 1, EffectiveDate = "2020-01-01", Dissolve = true, Reason = "Fusion",
        }));
        Assert.Contains(refused.Detail<PreconditionFailure>().Violations, v => v.Subject == "dissolve" && v.Description.Contains(jobcenter.Id));

        await Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2020-01-01",
            Relations = { new RelationChange { Kind = RelationKind.PartnerAgency, PartyId = "aa-neu-" + suffix } },
        });
        await Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = "aa-alt-" + suffix, ExpectedVersion = 1, EffectiveDate = "2020-01-01", Dissolve = true, Reason = "Fusion",
        });

        Assert.Equal("2020-01-01", (await GetAsync("aa-alt-" + suffix, "2019-12-31")).ValidTo);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetPartyAsync(new GetPartyRequest { Id = "aa-alt-" + suffix, AsOf = "2020-01-01" }));
        Assert.Contains((await GetAsync(jobcenter.Id, "2019-12-31")).Relations, r => r.PartyId == "aa-alt-" + suffix);
        Assert.Contains((await GetAsync(jobcenter.Id, "2020-01-01")).Relations, r => r.PartyId == "aa-neu-" + suffix);
    }

    [Fact]
    public async Task Representatives_change_with_an_effective_date()
    {
        var (carrier, _) = await TestParties.RegisterZktAsync(Client);
        await Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = carrier.Id, ExpectedVersion = 1, EffectiveDate = "2009-10-21",
            Representatives = { new RepresentativeChange { Role = "Landrat", Name = "Dr. Kai Zwicker" } },
        });
        await Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = carrier.Id, ExpectedVersion = 2, EffectiveDate = "2025-11-01",
            Representatives = { new RepresentativeChange { Role = "Landrat", Name = "Dr. Nachfolger" } },
        });

        Assert.Empty((await GetAsync(carrier.Id, "2009-01-01")).Representatives);
        var in2018 = Assert.Single((await GetAsync(carrier.Id, "2018-01-29")).Representatives);
        Assert.Equal(("Landrat", "Dr. Kai Zwicker"), (in2018.Role, in2018.Name));
        Assert.Equal("Dr. Nachfolger", Assert.Single((await GetAsync(carrier.Id, "2025-11-01")).Representatives).Name);
    }

    [Theory]
    [InlineData("2016-13-01")]
    [InlineData("01.01.2016")]
    [InlineData("2016-1-1")]
    public async Task A_malformed_date_is_INVALID_ARGUMENT_naming_the_field(string date)
    {
        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.GetPartyAsync(new GetPartyRequest { Id = "bmas", AsOf = date }));

        Assert.Equal("as_of", Assert.Single(status.Detail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task A_change_outside_the_party_existence_is_FAILED_PRECONDITION()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = "aa-mettmann", ExpectedVersion = 1, EffectiveDate = "2011-06-01", Name = "Agentur für Arbeit Mettmann (vorher)",
        }));

        Assert.Equal("effective_date", Assert.Single(status.Detail<PreconditionFailure>().Violations).Subject);
    }
}
