using Zielsteuerung.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>What all resource instances of one application share.</summary>
internal sealed class HostContext(DistributedApplicationOptions options, string stateDirectory, ResourceNotificationService notifications)
{
    private readonly List<ResourceInstance> instances = [];

    public DistributedApplicationOptions Options { get; } = options;

    public string StateDirectory { get; } = stateDirectory;

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public Tools Tools { get; } = new(options.ToolPaths);

    public ResourceNotificationService Notifications { get; } = notifications;

    public IReadOnlyList<ResourceInstance> Instances => instances;

    public void Add(ResourceInstance instance) => instances.Add(instance);

    public IReadOnlyList<ResourceInstance> InstancesOf(IResource resource) => instances.Where(i => i.Resource == resource).ToList();

    public string ResourceDirectory(IResource resource) => Path.Combine(StateDirectory, resource.Name);

    public bool IsHealthy(IResource resource) => InstancesOf(resource).All(i => i.Snapshot.IsHealthy);

    /// <summary>The resources <paramref name="resource"/> must see healthy before it starts.</summary>
    public static IReadOnlyList<IResource> WaitDependencies(IResource resource)
    {
        var dependencies = resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource).ToList();
        if (resource is PostgresDatabaseResource database)
        {
            dependencies.Add(database.Server);
        }

        return dependencies.Distinct().ToList();
    }

    /// <summary>The resources <paramref name="resource"/> uses; it stops before them.</summary>
    public static IReadOnlyList<IResource> StopDependencies(IResource resource) =>
        WaitDependencies(resource).Concat(resource.Annotations.OfType<ReferenceAnnotation>().Select(r => r.Resource)).Distinct().ToList();

    /// <summary>Environment of a resource process: the AppHost's own, plus Aspire's conventions for references.</summary>
    public Dictionary<string, string?> BuildEnvironment(ResourceInstance instance)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (instance.Resource is ProjectResource)
        {
            // The endpoints come from Kestrel__Endpoints__*; inherited URL settings would override or warn.
            foreach (var name in (string[])["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS"])
            {
                environment[name] = null;
            }

            environment["ASPNETCORE_ENVIRONMENT"] = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development";
            environment["DOTNET_ENVIRONMENT"] = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development";
            foreach (var endpoint in instance.Resource.Annotations.OfType<EndpointAnnotation>())
            {
                environment[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = instance.EndpointUri(endpoint.Name).ToString().TrimEnd('/');
                environment[$"Kestrel__Endpoints__{endpoint.Name}__Protocols"] = endpoint.Protocol == EndpointProtocol.Http2 ? "Http2" : "Http1";
            }

            environment["OTEL_SERVICE_NAME"] = instance.Resource.Name;
            environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instance.InstanceId}";
            foreach (var name in (string[])["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS"])
            {
                environment[name] = Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
            }
        }

        foreach (var reference in instance.Resource.Annotations.OfType<ReferenceAnnotation>())
        {
            if (reference.Resource is not ProjectResource service)
            {
                continue;
            }

            foreach (var endpoint in service.Annotations.OfType<EndpointAnnotation>().Where(e => !e.IsInternal))
            {
                var replicas = InstancesOf(service);
                for (var i = 0; i < replicas.Count; i++)
                {
                    environment[$"services__{service.Name}__{endpoint.Name}__{i}"] = replicas[i].EndpointUri(endpoint.Name).ToString().TrimEnd('/');
                }
            }
        }

        foreach (var variable in instance.Resource.Annotations.OfType<EnvironmentAnnotation>())
        {
            environment[variable.Name] = variable.Value();
        }

        return environment;
    }
}
