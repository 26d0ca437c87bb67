using Zielsteuerung.Testing;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.Tests.Integration;

/// <summary>The NRW reference data as the running registry serves it: counts, as-of reads, groups, search, paging.</summary>
[Collection(RegistryCollection.Name)]
public sealed class NrwReferenceDataTests(RegistryFixture fixture)
{
    private PartyRegistryClient Client => fixture.Client;

    private async Task<List<string>> MembersAsync(string asOf, JobcenterForm form = JobcenterForm.Unspecified)
    {
        var response = await Client.ListGroupMembersAsync(new ListGroupMembersRequest
        {
            Group = new PartyFilter { Kind = PartyKind.Jobcenter, State = "DE-NW", Form = form },
            AsOf = asOf,
        });
        return response.Members.Select(m => m.Id).ToList();
    }

    [Fact]
    public async Task The_registry_starts_with_the_53_NRW_jobcenters_35_gE_and_18_zkT()
    {
        Assert.Equal(53, (await MembersAsync("")).Count);
        Assert.Equal(35, (await MembersAsync("", JobcenterForm.Ge)).Count);
        Assert.Equal(18, (await MembersAsync("", JobcenterForm.Zkt)).Count);
    }

    [Fact]
    public async Task Borken_is_a_zkT_of_NRW_on_2016_01_01()
    {
        var zkt2016 = await MembersAsync("2016-01-01", JobcenterForm.Zkt);

        Assert.Contains("jc-05554", zkt2016);
        Assert.Equal(18, zkt2016.Count);
    }

    [Fact]
    public async Task Ten_NRW_jobcenters_were_zkT_in_2011_Ennepe_Ruhr_among_them_Essen_not()
    {
        var zkt2011 = await MembersAsync("2011-12-31", JobcenterForm.Zkt);

        Assert.Equal(10, zkt2011.Count);
        Assert.Contains("jc-05954", zkt2011);
        Assert.DoesNotContain("jc-05113", zkt2011);
        Assert.Contains("jc-05113", await MembersAsync("2011-12-31", JobcenterForm.Ge));
    }

    [Fact]
    public async Task Essen_was_gE_in_2011_and_is_zkT_from_2012()
    {
        var in2011 = await Client.GetPartyByAgsAsync(new GetPartyByAgsRequest { Ags = "05113", Kind = PartyKind.Jobcenter, AsOf = "2011-06-30" });
        var in2012 = await Client.GetPartyByAgsAsync(new GetPartyByAgsRequest { Ags = "05113", Kind = PartyKind.Jobcenter, AsOf = "2012-01-01" });

        Assert.Equal("jc-05113", in2011.Id);
        Assert.Equal(JobcenterForm.Ge, in2011.Form);
        Assert.Contains(in2011.Relations, r => r.Kind == RelationKind.PartnerAgency && r.PartyId == "aa-essen" && r.ValidTo == "2012-01-01");
        Assert.Equal(JobcenterForm.Zkt, in2012.Form);
        Assert.DoesNotContain(in2012.Relations, r => r.Kind == RelationKind.PartnerAgency);
        Assert.Contains(in2012.Relations, r => r.Kind == RelationKind.Carrier && r.PartyId == "kt-05113");
    }

    [Fact]
    public async Task Mags_was_called_Mais_in_2016()
    {
        var in2016 = await Client.GetPartyAsync(new GetPartyRequest { Id = "mags-nrw", AsOf = "2016-01-01" });
        var in2018 = await Client.GetPartyAsync(new GetPartyRequest { Id = "mags-nrw", AsOf = "2018-02-22" });

        Assert.Equal("MAIS NRW", in2016.ShortName);
        Assert.Equal("Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen", in2016.Name);
        Assert.Equal("MAGS NRW", in2018.ShortName);
        Assert.Equal("Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen", in2018.Name);
    }

