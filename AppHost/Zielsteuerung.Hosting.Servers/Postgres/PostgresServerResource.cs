using Aspire.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>A PostgreSQL server run from Debian's <c>postgresql</c> package as an executable resource.</summary>
public sealed class PostgresServerResource : ServerResource, IResourceWithConnectionString
{
    /// <summary>The superuser the services connect as.</summary>
    public const string UserName = "postgres";

    internal PostgresServerResource(string name, string command, string dataDirectory, ParameterResource password)
        : base(name, command, dataDirectory)
    {
        PasswordParameter = password;
    }

    /// <summary>The superuser's password (an Aspire parameter, secret).</summary>
    public ParameterResource PasswordParameter { get; }

    /// <summary>The database cluster (initdb's directory).</summary>
    internal string ClusterDirectory => Path.Combine(DataDirectory, "data");

    /// <summary>The directory of the server's Unix socket, over which the AppHost administers it (trust, no password).</summary>
    internal string SocketDirectory => Path.Combine(DataDirectory, "run");

    internal override IEnumerable<string> RequiredPrograms => ["postgres", "initdb", .. RunsAsServiceUser ? (string[])["setpriv"] : []];

    /// <summary>PostgreSQL refuses to run as root: then the AppHost runs it as the <c>postgres</c> user.</summary>
    internal static bool RunsAsServiceUser => Environment.IsPrivilegedProcess;

    /// <summary>
    /// The arguments of <c>setpriv</c> (which then execs <paramref name="program"/> as the <c>postgres</c> user) when
    /// <see cref="RunsAsServiceUser"/>; else none, and <paramref name="program"/> is the command itself.
    /// </summary>
    internal static IEnumerable<string> ServiceUserArguments(string program) =>
        RunsAsServiceUser ? [$"--reuid={UserName}", $"--regid={UserName}", "--clear-groups", program] : [];

    /// <summary><c>Host=127.0.0.1;Port=…;Username=postgres;Password=…</c></summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={ServerResources.Loopback};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    /// <summary>A superuser connection over the Unix socket (local connections are trusted).</summary>
    internal async Task<string> AdministrationConnectionStringAsync(CancellationToken cancellationToken)
    {
        var port = await PrimaryPortAsync(cancellationToken).ConfigureAwait(false);
        return $"Host={SocketDirectory};Port={port};Username={UserName};Database=postgres;Pooling=false;Timeout=5;Command Timeout=30";
    }
}

/// <summary>A database on a <see cref="PostgresServerResource"/>; created when the server is first ready.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString
{
    public PostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    /// <summary>The server's connection string with <c>;Database=…</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
