using System.Text.Json;

namespace Zielsteuerung.AppHost;

/// <summary>How the AppHost configures the identity service.</summary>
internal static class IdentityResourceExtensions
{
    /// <summary>The service's http endpoint is its issuer: what tokens carry as iss and where discovery is read.</summary>
    public static IResourceBuilder<ProjectResource> WithIssuer(this IResourceBuilder<ProjectResource> identity) =>
        identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"));

    /// <summary>
    /// Registers the development clients of the service's <c>Clients/development-clients.json</c>: one generated secret
    /// parameter <c>&lt;client&gt;-client-secret</c> per client (kept in the AppHost's user secrets, never in the repo),
    /// passed as <c>Identity__DevelopmentClients__Secrets__&lt;client&gt;</c>; the service's own client,
    /// <c>identity-service</c>, also as its <c>Identity__ClientSecret</c>. eng/dev-token.sh reads them back.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentClients(this IResourceBuilder<ProjectResource> identity)
    {
        var builder = identity.ApplicationBuilder;
        var project = identity.Resource.GetProjectMetadata().ProjectPath;
        var seed = Path.Combine(Path.GetDirectoryName(project)!, "Clients", "development-clients.json");
        using var document = JsonDocument.Parse(File.ReadAllText(seed));
        identity.WithEnvironment("Identity__DevelopmentClients__Enabled", "true");
        foreach (var client in document.RootElement.GetProperty("clients").EnumerateArray())
        {
            var clientId = client.GetProperty("clientId").GetString()!;
            var secret = builder.AddParameter(SecretParameterName(clientId), new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
            identity.WithEnvironment($"Identity__DevelopmentClients__Secrets__{clientId}", secret);
            if (clientId == "identity-service")
            {
                identity.WithEnvironment("Identity__ClientSecret", secret);
            }
        }

        return identity;
    }

    /// <summary>
    /// Gives a service that calls others the secret of its development client (<c>Identity__ClientId</c> is in its
    /// appsettings.json): the parameter <see cref="WithDevelopmentClients"/> generated for that client.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceClientSecret(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity, string clientId)
    {
        var name = SecretParameterName(clientId);
        var secret = identity.ApplicationBuilder.Resources.OfType<ParameterResource>().SingleOrDefault(p => p.Name == name)
            ?? throw new InvalidOperationException($"No development client '{clientId}': add it to the identity service's Clients/development-clients.json.");
        return service.WithEnvironment("Identity__ClientSecret", secret);
    }

    /// <summary>The parameter that holds a development client's secret.</summary>
    public static string SecretParameterName(string clientId) => $"{clientId}-client-secret";
}
