using Kpi.Computation;
using Microsoft.EntityFrameworkCore;
using Monitoring.API.Following;
using Monitoring.API.Infrastructure;
using Monitoring.API.Watch;
using Zielsteuerung.IntegrationEvents.Monitoring;
using Zielsteuerung.Messaging;
using Grpc.Core;
using Zielsteuerung.ServiceDefaults;
using Ag = Zielsteuerung.Agreements.V1;
using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Evaluation;

/// <summary>A line's new attainment, computed outside the transaction.</summary>
internal sealed record LineResult(TargetDefinition Line, Mv.TargetAttainment Attainment);

/// <summary>
/// Writes what an event led to, in one transaction with the event's id (a redelivered event finds it and changes
/// nothing): the agreement, its lines' attainment, a status change with the next position for every line whose status
/// changed, and <see cref="TargetStatusChanged"/> in the outbox. All writers of every replica take one advisory lock,
/// so positions follow the order of the commits. The agreements' overviews are removed from the cache before the commit
/// and put back after it; then the watchers are rung.
/// </summary>
internal sealed class AttainmentWriter(MonitoringDbContext db, OverviewCache overviews, ChangeFeed feed, TimeProvider clock, ILogger<AttainmentWriter> logger)
{
    private const long WriterLock = 0x4d6f6e69746f72; // "Monitor"

    /// <summary>The agreement came into force (or its edition in force changed): its lines replace the ones before.</summary>
    public Task<int> FollowAsync(Guid eventId, string eventType, Ag.Agreement agreement, IReadOnlyList<LineResult> results, string cause,
        CancellationToken cancellationToken) => WriteAsync(eventId, eventType, async () =>
        {
            var row = await db.Agreements.FindAsync([agreement.Id], cancellationToken);
            if (row is not null && row.Version > agreement.Version)
            {
                return [];
            }

            row ??= db.Agreements.Add(new AgreementRow
            {
                AgreementId = agreement.Id, State = "", Status = "", Title = "", PartyIds = [], Record = [],
            }).Entity;
            ThrowIfOtherTolerance(row, results);
            Fill(row, agreement);
            var existing = await db.Targets.Where(t => t.AgreementId == agreement.Id).ToDictionaryAsync(t => t.TargetKey, cancellationToken);
            var keep = results.Select(r => r.Line.Key).ToHashSet(StringComparer.Ordinal);
            db.Targets.RemoveRange(existing.Values.Where(t => !keep.Contains(t.TargetKey)));
            return results.Select(r => Apply(row, existing.GetValueOrDefault(r.Line.Key), r, cause, kpiSequence: null)).OfType<Mv.StatusChange>().ToList();
        }, [agreement.Id], cancellationToken);

    /// <summary>
    /// New figures: the lines' new attainment, unless a newer delivery's computation was written first
    /// (<paramref name="kpiSequence"/>: the delivery's sequence, null for a recomputation not caused by one).
    /// </summary>
    public Task<int> RecomputeAsync(Guid eventId, string eventType, IReadOnlyList<LineResult> results, long? kpiSequence, string cause,
        CancellationToken cancellationToken)
    {
        var agreementIds = results.Select(r => r.Attainment.AgreementId).Distinct(StringComparer.Ordinal).ToList();
        return WriteAsync(eventId, eventType, async () =>
        {
            var agreements = await db.Agreements.Where(a => agreementIds.Contains(a.AgreementId)).ToDictionaryAsync(a => a.AgreementId, cancellationToken);
            var targets = await db.Targets.Where(t => agreementIds.Contains(t.AgreementId))
                .ToDictionaryAsync(t => (t.AgreementId, t.TargetKey), cancellationToken);
            var changes = new List<Mv.StatusChange>();
            foreach (var result in results)
            {
                var target = targets.GetValueOrDefault((result.Attainment.AgreementId, result.Line.Key));
                // Gone (withdrawn, amended) or computed for a newer delivery meanwhile: this result is stale.
                if (target is null || !agreements.TryGetValue(target.AgreementId, out var agreement) || (kpiSequence is { } sequence && target.KpiSequence > sequence)
                    || result.Attainment.ComputedFrom.AgreementVersion < agreement.Version)
                {
                    continue;
                }

                ThrowIfOtherTolerance(agreement, [result]);

                if (Apply(agreement, target, result, cause, kpiSequence) is { } change)
                {
                    changes.Add(change);
                }
            }

            return changes;
        }, agreementIds, cancellationToken);
    }

