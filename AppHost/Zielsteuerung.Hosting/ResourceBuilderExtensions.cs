using Zielsteuerung.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting;

/// <summary>The Aspire-shaped <c>Add…</c> and <c>With…</c> methods.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>A Redis server on 127.0.0.1 (<paramref name="port"/> null: any free port), append-only file under the state directory.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var redis = new RedisResource(name);
        redis.Annotations.Add(new EndpointAnnotation("tcp", EndpointProtocol.Tcp, port));
        return builder.AddResource(redis);
    }

    /// <summary>A RabbitMQ broker on 127.0.0.1 with its own Erlang port mapper (<c>&lt;name&gt;-epmd</c>).</summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var broker = new RabbitMQServerResource(name);
        broker.Annotations.Add(new EndpointAnnotation("tcp", EndpointProtocol.Tcp, port));
        broker.Annotations.Add(new EndpointAnnotation("dist", EndpointProtocol.Tcp) { IsInternal = true });

        var epmd = new ErlangPortMapperResource($"{name}-epmd", broker);
        epmd.Annotations.Add(new EndpointAnnotation("tcp", EndpointProtocol.Tcp) { IsInternal = true });
        builder.AddResource(epmd);
        broker.Annotations.Add(new WaitAnnotation(epmd));
        return builder.AddResource(broker);
    }

    /// <summary>A PostgreSQL server on 127.0.0.1; add its databases with <see cref="AddDatabase"/>.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var server = new PostgresServerResource(name);
        server.Annotations.Add(new EndpointAnnotation("tcp", EndpointProtocol.Tcp, port));
        return builder.AddResource(server);
    }

    /// <summary>A database on the server, created (if missing) before resources that wait for it start.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        databaseName ??= name;
        if (!databaseName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"Database name '{databaseName}' may hold only letters, digits, '_' and '-'.", nameof(databaseName));
        }

        var database = new PostgresDatabaseResource(name, databaseName, builder.Resource);
        builder.Resource.AddDatabase(name, databaseName);
        return builder.ApplicationBuilder.AddResource(database);
    }

    /// <summary>A service of ours from its generated project metadata (<c>Projects.PartyRegistry_API</c>), with the
    /// named endpoints <c>grpc</c> (HTTP/2, h2c) and <c>http</c> (HTTP/1.1 for /health and /alive).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() => builder.AddProject(name, new TProject());

    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, IProjectMetadata metadata)
    {
        var project = new ProjectResource(name, metadata);
        project.Annotations.Add(new EndpointAnnotation("grpc", EndpointProtocol.Http2));
        project.Annotations.Add(new EndpointAnnotation("http", EndpointProtocol.Http1));
        return builder.AddResource(project);
    }

    /// <summary>Passes <paramref name="source"/>'s connection string as <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResource
    {
        var resource = source.Resource;
        builder.Resource.Annotations.Add(new ReferenceAnnotation(resource));
        builder.Resource.Annotations.Add(new EnvironmentAnnotation($"ConnectionStrings__{resource.Name}", resource.GetConnectionString));
        return builder;
    }

    /// <summary>Passes the service's endpoints as <c>services__&lt;name&gt;__&lt;endpoint&gt;__&lt;i&gt;</c> (one entry per replica).</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> source)
        where T : IResource
    {
        builder.Resource.Annotations.Add(new ReferenceAnnotation(source.Resource));
        return builder;
    }

    /// <summary>Holds the resource back until <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        builder.Resource.Annotations.Add(new WaitAnnotation(dependency.Resource));
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string? value)
        where T : IResource
    {
        builder.Resource.Annotations.Add(new EnvironmentAnnotation(name, () => value));
        return builder;
    }

    /// <summary>An environment variable computed at launch (after ports are allocated).</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string?> value)
        where T : IResource
    {
        builder.Resource.Annotations.Add(new EnvironmentAnnotation(name, value));
        return builder;
    }

    /// <summary>Runs <paramref name="replicas"/> processes of the service, each with its own ports.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        foreach (var old in builder.Resource.Annotations.OfType<ReplicaAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(old);
        }

        builder.Resource.Annotations.Add(new ReplicaAnnotation(replicas));
        return builder;
    }

    /// <summary>Changes (or adds) a named endpoint, e.g. to pin its port.</summary>
    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, string name, Action<EndpointAnnotation> configure)
        where T : IResource
    {
        var endpoint = builder.Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == name);
        if (endpoint is null)
        {
            endpoint = new EndpointAnnotation(name, EndpointProtocol.Tcp);
            builder.Resource.Annotations.Add(endpoint);
        }

        configure(endpoint);
        return builder;
    }
}
