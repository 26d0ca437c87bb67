using Zielsteuerung.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting;

/// <summary>Declares the resources of a distributed application, as Aspire's builder does.</summary>
public interface IDistributedApplicationBuilder
{
    DistributedApplicationOptions Options { get; }

    /// <summary>The declared resources, in declaration order.</summary>
    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>Validates the model and creates the application (nothing runs until it is started).</summary>
    DistributedApplication Build();
}

/// <summary>Fluent access to one resource, for the <c>With…</c> extension methods.</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}

internal sealed class ResourceBuilder<T>(IDistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : IResource
{
    public IDistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;
}

internal sealed class DistributedApplicationBuilder(DistributedApplicationOptions options) : IDistributedApplicationBuilder
{
    private readonly List<IResource> resources = [];

    public DistributedApplicationOptions Options { get; } = options;

    public IReadOnlyList<IResource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (resources.Any(r => r.Name == resource.Name))
        {
            throw new DistributedApplicationException($"A resource named '{resource.Name}' already exists.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        if (DistributedApplication.BuildInterceptor.Value is { } intercept)
        {
            // A testing builder ran the AppHost's entry point to obtain its topology; stop Main here.
            intercept(this);
            throw new BuildInterceptedException();
        }

        return new DistributedApplication(this);
    }
}

/// <summary>Thrown to unwind an AppHost's Main once a testing builder has captured its topology.</summary>
internal sealed class BuildInterceptedException() : Exception("The AppHost's builder was captured by a testing builder.");

/// <summary>A problem of the application model or of launching it, with a message meant for the person at the console.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
