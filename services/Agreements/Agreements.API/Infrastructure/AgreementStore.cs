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
internal sealed class AgreementStore(AgreementsDbContext db, [FromKeyedServices(AgreementsDbContext.ConnectionName)] NpgsqlDataSource dataSource,
    OutboxWriter outbox)
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

    /// <summary>
    /// Stores a new agreement: its row, its parties, the first revision and the events, in one statement (so in one
    /// transaction); ALREADY_EXISTS when the id is taken.
    /// </summary>
    public async Task CreateAsync(AgreementAggregate aggregate, WriteContext write, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(CreateSql, connection);
        var record = AddRowParameters(command.Parameters, aggregate, write);
        command.Parameters.Add(Parameter(aggregate.Header.DraftingPartyId));
        command.Parameters.Add(Parameter(aggregate.PartyIds.Distinct().ToArray()));
        AddRevisionParameters(command.Parameters, aggregate, write, record);
        OutboxWriter.AddParameters(command.Parameters, write.Events);
        await PrepareAsync(command, cancellationToken);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            throw new AlreadyExistsException(aggregate.Id, $"agreement '{aggregate.Id}' exists already: choose another id, or leave agreement_id empty to have one assigned.");
        }

        outbox.Committed();
    }

    /// <summary>
    /// Stores the changed agreement if the database still holds <paramref name="expectedVersion"/>, in one statement
    /// (so in one transaction): UPDATE … WHERE version = expected (no read of the row first), and only if it updated the
    /// row, the revision, the parties (when they changed), the measures, the document and the events.
    /// </summary>
    public async Task UpdateAsync(AgreementAggregate aggregate, long expectedVersion, WriteContext write, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(UpdateSql, connection);
        var record = AddRowParameters(command.Parameters, aggregate, write);
        command.Parameters.Add(Parameter(expectedVersion));
        command.Parameters.Add(Parameter(write.Change.Changed.Contains("parties")));
        command.Parameters.Add(Parameter(aggregate.PartyIds.Distinct().ToArray()));
        var measures = aggregate.Header.Dialogues.SelectMany(d => d.Measures.Select(m => (Dialogue: d.Id, Measure: m))).ToList();
        command.Parameters.Add(Parameter(measures.Select(m => m.Measure.Id).ToArray()));
        command.Parameters.Add(Parameter(measures.Select(m => m.Dialogue).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. measures.Select(m => Dates.Parse(m.Measure.DueOn))] });
        command.Parameters.Add(Parameter(measures.Select(m => Tokens.Of(m.Measure.State)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)write.Document?.DocumentId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)write.Document?.Content ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        AddRevisionParameters(command.Parameters, aggregate, write, record);
        OutboxWriter.AddParameters(command.Parameters, write.Events);
        await PrepareAsync(command, cancellationToken);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            throw new StoreConflictException(await CurrentVersionAsync(aggregate.Id));
        }

        outbox.Committed();
    }

    // $1 … $10: the row's columns; returns the serialized record, the revision's snapshot.
    private static byte[] AddRowParameters(NpgsqlParameterCollection parameters, AgreementAggregate aggregate, WriteContext write)
    {
        var current = aggregate.Current;
        parameters.Add(Parameter(aggregate.Id));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = aggregate.Header.Year });
        parameters.Add(Parameter(Tokens.Of(aggregate.Header.LegalBasis)));
        parameters.Add(Parameter(aggregate.Header.State));
        parameters.Add(Parameter(Tokens.Of(current.Status)));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = current.Number });
        parameters.Add(Parameter(current.Content.Title));
        parameters.Add(new NpgsqlParameter<bool> { TypedValue = aggregate.Header.Released });
        parameters.Add(Parameter(aggregate.Header.Version));
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = write.RecordedAt });
        return aggregate.Record.ToByteArray();
    }

    // Eight parameters after the ones before: the revision's columns besides the row's (id, version, recorded_at). Its
    // edition is the newest one (returned or withdrawn, too), the row's the current one.
    private static void AddRevisionParameters(NpgsqlParameterCollection parameters, AgreementAggregate aggregate, WriteContext write, byte[] record)
    {
        parameters.Add(new NpgsqlParameter<int> { TypedValue = aggregate.Record.Editions[^1].Number });
        parameters.Add(Parameter(write.Change.Action));
        parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = write.Change.EffectiveOn });
        parameters.Add(Parameter(write.Actor.ClientId));
        parameters.Add(Parameter(write.Actor.PartyId));
        parameters.Add(Parameter(write.Change.Changed.ToArray()));
        parameters.Add(Parameter(write.Change.Note));
        parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = record });
    }

    private static NpgsqlParameter<T> Parameter<T>(T value) => new() { TypedValue = value };

    private const string RowColumns = "year, legal_basis, state, status, edition, title, released, version, updated_at";

    private static string Revision(string from, int first) =>
        $"""
        INSERT INTO agreement_revisions (agreement_id, version, edition, recorded_at, action, effective_on, client_id, party_id, changed, note, snapshot)
            SELECT id, $9, ${first}, $10, ${first + 1}, ${first + 2}, ${first + 3}, ${first + 4}, ${first + 5}, ${first + 6}, ${first + 7} FROM {from}
        """;

    // $11 drafting party, $12 party ids, $13 … $20 the revision, $21 … $26 the events.
    private static readonly string CreateSql = $"""
        WITH created AS (
            INSERT INTO agreements (id, {RowColumns}, drafting_party, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10)
            ON CONFLICT (id) DO NOTHING RETURNING id),
        parties AS (INSERT INTO agreement_parties (agreement_id, party_id) SELECT id, party FROM created, unnest($12::text[]) AS party),
        revision AS ({Revision("created", 13)}),
        outbox AS ({OutboxWriter.InsertSql(21, "EXISTS (SELECT 1 FROM created)")})
        SELECT count(*) FROM created
        """;

    // $11 expected version, $12 parties changed, $13 party ids, $14 … $17 the measures, $18 and $19 the document,
    // $20 … $27 the revision, $28 … $33 the events.
    private static readonly string UpdateSql = $"""
        WITH updated AS (
            UPDATE agreements SET ({RowColumns}) = ($2, $3, $4, $5, $6, $7, $8, $9, $10) WHERE id = $1 AND version = $11 RETURNING id),
        gone_parties AS (
            DELETE FROM agreement_parties WHERE $12 AND agreement_id IN (SELECT id FROM updated) AND party_id <> ALL ($13::text[])),
        new_parties AS (
            INSERT INTO agreement_parties (agreement_id, party_id) SELECT id, party FROM updated, unnest($13::text[]) AS party WHERE $12
            ON CONFLICT DO NOTHING),
        measures AS (
            INSERT INTO agreement_measures (agreement_id, measure_id, dialogue_id, due_on, state)
            SELECT id, m.measure_id, m.dialogue_id, m.due_on, m.state
            FROM updated, unnest($14::text[], $15::text[], $16::date[], $17::text[]) AS m (measure_id, dialogue_id, due_on, state)
            ON CONFLICT (agreement_id, measure_id) DO UPDATE SET state = EXCLUDED.state WHERE agreement_measures.state <> EXCLUDED.state),
        document AS (
            INSERT INTO agreement_documents (agreement_id, document_id, content) SELECT id, $18, $19 FROM updated WHERE $18 IS NOT NULL),
        revision AS ({Revision("updated", 20)}),
        outbox AS ({OutboxWriter.InsertSql(28, "EXISTS (SELECT 1 FROM updated)")})
        SELECT count(*) FROM updated
        """;

    // The statement's text is the same for every write: prepared once per pooled connection (Npgsql keeps it), later
    // calls find it by its text.
    private static Task PrepareAsync(NpgsqlCommand command, CancellationToken cancellationToken) => command.PrepareAsync(cancellationToken);

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
