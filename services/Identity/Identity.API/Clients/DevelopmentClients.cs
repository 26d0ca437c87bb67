using System.Text.Json;

namespace Identity.API.Clients;

/// <summary>
/// The development clients of <c>Clients/development-clients.json</c> (the seeds' parties and the services' own
/// clients), registered at start when <c>Identity:DevelopmentClients:Enabled</c> is true, each with the secret of
/// <c>Identity:DevelopmentClients:Secrets:&lt;client id&gt;</c> (the AppHost passes generated Aspire parameters).
/// A client without a secret there is skipped, never given a literal one.
/// </summary>
internal sealed partial class DevelopmentClients(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment, ILogger<DevelopmentClients> logger)
    : IHostedService
{
    public const string Section = "Identity:DevelopmentClients";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue($"{Section}:Enabled", false))
        {
            return;
        }

        var path = Path.Combine(environment.ContentRootPath, configuration[$"{Section}:File"] ?? "Clients/development-clients.json");
        await using var file = File.OpenRead(path);
        var seed = await JsonSerializer.DeserializeAsync<SeedFile>(file, Json, cancellationToken)
            ?? throw new InvalidOperationException($"{path} holds no clients.");
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ClientCatalog>();
        foreach (var client in seed.Clients)
        {
            var secret = configuration[$"{Section}:Secrets:{client.ClientId}"];
            if (string.IsNullOrEmpty(secret))
            {
                LogNoSecret(client.ClientId);
                continue;
            }

            var spec = new ClientSpec(client.ClientId, client.DisplayName ?? "", client.Party ?? "", client.Scopes, null);
            if (await catalog.EnsureAsync(spec, secret, cancellationToken))
            {
                LogSeeded(client.ClientId, spec.PartyId, string.Join(' ', client.Scopes));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development client {ClientId} skipped: no secret in Identity:DevelopmentClients:Secrets.")]
    private partial void LogNoSecret(string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Development client {ClientId} registered (party '{Party}', scopes {Scopes}).")]
    private partial void LogSeeded(string clientId, string party, string scopes);

    private sealed record SeedFile(IReadOnlyList<SeedClient> Clients);

    private sealed record SeedClient(string ClientId, string? DisplayName, string? Party, IReadOnlyList<string> Scopes);
}
