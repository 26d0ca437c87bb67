using Npgsql;
using PartyRegistry.API.Application;
using PartyRegistry.API.Infrastructure;

namespace PartyRegistry.API.Import;

/// <summary>
/// Loads the NRW reference data (<see cref="ReferenceData"/>) when the service starts, before it listens: parties not
/// yet registered are registered with their history; registered ones are left alone, so restarts are idempotent and
/// later changes recorded in the registry are kept. The fingerprint of the files applied is recorded
/// (<c>reference_data_applied</c>), so a start with the same files costs one query.
/// </summary>
/// <remarks>
/// Started right after the migrations, it runs while the later hosted services (the MassTransit bus, the outbox relay)
/// start; <see cref="ReferenceDataReady"/>, registered after them, waits for it, so the server still listens only
/// after the reference data is there.
/// </remarks>
internal sealed class ReferenceDataLoader(
    IServiceScopeFactory scopes, [FromKeyedServices(PartiesDbContext.ConnectionName)] NpgsqlDataSource database, ILogger<ReferenceDataLoader> logger)
    : IHostedService
{
    private Task? _loading;

    /// <summary>Completes when the reference data is loaded (or was already); faults if loading failed.</summary>
    public Task Loaded => _loading ?? throw new InvalidOperationException("the reference data loader has not been started.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(() => LoadAsync(cancellationToken), cancellationToken);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var fingerprint = ReferenceData.NrwFingerprint();
        if (await IsAppliedAsync(fingerprint, cancellationToken))
        {
            logger.LogInformation("Reference data {Fingerprint} already applied.", fingerprint[..12]);
            return;
        }

        var parties = ReferenceData.LoadNrw();
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var registry = scope.ServiceProvider.GetRequiredService<Registry>();
            try
            {
                var result = await registry.ImportAsync(parties, "reference data", skipExisting: true, cancellationToken);
                // After the import: a crash in between only means the next start imports again (finding everything).
                await RecordAppliedAsync(fingerprint, parties.Count, cancellationToken);
                logger.LogInformation(
                    "Reference data {Fingerprint}: {Registered} parties registered, {Unchanged} already there.",
                    fingerprint[..12], result.Registered.Count, result.Unchanged);
                return;
            }
            catch (PartyAlreadyExistsException) when (attempt == 1)
            {
                // Another instance loaded the same parties at the same moment; the second attempt finds them.
            }
        }
    }

    private async Task<bool> IsAppliedAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM reference_data_applied WHERE fingerprint = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task RecordAppliedAsync(string fingerprint, int parties, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO reference_data_applied (fingerprint, parties) VALUES ($1, $2) ON CONFLICT (fingerprint) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        command.Parameters.Add(new NpgsqlParameter { Value = parties });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Registered after the bus and the relay: the host finishes starting (and Kestrel listens) only once the reference data is loaded.</summary>
internal sealed class ReferenceDataReady(ReferenceDataLoader loader) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => loader.Loaded.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
