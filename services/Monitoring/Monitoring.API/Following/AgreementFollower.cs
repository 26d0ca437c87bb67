using Kpi.Computation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Monitoring.API.Evaluation;
using Monitoring.API.Infrastructure;
using Ag = Zielsteuerung.Agreements.V1;

namespace Monitoring.API.Following;

/// <summary>
/// What the service does with an event: which lines it affects, their new attainment (computed before the write, the
/// KPI reads in parallel), and the write (<see cref="AttainmentWriter"/>).
/// </summary>
internal sealed class AgreementFollower(
    Ag.Agreements.AgreementsClient agreements, MonitoringDbContext db, TargetEvaluator evaluator, AttainmentWriter writer)
{
    private const int ParallelReads = 8;

    /// <summary>Follows the edition in force: reads it from the agreements service and computes every line.</summary>
    public async Task<int> FollowAsync(Guid eventId, string eventType, string agreementId, int edition, string cause, CancellationToken cancellationToken)
    {
        Ag.Agreement agreement;
        try
        {
            agreement = await agreements.GetAgreementAsync(new Ag.GetAgreementRequest { AgreementId = agreementId, Edition = edition },
                cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return await writer.IgnoreAsync(eventId, eventType, cancellationToken);
        }

        var tolerance = await db.Agreements.AsNoTracking().Where(a => a.AgreementId == agreementId).Select(a => a.TolerancePoints)
            .FirstOrDefaultAsync(cancellationToken);
        var lines = TargetDefinitions.Of(agreement, Tolerance.Parse(tolerance));
        var results = await EvaluateAsync(lines.Select(line => (line, agreement)), cancellationToken);
        return await writer.FollowAsync(eventId, eventType, agreement, results, cause, cancellationToken);
    }

    /// <summary>
    /// The drafting party set the agreement's tolerance: every line judged again with it, written with the setting
    /// (ABORTED when <paramref name="expectedSettingsVersion"/> is not the current one).
    /// </summary>
    public async Task RetuneAsync(AgreementRow followed, Rational tolerancePoints, long expectedSettingsVersion, string cause,
        CancellationToken cancellationToken)
    {
        var agreement = Ag.Agreement.Parser.ParseFrom(followed.Record);
        var results = await EvaluateAsync(TargetDefinitions.Of(agreement, tolerancePoints).Select(line => (line, agreement)), cancellationToken);
        await writer.RetuneAsync(Guid.NewGuid(), agreement.Id, tolerancePoints, expectedSettingsVersion, results, cause, cancellationToken);
    }

    /// <summary>Follows an agreement again if it is followed (a dialogue was held: new assessments).</summary>
    public async Task<int> RefreshAsync(Guid eventId, string eventType, string agreementId, string cause, CancellationToken cancellationToken)
    {
        var followed = await db.Agreements.AsNoTracking().Where(a => a.AgreementId == agreementId).Select(a => (int?)a.Edition)
            .FirstOrDefaultAsync(cancellationToken);
        return followed is { } edition
            ? await FollowAsync(eventId, eventType, agreementId, edition, cause, cancellationToken)
            : await writer.IgnoreAsync(eventId, eventType, cancellationToken);
    }

    /// <summary>Recomputes the lines <paramref name="affected"/> selects from the followed ones, from the stored agreements.</summary>
    public async Task<int> RecomputeAsync(Guid eventId, string eventType, Func<IQueryable<TargetRow>, IQueryable<TargetRow>> affected, long? kpiSequence,
        string cause, CancellationToken cancellationToken)
    {
        var keys = await affected(db.Targets.AsNoTracking()).Select(t => new { t.AgreementId, t.TargetKey }).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return await writer.IgnoreAsync(eventId, eventType, cancellationToken);
        }

        var ids = keys.Select(k => k.AgreementId).Distinct(StringComparer.Ordinal).ToList();
        var records = await db.Agreements.AsNoTracking().Where(a => ids.Contains(a.AgreementId)).Select(a => new { a.Record, a.TolerancePoints })
            .ToListAsync(cancellationToken);
        var wanted = keys.Select(k => (k.AgreementId, k.TargetKey)).ToHashSet();
        var lines = records.Select(r => (Agreement: Ag.Agreement.Parser.ParseFrom(r.Record), Tolerance: Tolerance.Parse(r.TolerancePoints)))
            .SelectMany(r => TargetDefinitions.Of(r.Agreement, r.Tolerance).Where(line => wanted.Contains((r.Agreement.Id, line.Key)))
                .Select(line => (line, r.Agreement)));
        var results = await EvaluateAsync(lines, cancellationToken);
        return await writer.RecomputeAsync(eventId, eventType, results, kpiSequence, cause, cancellationToken);
    }

    private async Task<IReadOnlyList<LineResult>> EvaluateAsync(IEnumerable<(TargetDefinition Line, Ag.Agreement Agreement)> lines,
        CancellationToken cancellationToken)
    {
        var work = lines.ToList();
        var results = new LineResult[work.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = new LineResult(work[i].Line, await evaluator.EvaluateAsync(work[i].Line, work[i].Agreement, ct)));
        return results;
    }
}
