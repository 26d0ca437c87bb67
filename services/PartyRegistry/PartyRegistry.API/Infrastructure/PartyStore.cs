using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyRegistry.API.Model;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.Messaging;

namespace PartyRegistry.API.Infrastructure;

/// <summary>A filter on parties as of a date (null members do not filter).</summary>
internal sealed record PartyQuery(
    DateOnly AsOf,
    PartyKind? Kind = null,
    string? State = null,
    JobcenterForm? Form = null,
    string? Vergleichstyp = null,
    string? RelatedPartyId = null,
    string? NameFragment = null,
    string? Ags = null);

/// <summary>A write lost against a concurrent one, or against a constraint of the database.</summary>
internal sealed class StoreConflictException(string message, string? constraint, long? currentVersion = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The violated constraint, or null for a stale version.</summary>
    public string? Constraint { get; } = constraint;

    public long? CurrentVersion { get; } = currentVersion;
}

/// <summary>Reads and writes parties (with their periods, change log and outbox events) through EF Core.</summary>
internal sealed class PartyStore(PartiesDbContext db)
{
    public const string AgsUniqueConstraint = "party_periods_ags_unique";
    public const string NoOverlapConstraint = "party_periods_no_overlap";

    public async Task<PartyRecord?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var row = await db.Parties.AsNoTracking().Include(p => p.Periods).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<List<PartyRecord>> LoadManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.Parties.AsNoTracking().Where(p => wanted.Contains(p.Id)).Include(p => p.Periods)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>The parties of a kind that ever held a regional key.</summary>
    public Task<List<string>> AgsHoldersAsync(PartyKind kind, string ags, CancellationToken cancellationToken)
    {
        var token = kind.ToToken();
        return db.Periods.AsNoTracking().Where(p => p.Field == Tokens.Ags && p.Kind == token && p.Value == ags)
            .Select(p => p.PartyId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>Relations of other parties to <paramref name="id"/> that are valid on or after <paramref name="from"/>.</summary>
    public async Task<List<(string PartyId, string Field, DateOnly From, DateOnly? To)>> DependentsAsync(
        string id, DateOnly from, CancellationToken cancellationToken)
    {
        var rows = await db.Periods.AsNoTracking()
            .Where(p => p.Field.StartsWith(Tokens.RelationPrefix) && p.Value == id && (p.ValidTo == null || p.ValidTo > from))
            .OrderBy(p => p.PartyId).Select(p => new { p.PartyId, p.Field, p.ValidFrom, p.ValidTo }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.PartyId, r.Field, r.ValidFrom, r.ValidTo)).ToList();
    }

    /// <summary>Existence and kind of the given parties (unknown ids are absent).</summary>
    public async Task<Dictionary<string, PartyExistence>> ExistenceAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.Parties.AsNoTracking().Where(p => wanted.Contains(p.Id))
            .Select(p => new { p.Id, p.Kind, p.ValidFrom, p.ValidTo }).ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r => new PartyExistence(r.Id, ParseKind(r.Kind), r.ValidFrom, r.ValidTo),
            StringComparer.Ordinal);
    }

    /// <summary>Parties matching <paramref name="query"/>, ordered by id, after <paramref name="afterId"/>.</summary>
    public async Task<List<PartyRecord>> QueryAsync(PartyQuery query, string? afterId, int take, CancellationToken cancellationToken)
    {
        var day = query.AsOf;
        var parties = db.Parties.AsNoTracking()
            .Where(p => p.ValidFrom <= day && (p.ValidTo == null || p.ValidTo > day));
        if (query.Kind is { } kind)
        {
            var token = kind.ToToken();
            parties = parties.Where(p => p.Kind == token);
        }

        if (query.State is { } state)
        {
            parties = parties.Where(HasValue(Tokens.State, state, day));
        }

        if (query.Form is { } form)
        {
            parties = parties.Where(HasValue(Tokens.Form, form.ToToken(), day));
        }

        if (query.Vergleichstyp is { } vergleichstyp)
        {
            parties = parties.Where(HasValue(Tokens.Vergleichstyp, vergleichstyp, day));
        }

        if (query.Ags is { } ags)
        {
            parties = parties.Where(HasValue(Tokens.Ags, ags, day));
        }

        if (query.RelatedPartyId is { } related)
        {
            parties = parties.Where(p => p.Periods.Any(x => x.Field.StartsWith(Tokens.RelationPrefix) && x.Value == related
                && x.ValidFrom <= day && (x.ValidTo == null || x.ValidTo > day)));
        }

        if (query.NameFragment is { } fragment)
        {
            var pattern = "%" + fragment.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            parties = parties.Where(p => p.Periods.Any(x => (x.Field == Tokens.Name || x.Field == Tokens.ShortName)
                && EF.Functions.ILike(x.Value, pattern, "\\")
                && x.ValidFrom <= day && (x.ValidTo == null || x.ValidTo > day)));
        }

        if (afterId is not null)
        {
            parties = parties.Where(p => string.Compare(p.Id, afterId) > 0);
        }

        var rows = await parties.OrderBy(p => p.Id).Take(take).Include(p => p.Periods).AsSplitQuery().ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    public async Task<List<ChangeEntry>> ChangesAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await db.Changes.AsNoTracking().Where(c => c.PartyId == id).OrderBy(c => c.Version).ToListAsync(cancellationToken);
        return rows.Select(c => new ChangeEntry(c.Version, c.EffectiveDate, c.RecordedAt, c.RecordedBy, c.Reason, c.ChangedFields)).ToList();
    }

    /// <summary>Inserts new parties (version 1) with their first change-log entry and events, in one transaction.</summary>
    public async Task InsertAsync(
        IReadOnlyList<(PartyRecord Record, ChangeEntry Change, IntegrationEvent Event)> parties, CancellationToken cancellationToken)
    {
        foreach (var (record, change, @event) in parties)
        {
            var row = new PartyRow
            {
                Id = record.Id,
                Kind = record.Kind.ToToken(),
                ValidFrom = record.ValidFrom,
                ValidTo = record.ValidTo,
                Version = record.Version,
                RegisteredAt = change.RecordedAt,
            };
            row.Periods.AddRange(ToPeriodRows(record));
            db.Parties.Add(row);
            db.Changes.Add(ToChangeRow(record.Id, change));
            db.AddOutboxMessage(@event);
        }

        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a changed party if its version in the database is still <paramref name="expectedVersion"/> (checked by the
    /// UPDATE itself, so of two concurrent writers only one wins), with its change-log entry and event.
    /// </summary>
    public async Task UpdateAsync(
        PartyRecord record, long expectedVersion, ChangeEntry change, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        var row = await db.Parties.Include(p => p.Periods).SingleAsync(p => p.Id == record.Id, cancellationToken);
        db.Entry(row).Property(p => p.Version).OriginalValue = expectedVersion;
        row.Version = record.Version;
        row.ValidTo = record.ValidTo;

        var wanted = ToPeriodRows(record).ToList();
        static (string, string, DateOnly, DateOnly?) Key(PeriodRow p) => (p.Field, p.Value, p.ValidFrom, p.ValidTo);
        var kept = wanted.Select(Key).ToHashSet();
        var existing = row.Periods.Select(Key).ToHashSet();
        foreach (var stale in row.Periods.Where(p => !kept.Contains(Key(p))).ToList())
        {
            db.Periods.Remove(stale);
        }

        foreach (var added in wanted.Where(p => !existing.Contains(Key(p))))
        {
            db.Periods.Add(added);
        }

        db.Changes.Add(ToChangeRow(record.Id, change));
        db.AddOutboxMessage(@event);
        await SaveAsync(cancellationToken);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            var id = e.Entries.Select(x => x.Entity).OfType<PartyRow>().FirstOrDefault()?.Id;
            var current = id is null ? null
                : await db.Parties.AsNoTracking().Where(p => p.Id == id).Select(p => (long?)p.Version).SingleOrDefaultAsync(CancellationToken.None);
            throw new StoreConflictException("the party was changed concurrently.", null, current, e);
        }
        catch (Exception e) when (Postgres(e) is { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation } pg)
        {
            throw new StoreConflictException(pg.MessageText + (pg.Detail is { } detail ? " " + detail : ""), pg.ConstraintName, null, e);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static PostgresException? Postgres(Exception e) => e as PostgresException ?? e.InnerException as PostgresException;

    private static Expression<Func<PartyRow, bool>> HasValue(string field, string value, DateOnly day) =>
        p => p.Periods.Any(x => x.Field == field && x.Value == value && x.ValidFrom <= day && (x.ValidTo == null || x.ValidTo > day));

    private static PartyKind ParseKind(string token) =>
        Tokens.TryParsePartyKind(token, out var kind) ? kind : throw new InvalidDataException($"Unknown party kind '{token}' in the database.");

    internal static PartyRecord ToRecord(PartyRow row)
    {
        var record = new PartyRecord(row.Id, ParseKind(row.Kind), row.ValidFrom, row.ValidTo, row.Version);
        foreach (var group in row.Periods.GroupBy(p => p.Field))
        {
            var timeline = record.Field(group.Key);
            foreach (var period in group.OrderBy(p => p.ValidFrom))
            {
                timeline.Add(new Segment(period.Value, period.ValidFrom, period.ValidTo));
            }
        }

        return record;
    }

    private static IEnumerable<PeriodRow> ToPeriodRows(PartyRecord record) =>
        from field in record.Fields
        from segment in field.Value.Segments
        select new PeriodRow
        {
            PartyId = record.Id,
            Kind = record.Kind.ToToken(),
            Field = field.Key,
            Value = segment.Value,
            ValidFrom = segment.From,
            ValidTo = segment.To,
        };

    private static ChangeRow ToChangeRow(string id, ChangeEntry change) => new()
    {
        PartyId = id,
        Version = change.Version,
        EffectiveDate = change.EffectiveDate,
        RecordedAt = change.RecordedAt,
        RecordedBy = change.RecordedBy,
        Reason = change.Reason,
        ChangedFields = [.. change.ChangedFields],
    };
}
