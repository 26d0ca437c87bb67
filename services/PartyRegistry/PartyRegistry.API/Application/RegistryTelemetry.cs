using System.Diagnostics;
using System.Diagnostics.Metrics;
using Zielsteuerung.ServiceDefaults;

namespace PartyRegistry.API.Application;

/// <summary>
/// The registry's own spans and instruments, on the service's ActivitySource and Meter (exported by ServiceDefaults):
/// <c>party_registry.writes</c> (tags operation, kind, outcome) and <c>party_registry.cache.lookups</c> (tag result:
/// hit or miss).
/// </summary>
internal sealed class RegistryTelemetry(ServiceTelemetry telemetry)
{
    private readonly Counter<long> _writes = telemetry.Meter.CreateCounter<long>(
        "party_registry.writes", unit: "{write}", description: "Registrations, changes and imports, by outcome.");

    private readonly Counter<long> _cacheLookups = telemetry.Meter.CreateCounter<long>(
        "party_registry.cache.lookups", unit: "{lookup}", description: "Reads of a party through the cache.");

    public Activity? StartWrite(string operation, string partyId)
    {
        var activity = telemetry.ActivitySource.StartActivity("party_registry." + operation);
        if (partyId.Length > 0)
        {
            activity?.SetTag("party.id", partyId);
        }

        return activity;
    }

    public void Write(string operation, string outcome) =>
        _writes.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));

    public void CacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
}
