using Npgsql;
using PartyRegistry.API.Import;

namespace PartyRegistry.Tests.Integration;

/// <summary>
/// The reference data at start: the fingerprint of the files applied is recorded, a restart with the same files skips
/// the import (one query), a restart with other files imports again (registering only what is missing).
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class ReferenceDataStartTests(RegistryFixture fixture)
{
    private static readonly string Fingerprint = ReferenceData.NrwFingerprint();

    [Fact]
    public async Task The_fingerprint_of_the_reference_files_is_recorded_with_the_number_of_parties()
    {
        Assert.Contains((Fingerprint, ReferenceData.LoadNrw().Count), await AppliedAsync());
    }

    [Fact]
    public async Task A_restart_with_the_same_files_skips_the_import_and_one_with_other_files_imports_again()
    {
        await RestartAsync();
        var logs = await LogsSinceLastStartAsync();
        Assert.Contains(logs, line => line.Contains($"Reference data {Fingerprint[..12]} already applied.", StringComparison.Ordinal));
        // It listens only once its dependencies (the bus too) are ready, so its first gRPC health answer is SERVING.
        Assert.DoesNotContain(logs, line => line.Contains("Starting although not ready", StringComparison.Ordinal));

        // As if the files applied before had been an older version.
        await ExecuteAsync("UPDATE reference_data_applied SET fingerprint = 'an-older-version'");
        await RestartAsync();
        Assert.Contains(await LogsSinceLastStartAsync(), line => line.Contains(
            $"Reference data {Fingerprint[..12]}: 0 parties registered, {ReferenceData.LoadNrw().Count} already there.", StringComparison.Ordinal));
        Assert.Contains((Fingerprint, ReferenceData.LoadNrw().Count), await AppliedAsync());
        Assert.Equal("jc-05554", (await fixture.Client.GetPartyAsync(new() { Id = "jc-05554" })).Id);
    }

    private async Task RestartAsync()
    {
        await fixture.Topology.StopResourceAsync("party-registry");
        await fixture.Topology.StartResourceAsync("party-registry");
    }

    // The output of the latest start: from its migrations check on.
    private async Task<List<string>> LogsSinceLastStartAsync()
    {
        var lines = await fixture.Topology.ConsoleLinesAsync("party-registry");
        var start = lines.FindLastIndex(line => line.Contains("Database schema is up to date", StringComparison.Ordinal));
        return start < 0 ? [] : lines[start..];
    }

    private async Task<List<(string, int)>> AppliedAsync()
    {
        await using var connection = new NpgsqlConnection(await fixture.ConnectionStringAsync("parties-db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT fingerprint, parties FROM reference_data_applied ORDER BY applied_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await fixture.ConnectionStringAsync("parties-db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
