namespace Zielsteuerung.Hosting.ApplicationModel;

/// <summary>How an endpoint is spoken.</summary>
public enum EndpointProtocol
{
    /// <summary>Plain TCP (databases, brokers, caches).</summary>
    Tcp,

    /// <summary>HTTP/1.1 (health, metrics).</summary>
    Http1,

    /// <summary>HTTP/2 without TLS (h2c), used for gRPC.</summary>
    Http2,
}

/// <summary>A named port of a resource. <see cref="Port"/> null means "allocate a free one".</summary>
public sealed class EndpointAnnotation(string name, EndpointProtocol protocol, int? port = null) : IResourceAnnotation
{
    public string Name { get; } = name;

    public EndpointProtocol Protocol { get; set; } = protocol;

    /// <summary>A fixed port; null lets the AppHost pick a free one.</summary>
    public int? Port { get; set; } = port;

    /// <summary>Hidden endpoints are internal plumbing (e.g. Erlang distribution) and not shown as URLs.</summary>
    public bool IsInternal { get; init; }

    public string UriScheme => Protocol == EndpointProtocol.Tcp ? "tcp" : "http";
}

/// <summary>An environment variable for the resource's process; the value is computed at launch.</summary>
public sealed class EnvironmentAnnotation(string name, Func<string?> value) : IResourceAnnotation
{
    public string Name { get; } = name;

    public Func<string?> Value { get; } = value;
}

/// <summary>The resource does not start before <see cref="Resource"/> is healthy.</summary>
public sealed class WaitAnnotation(IResource resource) : IResourceAnnotation
{
    public IResource Resource { get; } = resource;
}

/// <summary>The resource receives the connection string or endpoints of <see cref="Resource"/>.</summary>
public sealed class ReferenceAnnotation(IResource resource) : IResourceAnnotation
{
    public IResource Resource { get; } = resource;
}

/// <summary>How many processes of a service run side by side.</summary>
public sealed class ReplicaAnnotation(int replicas) : IResourceAnnotation
{
    public int Replicas { get; } = replicas;
}
