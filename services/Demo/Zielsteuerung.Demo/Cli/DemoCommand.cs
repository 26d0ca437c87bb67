using System.CommandLine;

namespace Zielsteuerung.Demo.Cli;

/// <summary>
/// The loader's command line: the four endpoints (defaults: the ports eng/run.sh serves) and the development clients'
/// secrets from the environment, <c>&lt;CLIENT&gt;_CLIENT_SECRET</c> (mags-nrw → MAGS_NRW_CLIENT_SECRET). Exit code 0
/// when loaded (or loaded already), 1 when it failed.
/// </summary>
public static class DemoCommand
{
    public static RootCommand Create(TextWriter output)
    {
        var local = DemoEndpoints.Local;
        var agreements = Endpoint("--agreements", "The agreements service's gRPC endpoint", local.Agreements);
        var kpi = Endpoint("--kpi", "The KPI ingestion service's gRPC endpoint", local.Kpi);
        var monitoring = Endpoint("--monitoring", "The monitoring service's gRPC endpoint", local.Monitoring);
        var identity = Endpoint("--identity", "The identity service's http endpoint (its token endpoint is /connect/token)", local.Identity);
        var root = new RootCommand(
            "Loads the demo: the four seed agreements and generated KPI data of the 53 NRW jobcenters 2011–2018; what is there already is skipped. " +
            $"Secrets from the environment: {string.Join(", ", DemoLoader.ClientIds.Select(SecretVariable))}.")
        {
            agreements, kpi, monitoring, identity,
        };
        root.SetAction((parsed, cancellationToken) => RunAsync(
            output, new DemoEndpoints(parsed.GetValue(agreements)!, parsed.GetValue(kpi)!, parsed.GetValue(monitoring)!, parsed.GetValue(identity)!), cancellationToken));
        return root;
    }

    private static Option<Uri> Endpoint(string name, string description, Uri local) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => local,
        CustomParser = parsed => Uri.TryCreate(parsed.Tokens.Single().Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : Refuse(parsed, $"{name} '{parsed.Tokens.Single().Value}' is not an http:// or https:// address"),
    };

    private static Uri Refuse(System.CommandLine.Parsing.ArgumentResult parsed, string message)
    {
        parsed.AddError(message);
        return null!;
    }

    /// <summary>The environment variable that holds a development client's secret: MAGS_NRW_CLIENT_SECRET for mags-nrw.</summary>
    public static string SecretVariable(string clientId) => clientId.ToUpperInvariant().Replace('-', '_') + "_CLIENT_SECRET";

    private static async Task<int> RunAsync(TextWriter output, DemoEndpoints endpoints, CancellationToken cancellationToken)
    {
        var secrets = DemoLoader.ClientIds
            .Select(id => (id, secret: Environment.GetEnvironmentVariable(SecretVariable(id)) ?? ""))
            .Where(s => s.secret.Length > 0)
            .ToDictionary(s => s.id, s => s.secret, StringComparer.Ordinal);
        var unset = DemoLoader.ClientIds.Where(id => !secrets.ContainsKey(id)).Select(SecretVariable).ToList();
        if (unset.Count > 0)
        {
            await output.WriteLineAsync($"not set: {string.Join(", ", unset)} (eng/load-demo.sh takes them from the AppHost's user secrets)");
            return 1;
        }

        string? last = null;
        try
        {
            await DemoLoader.LoadAsync(endpoints, secrets, new Reported<string>(line => output.WriteLine(last = line)), cancellationToken);
            return 0;
        }
        catch (DemoLoadException failed)
        {
            await output.WriteLineAsync(failed.Message == last ? "the demo was not loaded." : $"the demo was not loaded: {failed.Message}");
            return 1;
        }
    }
}
