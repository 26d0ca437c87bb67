using Microsoft.Extensions.Configuration;
using PartyRegistry.API.Application;
using PartyRegistry.API.Caching;
using PartyRegistry.API.Model;
using Zielsteuerung.Caching;
using Zielsteuerung.ServiceDefaults;
using Contract = Zielsteuerung.Parties.V1;

namespace PartyRegistry.Tests.Domain;

/// <summary>The in-process level of the cache (Redis is covered by the integration tests).</summary>
public sealed class PartyCacheTests : IDisposable
{
    private static readonly DateOnly Day = new(2016, 1, 1);
    private readonly ServiceTelemetry _telemetry = new("party-registry-tests");
    private readonly PartyCache _cache;

    public PartyCacheTests() => _cache = new PartyCache(
        new InMemoryCache(), new RegistryTelemetry(_telemetry), new ConfigurationBuilder().Build());

    [Fact]
    public async Task An_answer_is_served_from_the_process_until_the_party_is_invalidated()
    {
        var answer = new Contract.Party { Id = "jc-05554", Name = "Jobcenter Kreis Borken" };
        _cache.SetLocal("jc-05554", Day, answer, _cache.Generation);

        Assert.True(_cache.TryGetLocal("jc-05554", Day, out var cached));
        Assert.Same(answer, await cached);
        Assert.False(_cache.TryGetLocal("jc-05554", Day.AddDays(1), out _));

        await _cache.InvalidateAsync(new PartyRecord("jc-05554", PartyKind.Jobcenter, Day), [], CancellationToken.None);
        Assert.False(_cache.TryGetLocal("jc-05554", Day, out _));
    }

    [Fact]
    public async Task An_answer_loaded_before_an_invalidation_is_not_kept()
    {
        var generation = _cache.Generation;
        await _cache.InvalidateAsync(new PartyRecord("jc-05113", PartyKind.Jobcenter, Day), [], CancellationToken.None);

        _cache.SetLocal("jc-05113", Day, new Contract.Party { Id = "jc-05113" }, generation);

        Assert.False(_cache.TryGetLocal("jc-05113", Day, out _));
    }

    [Fact]
    public async Task A_whole_party_is_cached_once_and_loaded_once()
    {
        var loads = 0;
        var record = new PartyRecord("mags-nrw", PartyKind.StateMinistry, new DateOnly(2005, 1, 1), version: 3);
        record.Field(Tokens.Name).Set("MAGS", new DateOnly(2005, 1, 1));
        record.Field(Tokens.Name).Set("MAIS", new DateOnly(2010, 7, 15));

        for (var i = 0; i < 3; i++)
        {
            var loaded = await _cache.GetOrLoadAsync("mags-nrw", _ => { loads++; return Task.FromResult<PartyRecord?>(record); }, CancellationToken.None);
            Assert.Equal("MAIS", loaded!.ValueAt(Tokens.Name, Day));
            Assert.Equal(3, loaded.Version);
        }

        Assert.Equal(1, loads);
    }

    public void Dispose() => _telemetry.Dispose();
}