    /// <summary>
    /// The agreement's tolerance set by its drafting party, and every line judged with it, in one transaction; ABORTED
    /// when <paramref name="expectedSettingsVersion"/> is not the current one.
    /// </summary>
    public Task<int> RetuneAsync(Guid eventId, string agreementId, Rational tolerancePoints, long expectedSettingsVersion, IReadOnlyList<LineResult> results,
        string cause, CancellationToken cancellationToken) => WriteAsync(eventId, "SetTolerance", async () =>
        {
            var row = await db.Agreements.FindAsync([agreementId], cancellationToken)
                ?? throw RpcErrors.NotFound("zielsteuerung.monitoring.v1.AgreementAttainment", agreementId, $"agreement '{agreementId}' is no longer monitored.")
                    .ToRpcException();
            if (row.SettingsVersion != expectedSettingsVersion)
            {
                throw RpcErrors.WithReason(global::Grpc.Core.StatusCode.Aborted,
                    $"the monitoring settings of agreement {agreementId} are at version {row.SettingsVersion}, not {expectedSettingsVersion}: read them again (tolerance {row.TolerancePoints}).",
                    "STALE_VERSION", "monitoring.zielsteuerung", new Dictionary<string, string>
                    {
                        ["current_version"] = row.SettingsVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }).ToRpcException();
            }

            row.TolerancePoints = Text(tolerancePoints);
            row.SettingsVersion++;
            row.UpdatedAt = clock.GetUtcNow();
            var targets = await db.Targets.Where(t => t.AgreementId == agreementId).ToDictionaryAsync(t => t.TargetKey, cancellationToken);
            return results.Where(r => targets.ContainsKey(r.Line.Key))
                .Select(r => Apply(row, targets[r.Line.Key], r, cause, kpiSequence: null)).OfType<Mv.StatusChange>().ToList();
        }, [agreementId], cancellationToken);

    // A result judged with another tolerance than the stored one (set while it was computed) must not be written: the
    // event fails and its retry computes again.
    private static void ThrowIfOtherTolerance(AgreementRow agreement, IEnumerable<LineResult> results)
    {
        var stored = Tolerance.Parse(agreement.TolerancePoints);
        if (results.Any(r => Tolerance.Of(r.Line) is { } used && used != stored))
        {
            throw new ToleranceChangedException(agreement.AgreementId);
        }
    }

    private static string Text(Rational value) => TargetEvaluator.Text(value);

    /// <summary>The agreement is no longer followed (withdrawn) or no longer changes (closed): its status, or its removal.</summary>
    public Task<int> SetAgreementStatusAsync(Guid eventId, string eventType, string agreementId, string status, long version, bool stopFollowing,
        CancellationToken cancellationToken) => WriteAsync(eventId, eventType, async () =>
        {
            if (await db.Agreements.FindAsync([agreementId], cancellationToken) is { } row && row.Version <= version)
            {
                if (stopFollowing)
                {
                    db.Agreements.Remove(row);
                }
                else
                {
                    row.Status = status;
                    row.Version = version;
                    row.UpdatedAt = clock.GetUtcNow();
                }
            }

            return [];
        }, [agreementId], cancellationToken);

    /// <summary>Only marks the event as handled (it concerned nothing followed here).</summary>
    public Task<int> IgnoreAsync(Guid eventId, string eventType, CancellationToken cancellationToken) =>
        WriteAsync(eventId, eventType, () => Task.FromResult(new List<Mv.StatusChange>()), [], cancellationToken);

