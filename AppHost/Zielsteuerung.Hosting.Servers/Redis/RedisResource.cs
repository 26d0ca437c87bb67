using Aspire.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>A Redis server run from Debian's <c>redis-server</c> package as an executable resource.</summary>
public sealed class RedisResource : ServerResource, IResourceWithConnectionString
{
    internal RedisResource(string name, string command, string dataDirectory, ParameterResource password) : base(name, command, dataDirectory)
    {
        PasswordParameter = password;
    }

    /// <summary>The password clients authenticate with (an Aspire parameter, secret).</summary>
    public ParameterResource PasswordParameter { get; }

    /// <summary>The configuration file written before each start (it holds the password, so it is not an argument).</summary>
    internal string ConfigurationFile => Path.Combine(DataDirectory, "redis.conf");

    internal override IEnumerable<string> RequiredPrograms => ["redis-server"];

    /// <summary><c>127.0.0.1:port,password=…</c> (StackExchange.Redis configuration syntax).</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{ServerResources.Loopback}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}
