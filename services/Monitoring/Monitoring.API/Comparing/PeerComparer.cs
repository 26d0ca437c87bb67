using System.Globalization;
using Grpc.Core;
using Kpi.Computation;
using Monitoring.Reporting;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.ServiceDefaults;
using Kv = Zielsteuerung.Kpi.V1;
using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Comparing;

/// <summary>
/// A jobcenter among the members of its SGB II-Vergleichstyp (from the registry as of the month's end) for one key
/// figure and month, with the pooled values of its state and of all jobcenters: the members' values from the KPI
/// service, the position from <see cref="PeerRanking"/>.
/// </summary>
internal sealed class PeerComparer(PartyRegistry.PartyRegistryClient registry, Kv.Kpi.KpiClient kpi)
{
    private const int ParallelReads = 8;

    public async Task<Mv.PeerComparison> CompareAsync(string jobcenterId, string code, YearMonth month, Kv.DataBasis basis, CancellationToken cancellationToken)
    {
        var figure = FigureOf(code);
        return await CompareAsync(await GroupOfAsync(jobcenterId, month, cancellationToken), figure, month, basis, cancellationToken);
    }

    /// <summary>
    /// The jobcenter, the members of its Vergleichstyp and all jobcenters, from the registry as of the month's end: read
    /// once for any number of figures (<see cref="CompareAsync(PeerGroup, FigureDefinition, YearMonth, Kv.DataBasis, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="RpcException">FAILED_PRECONDITION: the jobcenter has no Vergleichstyp on that day.</exception>
    public async Task<PeerGroup> GroupOfAsync(string jobcenterId, YearMonth month, CancellationToken cancellationToken)
    {
        var asOf = new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var jobcenter = await registry.GetPartyAsync(new GetPartyRequest { Id = jobcenterId, AsOf = asOf }, cancellationToken: cancellationToken);
        if (jobcenter.Kind != PartyKind.Jobcenter || jobcenter.Vergleichstyp.Length == 0)
        {
            throw RpcErrors.FailedPrecondition($"{jobcenter.Name} has no SGB II-Vergleichstyp on {asOf}: only a jobcenter of a type can be compared with its peers.",
                [("VERGLEICHSTYP", jobcenterId, "a jobcenter with a Vergleichstyp in the party registry")]).ToRpcException();
        }

        var peers = await registry.ListGroupMembersAsync(new ListGroupMembersRequest
        {
            Group = new PartyFilter { Kind = PartyKind.Jobcenter, Vergleichstyp = jobcenter.Vergleichstyp },
            AsOf = asOf,
        }, cancellationToken: cancellationToken);
        var all = await registry.ListGroupMembersAsync(new ListGroupMembersRequest { Group = new PartyFilter { Kind = PartyKind.Jobcenter }, AsOf = asOf },
            cancellationToken: cancellationToken);
        return new PeerGroup(jobcenter, [.. peers.Members], [.. all.Members]);
    }

    /// <exception cref="RpcException">INVALID_ARGUMENT: <paramref name="code"/> is not a key figure.</exception>
    public static FigureDefinition FigureOf(string code) => KpiCatalogue.FindFigure(code) ?? throw RpcErrors.InvalidArgument($"'{code}' is not a key figure.",
        [("code", $"one of {string.Join(", ", KpiCatalogue.Figures.Select(f => f.Id))}.")]).ToRpcException();

