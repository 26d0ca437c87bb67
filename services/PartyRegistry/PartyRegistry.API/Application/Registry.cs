using Zielsteuerung.ServiceDefaults;
using PartyRegistry.API.Caching;
using PartyRegistry.API.Import;
using PartyRegistry.API.Infrastructure;
using PartyRegistry.API.Model;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.IntegrationEvents.Parties;

namespace PartyRegistry.API.Application;

/// <summary>The import refused a file; every problem names its line.</summary>
internal sealed class ImportRejectedException(IReadOnlyList<LineError> errors)
    : RegistryException($"the file has {errors.Count} problem(s), nothing was imported: " + string.Join("; ", errors.Take(10)))
{
    public IReadOnlyList<LineError> Errors { get; } = errors;
}

internal sealed record ImportResult(IReadOnlyList<string> Registered, int Unchanged);

/// <summary>
/// The registry's use cases: reads as of a date (cached), registration, changes with an effective date, imports.
/// Every write validates the party's whole history, stores it with the next version, and enqueues its event in the
/// same transaction (outbox); afterwards the cache entries it touched are removed.
/// </summary>
internal sealed class Registry(PartyStore store, PartyCache cache, RegistryTelemetry telemetry, GermanClock clock)
{
    private TimeProvider Time => clock.Time;

    public Task<PartyRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(id, ct => store.LoadAsync(id, ct), cancellationToken);

    public async Task<PartySnapshot> GetAsync(string id, DateOnly asOf, CancellationToken cancellationToken)
    {
        var record = await FindAsync(id, cancellationToken)
            ?? throw new PartyNotFoundException(id, $"party '{id}' is not registered.");
        return record.At(asOf)
            ?? throw new PartyNotFoundException(id, $"party '{id}' did not exist on {IsoDate.Format(asOf)} (it exists {Period(record.ValidFrom, record.ValidTo)}).");
    }

    public async Task<PartySnapshot> GetByAgsAsync(PartyKind kind, string ags, DateOnly asOf, CancellationToken cancellationToken)
    {
        var holders = await cache.GetOrLoadAgsHoldersAsync(kind, ags, ct => store.AgsHoldersAsync(kind, ags, ct), cancellationToken);
        foreach (var id in holders)
        {
            if (await FindAsync(id, cancellationToken) is { } record && record.ExistsOn(asOf) && record.ValueAt(Tokens.Ags, asOf) == ags)
            {
                return record.At(asOf)!;
            }
        }

        throw new PartyNotFoundException(ags, $"no {kind.ToToken()} held the AGS {ags} on {IsoDate.Format(asOf)}.");
    }

    public async Task<List<PartySnapshot>> QueryAsync(PartyQuery query, string? afterId, int take, CancellationToken cancellationToken)
    {
        var records = await store.QueryAsync(query, afterId, take, cancellationToken);
        return records.Select(r => r.At(query.AsOf)!).ToList();
    }

