using Agreements.API.Model;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Zielsteuerung.Parties.V1;

namespace Agreements.API.Parties;

/// <summary>
/// The parties of an agreement as of its date, from the party registry over gRPC (with the service's own token),
/// remembered for a minute per (party, date): drafting and signing many agreements asks for the same few parties.
/// </summary>
internal sealed class PartyDirectory(PartyRegistry.PartyRegistryClient registry, IMemoryCache memory)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);

    /// <summary>The facts of each party on <paramref name="asOf"/>; unknown ones (or not existing then) as violations.</summary>
    public async Task<(Dictionary<string, PartyFacts> Facts, List<Violation> Violations)> LookUpAsync(
        IEnumerable<string> partyIds, DateOnly asOf, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<string, PartyFacts>(StringComparer.Ordinal);
        var violations = new List<Violation>();
        foreach (var id in partyIds.Distinct(StringComparer.Ordinal))
        {
            if (await FactsAsync(id, asOf, cancellationToken) is { } found)
            {
                facts[id] = found;
            }
            else
            {
                violations.Add(Violation.Precondition("registry.party_exists", id,
                    $"the party registry knows no party '{id}' on {Dates.Format(asOf)} (unknown, or not existing on that date)."));
            }
        }

        return (facts, violations);
    }

    private async Task<PartyFacts?> FactsAsync(string id, DateOnly asOf, CancellationToken cancellationToken)
    {
        var key = (id, asOf);
        if (memory.TryGetValue(key, out PartyFacts? known))
        {
            return known;
        }

        var party = await GetAsync(new GetPartyRequest { Id = id, AsOf = Dates.Format(asOf) }, cancellationToken);
        if (party is null)
        {
            return null;
        }

        var facts = new PartyFacts(party.Id, Token(party.Kind), party.Name, party.ShortName, party.Ags, party.State,
            JobcenterForm: Form(party.Form),
            CarrierId: Related(party, RelationKind.Carrier),
            PartnerAgencyId: Related(party, RelationKind.PartnerAgency));
        if (party.Kind == PartyKind.MunicipalCarrier && party.Ags.Length > 0)
        {
            var jobcenter = await GetByAgsAsync(party.Ags, asOf, cancellationToken);
            if (jobcenter is not null && Related(jobcenter, RelationKind.Carrier) == party.Id)
            {
                facts = facts with { JobcenterForm = Form(jobcenter.Form), JobcenterId = jobcenter.Id };
            }
        }

        memory.Set(key, facts, Remember);
        return facts;
    }

    private async Task<Party?> GetAsync(GetPartyRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.GetPartyAsync(request, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<Party?> GetByAgsAsync(string ags, DateOnly asOf, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.GetPartyByAgsAsync(
                new GetPartyByAgsRequest { Ags = ags, Kind = PartyKind.Jobcenter, AsOf = Dates.Format(asOf) }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Related(Party party, RelationKind kind) =>
        party.Relations.FirstOrDefault(r => r.Kind == kind)?.PartyId ?? "";

    private static string Form(JobcenterForm form) => form switch
    {
        JobcenterForm.Ge => PartyFacts.Ge,
        JobcenterForm.Zkt => PartyFacts.Zkt,
        _ => "",
    };

    private static string Token(PartyKind kind) =>
        PartiesReflection.Descriptor.EnumTypes.Single(e => e.ClrType == typeof(PartyKind)).FindValueByNumber((int)kind).Name["PARTY_KIND_".Length..].ToLowerInvariant();
}