    public async Task<Mv.PeerComparison> CompareAsync(PeerGroup group, FigureDefinition figure, YearMonth month, Kv.DataBasis basis,
        CancellationToken cancellationToken)
    {
        var (jobcenter, peers, code) = (group.Jobcenter, group.Peers, figure.Id);
        var jobcenterId = jobcenter.Id;
        var values = new Dictionary<string, Rational?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(peers, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (member, ct) =>
            {
                var point = await ValueAsync(new Kv.Subject { JobcenterId = member.Id }, code, month, basis, ct);
                lock (values)
                {
                    values[member.Id] = Number(point?.Value);
                }
            });

        var higherIsBetter = figure.Polarity != Polarity.LowerIsBetter;
        var position = PeerRanking.Position(jobcenterId, [.. peers.Select(m => new PeerValue(m.Id, values[m.Id]))], higherIsBetter);
        var state = await ValueAsync(Group(Kv.GroupKind.JobcentersOfState, jobcenter.State, []), code, month, basis, cancellationToken);
        var (federal, federalMissing) = await FederalAsync(group.AllJobcenters, code, month, basis, cancellationToken);

        var result = new Mv.PeerComparison
        {
            JobcenterId = jobcenterId,
            Code = figure.Id,
            FigureName = figure.NameDe,
            HigherIsBetter = higherIsBetter,
            Month = month.ToString(),
            Vergleichstyp = jobcenter.Vergleichstyp,
            Value = Text(position.Value),
            Rank = position.Rank ?? 0,
            Ranked = position.Ranked,
            Quartile = position.Quartile ?? 0,
            Median = Text(position.Median),
            DistanceToMedian = Text(position.DistanceToMedian),
            WithoutValue = position.WithoutValue,
            State = jobcenter.State,
            StateValue = state?.Value ?? "",
            FederalValue = federal?.Value ?? "",
            FederalMissing = federalMissing ?? "",
        };
        var names = peers.ToDictionary(m => m.Id, m => m.Name, StringComparer.Ordinal);
        var ordered = values.OrderBy(v => v.Value is null)
            .ThenBy(v => v.Value is { } x ? (higherIsBetter ? -x : x) : default)
            .ThenBy(v => v.Key, StringComparer.Ordinal);
        result.Members.AddRange(ordered.Select(v => new Mv.PeerValue { JobcenterId = v.Key, Name = names[v.Key], Value = Text(v.Value) }));
        return result;
    }

    /// <summary>The row of the dialogue report's comparison section.</summary>
    public static ComparisonRow RowOf(Mv.PeerComparison comparison) => new(
        comparison.Code,
        $"{comparison.FigureName} ({comparison.Code})",
        comparison.HigherIsBetter,
        new PeerPosition(Number(comparison.Value), comparison.Rank == 0 ? null : comparison.Rank, comparison.Ranked,
            comparison.Quartile == 0 ? null : comparison.Quartile, Number(comparison.Median), Number(comparison.DistanceToMedian), comparison.WithoutValue),
        Number(comparison.StateValue),
        Number(comparison.FederalValue));

    // All jobcenters pooled, but only when the registry holds the jobcenters of all 16 states and every one of them has
    // data: a "federal" value of one state's jobcenters, or of the few that have data, is none.
    private async Task<(Kv.Point? Point, string? Missing)> FederalAsync(IReadOnlyList<PartyRef> all, string code, YearMonth month, Kv.DataBasis basis,
        CancellationToken cancellationToken)
    {
        const int States = 16;
        var states = all.Where(m => m.Ags.Length >= 2).Select(m => m.Ags[..2]).Distinct(StringComparer.Ordinal).Count();
        if (states < States)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"the party registry holds the jobcenters of {states} of the {States} states: no federal value"));
        }

        var point = await ValueAsync(Group(Kv.GroupKind.Listed, "", all.Select(m => m.Id)), code, month, basis, cancellationToken);
        if (point is null || point.Value.Length == 0 || point.Members < all.Count)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"KPI data for {point?.Members ?? 0} of the {all.Count} jobcenters: no federal value"));
        }

        return (point, null);
    }

    private static Kv.Subject Group(Kv.GroupKind kind, string state, IEnumerable<string> members)
    {
        var group = new Kv.JobcenterGroup { Kind = kind, State = state, Aggregation = Kv.Aggregation.Pooled };
        group.JobcenterIds.AddRange(members);
        return new Kv.Subject { Group = group };
    }

    private async Task<Kv.Point?> ValueAsync(Kv.Subject subject, string code, YearMonth month, Kv.DataBasis basis, CancellationToken cancellationToken)
    {
        try
        {
            return await kpi.GetValueAsync(new Kv.GetValueRequest { Subject = subject, Code = code, Month = month.ToString(), Basis = basis },
                cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            return null;
        }
    }

    private static Rational? Number(string? text) => text is { Length: > 0 } && Rational.TryParse(text, out var value) ? value : null;

    private static string Text(Rational? value) => Evaluation.TargetEvaluator.Text(value);
}

/// <summary>A jobcenter with the members of its Vergleichstyp and all jobcenters of the registry, as of one day.</summary>
internal sealed record PeerGroup(Party Jobcenter, IReadOnlyList<PartyRef> Peers, IReadOnlyList<PartyRef> AllJobcenters);
