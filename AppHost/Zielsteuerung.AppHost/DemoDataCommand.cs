using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Zielsteuerung.Demo;

namespace Zielsteuerung.AppHost;

/// <summary>
/// The dashboard's "Load demo data" command (docs/demo.md): the four seed agreements and generated KPI data of the 53
/// NRW jobcenters, loaded into the running topology by <see cref="DemoLoader"/>, each write as the development client
/// of its party. Loaded already: nothing is written again.
/// </summary>
internal static class DemoDataCommand
{
    public const string Name = "load-demo-data";

    public static IResourceBuilder<ProjectResource> WithDemoDataCommand(
        this IResourceBuilder<ProjectResource> agreements,
        IResourceBuilder<ProjectResource> identity,
        IResourceBuilder<ProjectResource> kpiIngestion,
        IResourceBuilder<ProjectResource> monitoring)
    {
        var builder = agreements.ApplicationBuilder;
        return agreements.WithCommand(Name, "Load demo data", async context =>
        {
            var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var client in DemoLoader.ClientIds)
            {
                var parameterName = IdentityResourceExtensions.SecretParameterName(client);
                var parameter = builder.Resources.OfType<ParameterResource>().Single(p => p.Name == parameterName);
                secrets[client] = await parameter.GetValueAsync(context.CancellationToken) ?? "";
            }

            var endpoints = new DemoEndpoints(
                new Uri(agreements.GetEndpoint("grpc").Url),
                new Uri(kpiIngestion.GetEndpoint("grpc").Url),
                new Uri(monitoring.GetEndpoint("grpc").Url),
                new Uri(identity.GetEndpoint("http").Url));
            try
            {
                var report = await DemoLoader.LoadAsync(endpoints, secrets,
                    new Reported<string>(line => context.Logger.LogInformation("{DemoLine}", line)), context.CancellationToken);
                return CommandResults.Success(report.Total);
            }
            catch (DemoLoadException failed)
            {
                return CommandResults.Failure(failed.Message);
            }
        }, new CommandOptions
        {
            Description = "The four seed agreements, generated KPI data of the 53 NRW jobcenters 2011–2018 and the Borken 2018 dialogue report (docs/demo.md); loaded already: nothing is written again.",
            IconName = "DatabaseArrowUp",
            Progress = new CommandProgressOptions { Title = "Load demo data", Message = "Loading the seed agreements and the KPI data …" },
            UpdateState = state => state.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });
    }
}
