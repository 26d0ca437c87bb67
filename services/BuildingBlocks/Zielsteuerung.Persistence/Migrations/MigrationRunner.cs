using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Zielsteuerung.Persistence;

/// <summary>
/// Brings a PostgreSQL database up to date with hand-written SQL migrations.
/// </summary>
/// <remarks>
/// Runs under a session advisory lock, so several instances starting at once apply each migration exactly once.
/// Each migration runs in its own transaction together with its row in <c>schema_migrations</c>
/// (version, file name, checksum, applied_at): it is applied completely or not at all.
/// An applied migration whose script changed since (checksum) is an error naming the file.
/// </remarks>
public sealed class MigrationRunner
{
    // Advisory locks are per database and every service has its own, so one key serves all.
    internal const long AdvisoryLockKey = 0x5A69_656C_4D69_6772; // "ZielMigr"

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     PRIMARY KEY,
            file_name  text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private readonly Func<NpgsqlConnection> _createConnection;
    private readonly ILogger _logger;

    /// <summary>A runner for the database at <paramref name="connectionString"/>.</summary>
    public MigrationRunner(string connectionString, ILogger? logger = null)
        : this(() => new NpgsqlConnection(connectionString), logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
    }

    /// <summary>A runner for the database of <paramref name="dataSource"/>.</summary>
    public MigrationRunner(NpgsqlDataSource dataSource, ILogger? logger = null)
        : this(() => dataSource.CreateConnection(), logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
    }

    internal MigrationRunner(Func<NpgsqlConnection> createConnection, ILogger? logger)
    {
        _createConnection = createConnection;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Applies the migrations not applied yet, in order; returns those it applied.</summary>
    /// <exception cref="MigrationException">A migration failed, or an applied one was changed or renamed.</exception>
    public async Task<IReadOnlyList<SqlMigration>> ApplyAsync(
        IReadOnlyList<SqlMigration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = SqlMigrations.Ordered(migrations);

        await using var connection = _createConnection();
        await OpenAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, CreateHistoryTable, cancellationToken);
            var applied = await ReadHistoryAsync(connection, cancellationToken);
            Verify(ordered, applied);

            var done = new List<SqlMigration>();
            foreach (var migration in ordered.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                done.Add(migration);
            }
            if (done.Count == 0)
            {
                _logger.LogInformation("Database schema is up to date ({Count} migrations applied before).", applied.Count);
            }
            return done;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    private void Verify(IReadOnlyList<SqlMigration> migrations, Dictionary<int, (string FileName, string Checksum)> applied)
    {
        var known = migrations.ToDictionary(m => m.Version);
        foreach (var (version, row) in applied.OrderBy(a => a.Key))
        {
            if (!known.TryGetValue(version, out var migration))
            {
                _logger.LogWarning(
                    "Migration {FileName} is applied in the database but not part of this build (a newer version ran here).",
                    row.FileName);
                continue;
            }
            if (migration.FileName != row.FileName)
            {
                throw new MigrationException(
                    $"Migration number {version} was applied as {row.FileName} but this build has {migration.FileName}; " +
                    "applied migrations must not be renamed.");
            }
            if (migration.Checksum != row.Checksum)
            {
                throw new MigrationException(
                    $"Migration {migration.FileName} was changed after it was applied (checksum {row.Checksum} in the database, " +
                    $"{migration.Checksum} now). Undo the edit and add a new migration instead.");
            }
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, SqlMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, file_name, checksum) VALUES ($1, $2, $3)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.FileName });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new MigrationException($"Migration {migration.FileName} failed: {ex.MessageText} (SQLSTATE {ex.SqlState}).", ex);
        }
        _logger.LogInformation("Applied migration {FileName}.", migration.FileName);
    }

    private static async Task<Dictionary<int, (string FileName, string Checksum)>> ReadHistoryAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, file_name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }
        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The database may still be starting when the service starts (outside the AppHost, which waits for it).
    private async Task OpenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < 10)
            {
                _logger.LogWarning("Database not reachable yet ({Message}); retrying.", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
