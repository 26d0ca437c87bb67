namespace Zielsteuerung.Hosting.ApplicationModel;

/// <summary>Metadata of a referenced project, generated at build time as a class in the <c>Projects</c> namespace.</summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the .csproj.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the built assembly (.dll) started with <c>dotnet</c>.</summary>
    string ExecutablePath { get; }
}

/// <summary>A .NET service of ours, run as <c>dotnet &lt;dll&gt;</c> with named Kestrel endpoints <c>grpc</c> and <c>http</c>.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata) : Resource(name)
{
    public IProjectMetadata Metadata { get; } = metadata;
}

/// <summary>A Redis server.</summary>
public sealed class RedisResource(string name) : Resource(name), IResourceWithConnectionString
{
    internal int? AllocatedPort { get; set; }

    public string? GetConnectionString() => AllocatedPort is { } port ? $"127.0.0.1:{port}" : null;
}

/// <summary>A RabbitMQ broker (user guest, reachable from loopback only).</summary>
public sealed class RabbitMQServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    internal int? AllocatedPort { get; set; }

    public string? GetConnectionString() => AllocatedPort is { } port ? $"amqp://guest:guest@127.0.0.1:{port}/" : null;
}

/// <summary>The Erlang port mapper a RabbitMQ broker registers with; started before and stopped after the broker.</summary>
public sealed class ErlangPortMapperResource(string name, RabbitMQServerResource broker) : Resource(name), IResourceWithParent
{
    public IResource Parent => broker;
}

/// <summary>A PostgreSQL server; user <c>postgres</c> with a password generated once per state directory.</summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    internal int? AllocatedPort { get; set; }

    internal string? Password { get; set; }

    /// <summary>The databases added with <c>AddDatabase</c>: resource name → database name.</summary>
    public IReadOnlyDictionary<string, string> Databases => databases;

    private readonly Dictionary<string, string> databases = [];

    internal void AddDatabase(string resourceName, string databaseName) => databases.Add(resourceName, databaseName);

    public string? GetConnectionString() =>
        AllocatedPort is { } port && Password is { } password
            ? $"Host=127.0.0.1;Port={port};Username=postgres;Password={password}"
            : null;
}

/// <summary>A database on a <see cref="PostgresServerResource"/>, created before its dependents start.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = parent;

    public IResource Parent => Server;

    public string? GetConnectionString() =>
        Server.GetConnectionString() is { } server ? $"{server};Database={DatabaseName}" : null;
}
