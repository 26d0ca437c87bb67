using System.Text;
using Agreements.API.Model;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zielsteuerung.Agreements.V1;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.Messaging;

namespace Agreements.API.Infrastructure;

/// <summary>What a write stores besides the agreement itself.</summary>
internal sealed record WriteContext(Actor Actor, Change Change, DateTimeOffset RecordedAt, IReadOnlyList<IntegrationEvent> Events, DocumentRow? Document = null);

internal sealed record AgreementQuery(
    int Year, string PartyId, LegalBasis LegalBasis, string State, AgreementStatus Status, bool ReleasedOnly, string VisibleToParty);

/// <summary>
/// Agreements in PostgreSQL: a row per agreement with the columns lists filter on and the version that guards writes,
/// the audit trail whose newest snapshot is the agreement's record, documents, and the outbox — each write in one
/// transaction.
/// </summary>
internal sealed class AgreementStore(AgreementsDbContext db, [FromKeyedServices(AgreementsDbContext.ConnectionName)] NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The agreement (its version is the record's) and its stored bytes: the newest revision's snapshot, one query on
    /// the data source (the primary key's index, read backwards).
    /// </summary>
    public async Task<(AgreementRecord Record, byte[] Bytes)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT snapshot FROM agreement_revisions WHERE agreement_id = $1 ORDER BY version DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var bytes = await reader.GetFieldValueAsync<byte[]>(0, cancellationToken);
        return (AgreementRecord.Parser.ParseFrom(bytes), bytes);
    }

    /// <summary>The agreement as it stood at the end of <paramref name="day"/>: the last revision dated on or before it.</summary>
    public async Task<AgreementAggregate?> AsOfAsync(string id, DateOnly day, CancellationToken cancellationToken)
    {
        var snapshot = await db.Revisions.AsNoTracking()
            .Where(r => r.AgreementId == id && r.EffectiveOn <= day)
            .OrderByDescending(r => r.Version)
            .Select(r => r.Snapshot)
            .FirstOrDefaultAsync(cancellationToken);
        return snapshot is null ? null : new AgreementAggregate(AgreementRecord.Parser.ParseFrom(snapshot));
    }

    public Task<List<RevisionRow>> RevisionsAsync(string id, CancellationToken cancellationToken) =>
        db.Revisions.AsNoTracking().Where(r => r.AgreementId == id).OrderBy(r => r.Version).ToListAsync(cancellationToken);

    public Task<byte[]?> DocumentAsync(string agreementId, string documentId, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking().Where(d => d.AgreementId == agreementId && d.DocumentId == documentId)
            .Select(d => d.Content).SingleOrDefaultAsync(cancellationToken);

    public Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) => db.Agreements.AnyAsync(a => a.Id == id, cancellationToken);

    public async Task<long> NextNumberAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long>($"SELECT nextval('agreement_numbers') AS \"Value\"").SingleAsync(cancellationToken);

    public async Task<(List<AgreementRow> Rows, string? Next)> ListAsync(AgreementQuery query, string pageToken, int size, CancellationToken cancellationToken)
    {
        var rows = db.Agreements.AsNoTracking();
        if (query.Year != 0)
        {
            rows = rows.Where(a => a.Year == query.Year);
        }

        if (query.PartyId.Length > 0)
        {
            rows = rows.Where(a => a.Parties.Any(p => p.PartyId == query.PartyId));
        }

        if (query.LegalBasis != LegalBasis.Unspecified)
        {
            var basis = Tokens.Of(query.LegalBasis);
            rows = rows.Where(a => a.LegalBasis == basis);
        }

        if (query.State.Length > 0)
        {
            rows = rows.Where(a => a.State == query.State);
        }

        if (query.Status != AgreementStatus.Unspecified)
        {
            var status = Tokens.Of(query.Status);
            rows = rows.Where(a => a.Status == status);
        }

        var visibleTo = query.VisibleToParty;
        rows = query.ReleasedOnly ? rows.Where(a => a.Released) : rows.Where(a => a.Released || a.Parties.Any(p => p.PartyId == visibleTo));
        if (DecodeToken(pageToken) is var (year, id))
        {
            rows = rows.Where(a => a.Year < year || (a.Year == year && string.Compare(a.Id, id) > 0));
        }

        var page = await rows.Include(a => a.Parties).OrderByDescending(a => a.Year).ThenBy(a => a.Id).Take(size + 1).AsSplitQuery().ToListAsync(cancellationToken);
        string? next = null;
        if (page.Count > size)
        {
            page.RemoveAt(size);
            next = EncodeToken(page[^1].Year, page[^1].Id);
        }

        return (page, next);
    }

    public async Task CreateAsync(AgreementAggregate aggregate, WriteContext write, CancellationToken cancellationToken)
    {
        var row = new AgreementRow
        {
            Id = aggregate.Id,
            LegalBasis = "",
            State = "",
            Status = "",
            Title = "",
            DraftingParty = aggregate.Header.DraftingPartyId,
            CreatedAt = write.RecordedAt,
        };
        var record = Fill(row, aggregate, write.RecordedAt);
        row.Parties.AddRange(aggregate.PartyIds.Distinct().Select(p => new AgreementPartyRow { AgreementId = aggregate.Id, PartyId = p }));
        db.Agreements.Add(row);
        AddRevision(aggregate, write, record);
        await SaveAsync(aggregate.Id, cancellationToken);
    }

    /// <summary>
    /// Stores the changed agreement if the database still holds <paramref name="expectedVersion"/>: one UPDATE … WHERE
    /// version = expected (no read of the row first), the revision, the events; the party rows only when they changed.
    /// </summary>
    public async Task UpdateAsync(AgreementAggregate aggregate, long expectedVersion, WriteContext write, CancellationToken cancellationToken)
    {
        var row = new AgreementRow
        {
            Id = aggregate.Id, LegalBasis = "", State = "", Status = "", Title = "", DraftingParty = aggregate.Header.DraftingPartyId,
            Version = expectedVersion,
        };
        db.Agreements.Attach(row);
        var record = Fill(row, aggregate, write.RecordedAt);
        var entry = db.Entry(row);
        foreach (var property in UpdatedColumns)
        {
            entry.Property(property).IsModified = true;
        }

        if (write.Change.Changed.Contains("parties"))
        {
            var parties = aggregate.PartyIds.ToHashSet(StringComparer.Ordinal);
            var stored = await db.Parties.Where(p => p.AgreementId == aggregate.Id).ToListAsync(cancellationToken);
            db.Parties.RemoveRange(stored.Where(p => !parties.Contains(p.PartyId)));
            db.Parties.AddRange(parties.Where(p => stored.All(r => r.PartyId != p)).Select(p => new AgreementPartyRow { AgreementId = aggregate.Id, PartyId = p }));
        }

        AddRevision(aggregate, write, record);
        await SyncMeasuresAsync(aggregate, cancellationToken);
        await SaveAsync(aggregate.Id, cancellationToken);
    }

    private static readonly string[] UpdatedColumns =
    [
        nameof(AgreementRow.Year), nameof(AgreementRow.LegalBasis), nameof(AgreementRow.State), nameof(AgreementRow.Status), nameof(AgreementRow.Edition),
        nameof(AgreementRow.Title), nameof(AgreementRow.Released), nameof(AgreementRow.Version), nameof(AgreementRow.UpdatedAt),
    ];

    /// <summary>Keeps agreement_measures in step with the aggregate's measures (for the due-date notifier).</summary>
    private async Task SyncMeasuresAsync(AgreementAggregate aggregate, CancellationToken cancellationToken)
    {
        var measures = aggregate.Header.Dialogues.SelectMany(d => d.Measures.Select(m => (Dialogue: d.Id, Measure: m))).ToList();
        if (measures.Count == 0)
        {
            return;
        }

        var rows = await db.Measures.Where(m => m.AgreementId == aggregate.Id).ToDictionaryAsync(m => m.MeasureId, cancellationToken);
        foreach (var (dialogue, measure) in measures)
        {
            var state = Tokens.Of(measure.State);
            if (rows.TryGetValue(measure.Id, out var row))
            {
                row.State = state;
            }
            else
            {
                db.Measures.Add(new MeasureRow { AgreementId = aggregate.Id, MeasureId = measure.Id, DialogueId = dialogue, DueOn = Dates.Parse(measure.DueOn), State = state });
            }
        }
    }

    private void AddRevision(AgreementAggregate aggregate, WriteContext write, byte[] record)
    {
        db.Revisions.Add(new RevisionRow
        {
            AgreementId = aggregate.Id,
            Version = aggregate.Header.Version,
            Edition = aggregate.Record.Editions[^1].Number,
            Action = write.Change.Action,
            EffectiveOn = write.Change.EffectiveOn,
            RecordedAt = write.RecordedAt,
            ClientId = write.Actor.ClientId,
            PartyId = write.Actor.PartyId,
            Changed = [.. write.Change.Changed],
            Note = write.Change.Note,
            Snapshot = record,
        });
        if (write.Document is { } document)
        {
            db.Documents.Add(document);
        }

        foreach (var @event in write.Events)
        {
            db.AddOutboxMessage(@event);
        }
    }

    /// <summary>Sets the row's columns from the aggregate; returns the serialized record, the revision's snapshot.</summary>
    private static byte[] Fill(AgreementRow row, AgreementAggregate aggregate, DateTimeOffset now)
    {
        var current = aggregate.Current;
        row.Year = aggregate.Header.Year;
        row.LegalBasis = Tokens.Of(aggregate.Header.LegalBasis);
        row.State = aggregate.Header.State;
        row.Status = Tokens.Of(current.Status);
        row.Edition = current.Number;
        row.Title = current.Content.Title;
        row.Released = aggregate.Header.Released;
        row.Version = aggregate.Header.Version;
        row.UpdatedAt = now;
        return aggregate.Record.ToByteArray();
    }

    private async Task SaveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StoreConflictException(await CurrentVersionAsync(id));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "agreements_pkey" })
        {
            throw new AlreadyExistsException(id, $"agreement '{id}' exists already: choose another id, or leave agreement_id empty to have one assigned.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "agreement_revisions_pkey" })
        {
            // Two writers read the same version and both passed the version check's snapshot: the second one loses.
            throw new StoreConflictException(await CurrentVersionAsync(id));
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private Task<long> CurrentVersionAsync(string id) =>
        db.Agreements.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).SingleOrDefaultAsync(CancellationToken.None);

    private static string EncodeToken(int year, string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{year}:{id}"));

    private static (int Year, string Id)? DecodeToken(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(text.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture, out var year))
            {
                return (year, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw RuleViolationException.Invalid("page_token", "not a page token of this listing: pass next_page_token unchanged, or leave it empty.");
    }
}

/// <summary>The version moved on between read and write.</summary>
internal sealed class StoreConflictException(long currentVersion) : Exception("the agreement was changed concurrently.")
{
    public long CurrentVersion { get; } = currentVersion;
}