    [Fact]
    public async Task A_name_search_sees_the_names_of_its_date()
    {
        var in2016 = await Client.SearchPartiesAsync(new SearchPartiesRequest { NameFragment = "integration", AsOf = "2016-01-01" });
        var today = await Client.SearchPartiesAsync(new SearchPartiesRequest { NameFragment = "integration" });

        Assert.Contains(in2016.Parties, p => p.Id == "mags-nrw");
        Assert.DoesNotContain(today.Parties, p => p.Id == "mags-nrw");
    }

    [Fact]
    public async Task The_history_of_Mags_lists_its_name_periods()
    {
        var history = await Client.ListPartyHistoryAsync(new ListPartyHistoryRequest { Id = "mags-nrw" });

        Assert.Equal(
            ["2005-01-01..2010-07-15 MAGS NRW", "2010-07-15..2017-07-01 MAIS NRW", "2017-07-01.. MAGS NRW"],
            history.Periods.Where(p => p.Field == "short_name").Select(p => $"{p.ValidFrom}..{p.ValidTo} {p.Value}").ToArray());
        Assert.Equal("registered", history.Changes[0].ChangedFields.Single());
        Assert.Equal("reference data", history.Changes[0].RecordedBy);
    }

    [Fact]
    public async Task The_Mettmann_agency_did_not_exist_in_2011()
    {
        var status = await RpcAssert.FailsAsync(Grpc.Core.StatusCode.NotFound,
            () => Client.GetPartyAsync(new GetPartyRequest { Id = "aa-mettmann", AsOf = "2011-12-31" }));

        Assert.Equal("aa-mettmann", status.Detail<Google.Rpc.ResourceInfo>().ResourceName);
        Assert.Equal("2012-01-01", (await Client.GetPartyAsync(new GetPartyRequest { Id = "aa-mettmann", AsOf = "2012-01-01" })).ValidFrom);
    }

    [Fact]
    public async Task Listing_pages_through_all_jobcenters_in_id_order()
    {
        var ids = new List<string>();
        var request = new ListPartiesRequest { Filter = new PartyFilter { Kind = PartyKind.Jobcenter, State = "DE-NW" }, PageSize = 20 };
        var pages = 0;
        do
        {
            var page = await Client.ListPartiesAsync(request);
            ids.AddRange(page.Parties.Select(p => p.Id));
            request.PageToken = page.NextPageToken;
            pages++;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(53, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task The_jobcenters_of_an_agency_are_listed_by_related_party()
    {
        var response = await Client.ListPartiesAsync(new ListPartiesRequest
        {
            Filter = new PartyFilter { Kind = PartyKind.Jobcenter, RelatedPartyId = "aa-bergisch-gladbach" },
        });

        Assert.Equal(["jc-05316", "jc-05374", "jc-05378"], response.Parties.Select(p => p.Id).ToArray());
    }

    [Fact]
    public async Task An_ags_names_a_carrier_and_a_jobcenter_told_apart_by_kind()
    {
        var carrier = await Client.GetPartyByAgsAsync(new GetPartyByAgsRequest { Ags = "05554", Kind = PartyKind.MunicipalCarrier });
        var jobcenter = await Client.GetPartyByAgsAsync(new GetPartyByAgsRequest { Ags = "05554", Kind = PartyKind.Jobcenter });

        Assert.Equal("kt-05554", carrier.Id);
        Assert.Equal("jc-05554", jobcenter.Id);
        Assert.Contains(carrier.Relations, r => r.Kind == RelationKind.Supervisor && r.PartyId == "mags-nrw");
    }

    [Fact]
    public async Task Reimporting_the_nrw_file_registers_nothing()
    {
        var content = Google.Protobuf.ByteString.CopyFrom(await File.ReadAllBytesAsync(
            Path.Combine(PartyRegistry.API.Import.ReferenceData.Directory, "nrw-parties.csv")));

        for (var i = 0; i < 2; i++)
        {
            var result = await Client.ImportPartiesAsync(new ImportPartiesRequest { Content = content, ValidFrom = "2005-01-01" });
            Assert.Equal(0, result.Registered);
            Assert.Equal(135, result.Unchanged);
        }
    }
}
