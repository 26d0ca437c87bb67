using Microsoft.EntityFrameworkCore;
using Monitoring.API.Infrastructure;
using Zielsteuerung.Caching;
using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Evaluation;

/// <summary>
/// An agreement's attainment overview in Redis. The writer removes it before every commit that touches the agreement
/// (a replica killed right after its commit leaves a miss, not the state before it) and puts the new one after the
/// commit, so reads are served from the cache; a miss is built from the database and stored unless a writer stored
/// one meanwhile.
/// </summary>
internal sealed class OverviewCache(MonitoringDbContext db, ICache cache)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromHours(12);

    public static string Key(string agreementId) => $"monitoring:attainment:{agreementId}";

    public async Task<Mv.AgreementAttainment?> GetAsync(string agreementId, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(Key(agreementId), Mv.AgreementAttainment.Parser, cancellationToken) is { } cached)
        {
            return cached;
        }

        var overview = await BuildAsync(agreementId, cancellationToken);
        if (overview is not null)
        {
            await cache.SetIfAbsentAsync(Key(agreementId), overview, TimeToLive, cancellationToken);
        }

        return overview;
    }

    /// <summary>Inside the writer's transaction, before its commit.</summary>
    public async Task ForgetAsync(IEnumerable<string> agreementIds, CancellationToken cancellationToken)
    {
        foreach (var id in agreementIds)
        {
            await cache.RemoveAsync(Key(id), cancellationToken);
        }
    }

    /// <summary>After the writer's commit.</summary>
    public async Task RefreshAsync(IEnumerable<string> agreementIds, CancellationToken cancellationToken)
    {
        foreach (var id in agreementIds)
        {
            if (await BuildAsync(id, cancellationToken) is { } overview)
            {
                await cache.SetAsync(Key(id), overview, TimeToLive, cancellationToken);
            }
            else
            {
                await cache.RemoveAsync(Key(id), cancellationToken);
            }
        }
    }

    private async Task<Mv.AgreementAttainment?> BuildAsync(string agreementId, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.AgreementId == agreementId, cancellationToken);
        if (agreement is null)
        {
            return null;
        }

        var targets = await db.Targets.AsNoTracking().Where(t => t.AgreementId == agreementId).OrderBy(t => t.Ordinal)
            .Select(t => t.Attainment).ToListAsync(cancellationToken);
        var overview = new Mv.AgreementAttainment
        {
            AgreementId = agreement.AgreementId, Year = agreement.Year, Title = agreement.Title, State = agreement.State, Edition = agreement.Edition,
            AgreementVersion = agreement.Version, AgreementStatus = agreement.Status, TolerancePoints = agreement.TolerancePoints,
            SettingsVersion = agreement.SettingsVersion,
        };
        overview.PartyIds.AddRange(agreement.PartyIds);
        overview.Targets.AddRange(targets.Select(Mv.TargetAttainment.Parser.ParseFrom));
        return overview;
    }
}
