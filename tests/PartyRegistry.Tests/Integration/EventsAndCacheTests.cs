using Zielsteuerung.IntegrationEvents.Parties;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.Tests.Integration;

/// <summary>Events on RabbitMQ through the outbox, and the Redis cache.</summary>
[Collection(RegistryCollection.Name)]
public sealed class EventsAndCacheTests(RegistryFixture fixture)
{
    private PartyRegistryClient Client => fixture.Client;

    [Fact]
    public async Task A_registration_publishes_PartyRegistered()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(fixture.Client);

        var registered = await fixture.WaitForEventAsync<PartyRegistered>(e => e.PartyId == jobcenter.Id);

        Assert.Equal(("jobcenter", 1L, new DateOnly(2005, 1, 1), jobcenter.Ags), (registered.Kind, registered.Version, registered.ValidFrom, registered.Ags));
    }

    [Fact]
    public async Task A_change_publishes_PartyChanged_with_version_effective_date_and_fields()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(fixture.Client);
        await Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2017-07-01", Name = "Jobcenter (umbenannt)", ShortName = "JC U",
        });

        var changed = await fixture.WaitForEventAsync<PartyChanged>(e => e.PartyId == jobcenter.Id);

        Assert.Equal(2, changed.Version);
        Assert.Equal(new DateOnly(2017, 7, 1), changed.EffectiveDate);
        Assert.Equal(["name", "short_name"], changed.ChangedFields.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_change_recorded_while_the_broker_is_down_is_published_when_it_is_back()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(fixture.Client);
        await fixture.WaitForEventAsync<PartyRegistered>(e => e.PartyId == jobcenter.Id);

        await fixture.Topology.StopResourceAsync("rabbitmq");
        try
        {
            var changed = await Client.RecordChangeAsync(new RecordChangeRequest
            {
                PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2019-01-01", Vergleichstyp = "Ic",
            });
            Assert.Equal(2, changed.Version);
        }
        finally
        {
            await fixture.Topology.StartResourceAsync("rabbitmq");
        }

        var delivered = await fixture.WaitForEventAsync<PartyChanged>(e => e.PartyId == jobcenter.Id, TimeSpan.FromSeconds(90));
        Assert.Equal(["vergleichstyp"], delivered.ChangedFields.ToArray());
    }

    [Fact]
    public async Task A_read_fills_the_cache_and_a_change_invalidates_it()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(fixture.Client);
        await Task.Delay(RegistryFixture.RepeatedInvalidationSettles);
        Assert.Empty(CachedKeys(jobcenter.Id));

        await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id });
        Assert.Single(CachedKeys(jobcenter.Id));

        await Client.RecordChangeAsync(new RecordChangeRequest { PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2021-01-01", Name = "Jobcenter Neu" });
        Assert.Empty(CachedKeys(jobcenter.Id));

        var read = await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id });
        Assert.Equal(("Jobcenter Neu", 2L), (read.Name, read.Version));
        Assert.Equal(jobcenter.Name, (await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id, AsOf = "2020-12-31" })).Name);
    }

    [Fact]
    public async Task Reads_are_served_from_the_process_first_then_from_Redis_not_the_database()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(fixture.Client);
        await Task.Delay(RegistryFixture.RepeatedInvalidationSettles);
        await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id });
        var key = Assert.Single(CachedKeys(jobcenter.Id));

        // Plant a different (still well-formed) entry: a read that returns it came from Redis.
        var cached = PartyHistory.Parser.ParseFrom((byte[])fixture.Redis.StringGet(key)!);
        cached.Periods.Single(p => p.Field == "name").Value = "aus dem Cache";
        fixture.Redis.StringSet(key, Google.Protobuf.MessageExtensions.ToByteArray(cached), TimeSpan.FromMinutes(1));

        Assert.Equal(jobcenter.Name, (await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id })).Name);
        await Task.Delay(RegistryFixture.LocalCacheTimeToLive + TimeSpan.FromMilliseconds(200));
        Assert.Equal("aus dem Cache", (await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id })).Name);
    }

    [Fact]
    public async Task Reads_and_writes_work_while_Redis_is_down()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(fixture.Client);

        await fixture.Topology.StopResourceAsync("redis");
        try
        {
            Assert.Equal(jobcenter.Name, (await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id })).Name);
            await Client.RecordChangeAsync(new RecordChangeRequest { PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2022-01-01", Name = "Jobcenter ohne Redis" });
            Assert.Equal("Jobcenter ohne Redis", (await Client.GetPartyAsync(new GetPartyRequest { Id = jobcenter.Id, AsOf = "2022-01-01" })).Name);
        }
        finally
        {
            await fixture.Topology.StartResourceAsync("redis");
        }
    }

    private List<string> CachedKeys(string id) =>
        fixture.RedisServer.Keys(pattern: "*party:" + id).Select(k => (string)k!).ToList();
}