    private async Task<int> WriteAsync(Guid eventId, string eventType, Func<Task<List<Mv.StatusChange>>> apply, IReadOnlyList<string> agreementIds,
        CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var written = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriterLock})", ct);
            if (await db.ProcessedEvents.AnyAsync(p => p.EventId == eventId, ct))
            {
                return null;
            }

            var now = clock.GetUtcNow();
            db.ProcessedEvents.Add(new ProcessedEventRow { EventId = eventId, EventType = eventType, ProcessedAt = now });
            var changes = await apply();
            var position = await db.StatusChanges.MaxAsync(c => (long?)c.Position, ct) ?? 0;
            foreach (var change in changes)
            {
                change.Position = ++position;
                change.ChangedAt = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                db.StatusChanges.Add(new StatusChangeRow
                {
                    Position = change.Position, AgreementId = change.AgreementId, TargetKey = TargetDefinitions.Key(change.GoalId, change.TargetId),
                    Year = change.Year, State = change.State, PartyIds = [.. change.PartyIds],
                    JobcenterId = change.JobcenterId.Length > 0 ? change.JobcenterId : null,
                    Previous = StatusTokens.Of(change.PreviousStatus), Status = StatusTokens.Of(change.Status), Change = Google.Protobuf.MessageExtensions.ToByteArray(change),
                    ChangedAt = now,
                });
                db.AddOutboxMessage(Event(change));
            }

            await db.SaveChangesAsync(ct);
            await overviews.ForgetAsync(agreementIds, ct);
            await transaction.CommitAsync(ct);
            return changes;
        }, cancellationToken);
        if (written is null)
        {
            return 0;
        }

        await overviews.RefreshAsync(agreementIds, cancellationToken);
        if (written.Count > 0)
        {
            feed.Ring();
        }

        // One line per change in the service's log (the dashboard's structured logs show what the watchers are told).
        foreach (var change in written)
        {
            logger.LogInformation("Status {Position}: {AgreementId} {GoalId}/{TargetId} {Label} {PreviousStatus} → {Status} at {Month} ({Cause})",
                change.Position, change.AgreementId, change.GoalId, change.TargetId, change.Label,
                change.PreviousStatus == Mv.TargetStatus.Unspecified ? "(first)" : StatusTokens.Of(change.PreviousStatus),
                StatusTokens.Of(change.Status), change.Month, change.Cause);
        }

        return written.Count;
    }

    private Mv.StatusChange? Apply(AgreementRow agreement, TargetRow? target, LineResult result, string cause, long? kpiSequence)
    {
        var attainment = result.Attainment;
        var previous = target is null ? Mv.TargetStatus.Unspecified : StatusTokens.Parse(target.Status);
        if (target is null)
        {
            target = db.Targets.Add(new TargetRow
            {
                AgreementId = agreement.AgreementId, TargetKey = result.Line.Key, InputCodes = [], Basis = "", FromMonth = "", ToMonth = "", Status = "",
                Month = "", Attainment = [],
            }).Entity;
        }

        target.Ordinal = result.Line.Ordinal;
        target.JobcenterId = result.Line.JobcenterId;
        target.Members = [.. attainment.Members];
        target.InputCodes = [.. result.Line.InputCodes];
        target.Basis = result.Line.Basis;
        target.FromMonth = result.Line.FromMonth;
        target.ToMonth = result.Line.ToMonth;
        target.Status = StatusTokens.Of(attainment.Status);
        target.Month = attainment.Month;
        target.KpiSequence = Math.Max(target.KpiSequence, kpiSequence ?? 0);
        target.Attainment = Google.Protobuf.MessageExtensions.ToByteArray(attainment);
        target.ComputedAt = clock.GetUtcNow();
        if (previous == attainment.Status)
        {
            return null;
        }

        var latest = attainment.Months.LastOrDefault();
        var change = new Mv.StatusChange
        {
            AgreementId = agreement.AgreementId, Year = agreement.Year, State = agreement.State, GoalId = attainment.GoalId, TargetId = attainment.TargetId,
            Label = attainment.Label.Length > 0 ? attainment.Label : attainment.Wording, JobcenterId = attainment.JobcenterId, PreviousStatus = previous,
            Status = attainment.Status, Month = attainment.Month, Value = latest?.Value ?? "", ChangePercent = latest?.ChangePercent ?? "", Cause = cause,
            ComputedFrom = attainment.ComputedFrom,
        };
        change.PartyIds.AddRange(agreement.PartyIds);
        return change;
    }

    private void Fill(AgreementRow row, Ag.Agreement agreement)
    {
        row.Edition = agreement.Edition.Number;
        row.Version = agreement.Version;
        row.Year = agreement.Year;
        row.State = agreement.State;
        row.Status = Tokens.Status(agreement.Edition.Status);
        row.Title = agreement.Edition.Content.Title;
        row.PartyIds = [.. agreement.Parties.Select(p => p.PartyId)];
        row.Record = Google.Protobuf.MessageExtensions.ToByteArray(agreement);
        row.UpdatedAt = clock.GetUtcNow();
    }

    private static TargetStatusChanged Event(Mv.StatusChange change) => new()
    {
        Position = change.Position, AgreementId = change.AgreementId, Year = change.Year, State = change.State, PartyIds = [.. change.PartyIds],
        GoalId = change.GoalId, TargetId = change.TargetId, Label = change.Label, JobcenterId = change.JobcenterId,
        PreviousStatus = StatusTokens.Of(change.PreviousStatus), Status = StatusTokens.Of(change.Status), Month = change.Month, Cause = change.Cause,
    };
}