    public async Task<(PartyRecord Record, List<ChangeEntry> Changes)> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.LoadAsync(id, cancellationToken) ?? throw new PartyNotFoundException(id, $"party '{id}' is not registered.");
        return (record, await store.ChangesAsync(id, cancellationToken));
    }

    public Task<PartyRecord> RegisterAsync(PartyRecord record, string recordedBy, CancellationToken cancellationToken) =>
        TracedAsync("register", record.Id, () => RegisterCoreAsync(record, recordedBy, cancellationToken));

    public Task<PartyRecord> RecordChangeAsync(
        string id, long expectedVersion, PartyChange change, string recordedBy, string reason, CancellationToken cancellationToken) =>
        TracedAsync("change", id, () => RecordChangeCoreAsync(id, expectedVersion, change, recordedBy, reason, cancellationToken));

    public Task<ImportResult> ImportAsync(
        IReadOnlyList<FileParty> parties, string recordedBy, bool skipExisting, CancellationToken cancellationToken) =>
        TracedAsync("import", "", () => ImportCoreAsync(parties, recordedBy, skipExisting, cancellationToken));

    private async Task<PartyRecord> RegisterCoreAsync(PartyRecord record, string recordedBy, CancellationToken cancellationToken)
    {
        ThrowIfAny(PartyRules.CheckValues(record));
        if ((await store.ExistenceAsync([record.Id], cancellationToken)).ContainsKey(record.Id))
        {
            throw new PartyAlreadyExistsException(record.Id, $"party '{record.Id}' is already registered.");
        }

        var related = await store.ExistenceAsync(RelatedIds(record), cancellationToken);
        ThrowIfAny(PartyRules.CheckConsistency(record, related.GetValueOrDefault));
        await ThrowIfAgsTakenAsync(record, cancellationToken);

        record.NextVersion();
        await InsertAsync([record], recordedBy, "registered", cancellationToken);
        return record;
    }

    private async Task<PartyRecord> RecordChangeCoreAsync(
        string id, long expectedVersion, PartyChange change, string recordedBy, string reason, CancellationToken cancellationToken)
    {
        var record = await store.LoadAsync(id, cancellationToken) ?? throw new PartyNotFoundException(id, $"party '{id}' is not registered.");
        if (record.Version != expectedVersion)
        {
            throw new VersionConflictException(id, expectedVersion, record.Version);
        }

        if (!record.ExistsOn(change.EffectiveDate))
        {
            throw RuleViolationException.Precondition("effective_date",
                $"party '{id}' exists {Period(record.ValidFrom, record.ValidTo)}; a change on {IsoDate.Format(change.EffectiveDate)} lies outside.");
        }

        var agsBefore = PartyCache.AgsValues(record).ToList();
        var changed = record.Apply(change);
        if (changed.Count == 0)
        {
            throw RuleViolationException.Invalid("effective_date", $"the change alters nothing of party '{id}' from {IsoDate.Format(change.EffectiveDate)} on.");
        }

        ThrowIfAny(PartyRules.CheckValues(record));
        var related = await store.ExistenceAsync(RelatedIds(record), cancellationToken);
        var violations = PartyRules.CheckConsistency(record, related.GetValueOrDefault);
        if (change.Dissolve)
        {
            foreach (var (dependent, field, from, to) in await store.DependentsAsync(id, change.EffectiveDate, cancellationToken))
            {
                violations.Add(new RuleViolation(ViolationKind.Precondition, "dissolve",
                    $"'{dependent}' still has '{id}' as {field[Tokens.RelationPrefix.Length..]} {Period(from, to)}; change it first."));
            }
        }

        ThrowIfAny(violations);
        if (changed.Contains(Tokens.Ags))
        {
            await ThrowIfAgsTakenAsync(record, cancellationToken);
        }

        var version = record.NextVersion();
        var entry = new ChangeEntry(version, change.EffectiveDate, Time.GetUtcNow(), recordedBy, reason, changed);
        var @event = new PartyChanged
        {
            PartyId = id,
            Kind = record.Kind.ToToken(),
            Version = version,
            EffectiveDate = change.EffectiveDate,
            ChangedFields = changed,
        };
        try
        {
            await store.UpdateAsync(record, expectedVersion, entry, @event, cancellationToken);
        }
        catch (StoreConflictException e)
        {
            throw Translate(e, record);
        }

        await cache.InvalidateAsync(record, agsBefore.Concat(PartyCache.AgsValues(record)), CancellationToken.None);
        return record;
    }

    /// <summary>
    /// Imports parties read from a file, all or nothing. A party already registered counts as unchanged if its current
    /// state equals the file's row; otherwise the row is an error (with <paramref name="skipExisting"/>, existing
    /// parties are skipped without comparing: the reference data seeds the registry, which owns them afterwards).
    /// </summary>
    private async Task<ImportResult> ImportCoreAsync(
        IReadOnlyList<FileParty> parties, string recordedBy, bool skipExisting, CancellationToken cancellationToken)
    {
        var errors = new List<LineError>();
        var existing = (await store.LoadManyAsync(parties.Select(p => p.Record.Id), cancellationToken))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var fresh = new List<FileParty>();
        var unchanged = 0;
        foreach (var party in parties)
        {
            if (!existing.TryGetValue(party.Record.Id, out var current))
            {
                fresh.Add(party);
                continue;
            }

            unchanged++;
            if (!skipExisting && FirstDifference(current, party.Record) is { } field)
            {
                errors.Add(new LineError(party.Line, PartyFile.ColumnOf(field),
                    $"'{current.Id}' is registered with a different {field} today; record a change instead of importing it again."));
            }
        }

        var batch = fresh.ToDictionary(p => p.Record.Id, p => p.Record, StringComparer.Ordinal);
        var outside = await store.ExistenceAsync(fresh.SelectMany(p => RelatedIds(p.Record)).Where(id => !batch.ContainsKey(id)), cancellationToken);
        PartyExistence? Lookup(string id) => batch.TryGetValue(id, out var r)
            ? new PartyExistence(r.Id, r.Kind, r.ValidFrom, r.ValidTo)
            : outside.GetValueOrDefault(id);

        foreach (var party in fresh)
        {
            foreach (var violation in PartyRules.CheckConsistency(party.Record, Lookup))
            {
                errors.Add(new LineError(party.Line, PartyFile.ColumnOf(violation.Field), violation.Description));
            }

            foreach (var other in fresh.TakeWhile(p => p != party))
            {
                if (PartyRules.AgsConflict(party.Record, other.Record) is { } conflict)
                {
                    errors.Add(new LineError(party.Line, "ags", $"the AGS {conflict} is also on line {other.Line} for the same kind and period."));
                }
            }

            if (await AgsTakenByAsync(party.Record, cancellationToken) is { } holder)
            {
                errors.Add(new LineError(party.Line, "ags", $"another {party.Record.Kind.ToToken()}, '{holder.Id}', holds the AGS in that period."));
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors.OrderBy(e => e.Line).ToList());
        }

        foreach (var party in fresh)
        {
            party.Record.NextVersion();
        }

        if (fresh.Count > 0)
        {
            await InsertAsync(fresh.Select(p => p.Record).ToList(), recordedBy, "imported", cancellationToken);
        }

        return new ImportResult(fresh.Select(p => p.Record.Id).ToList(), unchanged);
    }

    private async Task<T> TracedAsync<T>(string operation, string partyId, Func<Task<T>> write)
    {
        using var activity = telemetry.StartWrite(operation, partyId);
        try
        {
            var result = await write();
            telemetry.Write(operation, "ok");
            return result;
        }
        catch (RegistryException e)
        {
            var outcome = e switch
            {
                PartyNotFoundException => "not_found",
                PartyAlreadyExistsException => "already_exists",
                VersionConflictException => "conflict",
                _ => "rejected",
            };
            telemetry.Write(operation, outcome);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome);
            throw;
        }
    }

    private async Task InsertAsync(IReadOnlyList<PartyRecord> records, string recordedBy, string reason, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var rows = records.Select(record => (record, new ChangeEntry(1, record.ValidFrom, now, recordedBy, reason, ["registered"]),
            (IntegrationEvent)new PartyRegistered
            {
                PartyId = record.Id,
                Kind = record.Kind.ToToken(),
                Version = 1,
                ValidFrom = record.ValidFrom,
                Name = record.ValueAt(Tokens.Name, record.ValidFrom) ?? "",
                Ags = record.ValueAt(Tokens.Ags, record.ValidFrom) ?? "",
            })).ToList();
        try
        {
            await store.InsertAsync(rows, cancellationToken);
        }
        catch (StoreConflictException e)
        {
            throw Translate(e, records[0]);
        }

        foreach (var record in records)
        {
            await cache.InvalidateAsync(record, PartyCache.AgsValues(record), CancellationToken.None);
        }
    }

    private async Task ThrowIfAgsTakenAsync(PartyRecord record, CancellationToken cancellationToken)
    {
        if (await AgsTakenByAsync(record, cancellationToken) is { } holder)
        {
            throw new PartyAlreadyExistsException(holder.Id,
                $"another {record.Kind.ToToken()}, '{holder.Id}', holds the AGS {PartyRules.AgsConflict(record, holder)} in an overlapping period.");
        }
    }

    private async Task<PartyRecord?> AgsTakenByAsync(PartyRecord record, CancellationToken cancellationToken)
    {
        var holders = new List<string>();
        foreach (var ags in PartyCache.AgsValues(record).Distinct(StringComparer.Ordinal))
        {
            holders.AddRange(await store.AgsHoldersAsync(record.Kind, ags, cancellationToken));
        }

        var others = await store.LoadManyAsync(holders.Where(h => h != record.Id), cancellationToken);
        return others.FirstOrDefault(other => PartyRules.AgsConflict(record, other) is not null);
    }

    private RegistryException Translate(StoreConflictException e, PartyRecord record) => e.Constraint switch
    {
        null => new VersionConflictException(record.Id, record.Version - 1, e.CurrentVersion),
        PartyStore.AgsUniqueConstraint => new PartyAlreadyExistsException(record.Id, "another party of the kind holds the AGS in an overlapping period: " + e.Message),
        "parties_pkey" => new PartyAlreadyExistsException(record.Id, $"party '{record.Id}' is already registered."),
        "party_changes_pkey" => new VersionConflictException(record.Id, record.Version - 1, null),
        _ => RuleViolationException.Precondition(e.Constraint, e.Message),
    };

    /// <summary>
    /// The first file field whose value today differs between the registry and a file row; for a party that does not
    /// exist today, on its first (registered in the future) or last (dissolved) day.
    /// </summary>
    private string? FirstDifference(PartyRecord registered, PartyRecord file)
    {
        if (registered.Kind != file.Kind)
        {
            return "kind";
        }

        var today = clock.Today();
        var day = registered.ValidTo is { } end && end <= today ? end.AddDays(-1)
            : registered.ValidFrom > today ? registered.ValidFrom
            : today;
        var fields = file.Fields.Keys.Concat(registered.Fields.Keys)
            .Where(f => f is Tokens.Name or Tokens.Ags or Tokens.State or Tokens.Form || f.StartsWith(Tokens.RelationPrefix, StringComparison.Ordinal))
            .Distinct();
        return fields.FirstOrDefault(f => registered.ValueAt(f, day) != file.ValueAt(f, file.ValidFrom));
    }

    private static IEnumerable<string> RelatedIds(PartyRecord record) =>
        record.Fields.Where(f => f.Key.StartsWith(Tokens.RelationPrefix, StringComparison.Ordinal))
            .SelectMany(f => f.Value.Segments.Select(s => s.Value));

    private static void ThrowIfAny(List<RuleViolation> violations)
    {
        if (violations.Count > 0)
        {
            // Malformed values first: a precondition on a malformed value says little.
            var invalid = violations.Where(v => v.Kind == ViolationKind.Invalid).ToList();
            throw new RuleViolationException(invalid.Count > 0 ? invalid : violations);
        }
    }

    private static string Period(DateOnly from, DateOnly? to) => $"[{IsoDate.Format(from)}, {(to is null ? "open" : IsoDate.Format(to))})";
}
