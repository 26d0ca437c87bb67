using System.Collections.Frozen;
using System.Globalization;
using Grpc.Core;
using Kpi.Ingestion.API.Model;
using Microsoft.Extensions.Caching.Memory;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Parties.V1;

namespace Kpi.Ingestion.API.Registry;

/// <summary>A jobcenter as the KPI data name it: its party id and its 5-digit key (the AGS of its Kreis or city).</summary>
internal readonly record struct Jobcenter(string Id, int Key)
{
    public string KeyText => FormatKey(Key);

    public static string FormatKey(int key) => key.ToString("D5", CultureInfo.InvariantCulture);
}

/// <summary>
/// The jobcenters of the party registry (over gRPC, with the service's own token) as of a date: which exist in a
/// month (to validate deliveries), one by id, and the members of a group. Remembered for ten minutes per date: a
/// delivery of fifteen years asks for 180 months once.
/// </summary>
internal sealed class JobcenterDirectory(PartyRegistry.PartyRegistryClient registry, IMemoryCache memory)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The jobcenters existing on the last day of <paramref name="month"/>, by key. The months after it (up to
    /// <paramref name="lastMonth"/>) are asked for at the same time (a delivery usually runs through months in order): a
    /// delivery of fifteen years waits for the registry about once per <see cref="MonthsAhead"/> months, not every month.
    /// </summary>
    public Task<FrozenDictionary<int, string>> InMonthAsync(Kpi.Computation.YearMonth month, Kpi.Computation.YearMonth lastMonth, CancellationToken cancellationToken)
    {
        var wanted = Month(month);
        for (var ahead = month.AddMonths(1); ahead < month.AddMonths(MonthsAhead) && ahead <= lastMonth; ahead = ahead.AddMonths(1))
        {
            _ = Month(ahead);
        }

        return wanted.WaitAsync(cancellationToken);
    }

    private const int MonthsAhead = 12;

    // One registry call per month, shared by everyone asking while it runs; a failed call is forgotten at once.
    private Task<FrozenDictionary<int, string>> Month(Kpi.Computation.YearMonth month)
    {
        var asOf = Months.LastDay(month);
        var key = ("month", asOf);
        if (memory.TryGetValue(key, out Task<FrozenDictionary<int, string>>? known))
        {
            return known!;
        }

        var fetch = FetchMonthAsync(asOf);
        memory.Set(key, fetch, Remember);
        fetch.ContinueWith(failed =>
        {
            memory.Remove(key);
            _ = failed.Exception;   // observed: the caller that awaits it sees the failure, a prefetch nobody awaits does not
        }, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return fetch;
    }

    private async Task<FrozenDictionary<int, string>> FetchMonthAsync(DateOnly asOf)
    {
        var members = await registry.ListGroupMembersAsync(
            new ListGroupMembersRequest { Group = new PartyFilter { Kind = PartyKind.Jobcenter }, AsOf = Format(asOf) });
        return members.Members.Where(m => TryKey(m.Ags, out _)).GroupBy(m => int.Parse(m.Ags, CultureInfo.InvariantCulture))
            .ToFrozenDictionary(g => g.Key, g => g.First().Id);
    }

    /// <summary>The jobcenter <paramref name="id"/> as of <paramref name="asOf"/>; NOT_FOUND when the registry knows no such jobcenter then.</summary>
    public async Task<Jobcenter> JobcenterAsync(string id, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (memory.TryGetValue(("jobcenter", id, asOf), out Jobcenter known))
        {
            return known;
        }

        Party party;
        try
        {
            party = await registry.GetPartyAsync(new GetPartyRequest { Id = id, AsOf = Format(asOf) }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new NotFoundException("zielsteuerung.parties.v1.Party", id, $"the party registry knows no jobcenter '{id}' on {Format(asOf)}.");
        }

        if (party.Kind != PartyKind.Jobcenter || !TryKey(party.Ags, out var key))
        {
            throw new InvalidRequestException("jobcenter_id", $"'{id}' is not a jobcenter with a 5-digit key in the party registry.");
        }

        var jobcenter = new Jobcenter(party.Id, key);
        memory.Set(("jobcenter", id, asOf), jobcenter, Remember);
        return jobcenter;
    }

    /// <summary>The members of <paramref name="group"/> on <paramref name="asOf"/>, ordered by key.</summary>
    public async Task<IReadOnlyList<Jobcenter>> MembersAsync(JobcenterGroup group, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (group.Kind == GroupKind.Listed)
        {
            if (group.JobcenterIds.Count == 0)
            {
                throw new InvalidRequestException("subject.group.jobcenter_ids", "a LISTED group needs at least one jobcenter id.");
            }

            var listed = new List<Jobcenter>();
            foreach (var id in group.JobcenterIds.Distinct(StringComparer.Ordinal))
            {
                listed.Add(await JobcenterAsync(id, asOf, cancellationToken));
            }

            return listed.OrderBy(j => j.Key).ToList();
        }

        if (group.State.Length == 0)
        {
            throw new InvalidRequestException("subject.group.state", "required for this group kind: the state's ISO 3166-2 code, e.g. \"DE-NW\".");
        }

        var filter = new PartyFilter { Kind = PartyKind.Jobcenter, State = group.State };
        filter.Form = group.Kind switch
        {
            GroupKind.ZktOfState => JobcenterForm.Zkt,
            GroupKind.GeOfState => JobcenterForm.Ge,
            GroupKind.JobcentersOfState => JobcenterForm.Unspecified,
            _ => throw new InvalidRequestException("subject.group.kind", "required: ZKT_OF_STATE, GE_OF_STATE, JOBCENTERS_OF_STATE or LISTED."),
        };
        var cacheKey = ("group", group.Kind, group.State, asOf);
        if (memory.TryGetValue(cacheKey, out IReadOnlyList<Jobcenter>? known))
        {
            return known!;
        }

        var members = (await ListAsync(filter, asOf, cancellationToken)).OrderBy(j => j.Key).ToList();
        if (members.Count == 0)
        {
            throw new NotFoundException("zielsteuerung.kpi.v1.JobcenterGroup", $"{group.Kind} {group.State}",
                $"the party registry lists no jobcenter of this group ({group.Kind}, {group.State}) on {Format(asOf)}.");
        }

        memory.Set(cacheKey, (IReadOnlyList<Jobcenter>)members, Remember);
        return members;
    }

    private async Task<List<Jobcenter>> ListAsync(PartyFilter filter, DateOnly asOf, CancellationToken cancellationToken)
    {
        var found = new List<Jobcenter>();
        var page = "";
        do
        {
            var response = await registry.ListPartiesAsync(
                new ListPartiesRequest { Filter = filter, AsOf = Format(asOf), PageSize = 500, PageToken = page }, cancellationToken: cancellationToken);
            foreach (var party in response.Parties)
            {
                if (TryKey(party.Ags, out var key))
                {
                    found.Add(new Jobcenter(party.Id, key));
                }
            }

            page = response.NextPageToken;
        }
        while (page.Length > 0);
        return found;
    }

    public static bool TryKey(string text, out int key)
    {
        key = 0;
        return text.Length == 5 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
