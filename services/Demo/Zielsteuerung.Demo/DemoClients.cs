using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Kpi.Importer.Upload;
using AgreementsClient = Zielsteuerung.Agreements.V1.Agreements.AgreementsClient;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace Zielsteuerung.Demo;

/// <summary>
/// The services as development clients: a token per client from the identity service (client credentials, kpi-import's
/// <see cref="AccessToken"/>), sent as a bearer token with every call; one channel per service.
/// </summary>
internal sealed class DemoClients(DemoEndpoints endpoints, IReadOnlyDictionary<string, string> secrets) : IDisposable
{
    /// <summary>The client that delivers KPI data (acts for the BA), and the scopes the demo uses.</summary>
    public const string Statistik = "ba-statistik";

    private const string StatistikScopes = "kpi.deliver kpi.read";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly GrpcChannel _agreements = GrpcChannel.ForAddress(endpoints.Agreements);
    private readonly GrpcChannel _kpi = GrpcChannel.ForAddress(endpoints.Kpi, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });
    private readonly GrpcChannel _monitoring = GrpcChannel.ForAddress(endpoints.Monitoring, new GrpcChannelOptions { MaxReceiveMessageSize = 16 << 20 });
    private readonly Dictionary<string, AgreementsClient> _agreementClients = new(StringComparer.Ordinal);

    /// <summary>The agreements service as <paramref name="clientId"/>, with all the client's scopes (as the party acts in the seeds).</summary>
    public async Task<AgreementsClient> AgreementsAs(string clientId)
    {
        if (!_agreementClients.TryGetValue(clientId, out var client))
        {
            client = new AgreementsClient(_agreements.Intercept(Bearer(await TokenAsync(clientId, scope: ""))));
            _agreementClients[clientId] = client;
        }

        return client;
    }

    /// <summary>The KPI service as BA Statistik (kpi.deliver, kpi.read).</summary>
    public async Task<KpiClient> KpiAsStatistik(CancellationToken cancellationToken) =>
        new(_kpi.Intercept(Bearer(await TokenAsync(Statistik, StatistikScopes, cancellationToken))));

    /// <summary>The monitoring service as <paramref name="clientId"/>, with all the client's scopes.</summary>
    public async Task<MonitoringClient> MonitoringAs(string clientId, CancellationToken cancellationToken) =>
        new(_monitoring.Intercept(Bearer(await TokenAsync(clientId, scope: "", cancellationToken))));

    public void Dispose()
    {
        _agreements.Dispose();
        _monitoring.Dispose();
        _kpi.Dispose();
        _http.Dispose();
    }

    private async Task<string> TokenAsync(string clientId, string scope, CancellationToken cancellationToken = default)
    {
        if (!secrets.TryGetValue(clientId, out var secret) || secret.Length == 0)
        {
            throw new DemoLoadException($"no secret for development client '{clientId}' (the AppHost's parameter {clientId}-client-secret); the demo needs: {string.Join(", ", DemoLoader.ClientIds)}");
        }

        try
        {
            return await AccessToken.ObtainAsync(_http, endpoints.TokenEndpoint, clientId, secret, scope, cancellationToken);
        }
        catch (HttpRequestException unreachable)
        {
            throw new DemoLoadException($"the identity service at {endpoints.TokenEndpoint} could not be reached: {unreachable.Message}", unreachable);
        }
        catch (AccessTokenException refused)
        {
            throw new DemoLoadException(refused.Message, refused);
        }
    }

    private static Func<Grpc.Core.Metadata, Grpc.Core.Metadata> Bearer(string token) => metadata =>
    {
        metadata.Add("authorization", "Bearer " + token);
        return metadata;
    };
}

/// <summary>The demo could not be loaded: a missing secret, a service that cannot be reached or refuses; the message says which.</summary>
public sealed class DemoLoadException(string message, Exception? inner = null) : Exception(message, inner);
