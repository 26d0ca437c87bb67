using Aspire.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>A RabbitMQ broker run from Debian's <c>rabbitmq-server</c> package as an executable resource.</summary>
public sealed class RabbitMQServerResource : ServerResource, IResourceWithConnectionString
{
    internal const string DistributionEndpointName = "dist";

    internal RabbitMQServerResource(string name, string command, string dataDirectory, ParameterResource userName, ParameterResource password,
        ErlangPortMapperResource portMapper) : base(name, command, dataDirectory)
    {
        UserNameParameter = userName;
        PasswordParameter = password;
        PortMapper = portMapper;
    }

    public ParameterResource UserNameParameter { get; }

    /// <summary>The broker user's password (an Aspire parameter, secret).</summary>
    public ParameterResource PasswordParameter { get; }

    /// <summary>The broker's own Erlang port mapper (<c>&lt;name&gt;-epmd</c>).</summary>
    public ErlangPortMapperResource PortMapper { get; }

    internal string ConfigurationFile => Path.Combine(DataDirectory, "rabbitmq.conf");

    /// <summary>The user, with the password's hash, imported at every boot (so a changed password takes effect).</summary>
    internal string DefinitionsFile => Path.Combine(DataDirectory, "definitions.json");

    internal override IEnumerable<string> RequiredPrograms => ["rabbitmq-server"];

    /// <summary><c>amqp://user:password@127.0.0.1:port</c></summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserNameParameter}:{PasswordParameter}@{ServerResources.Loopback}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

/// <summary>
/// The Erlang port mapper of one broker, on a private loopback port: started before the broker and stopped with the
/// topology, so it neither collides with a system epmd nor outlives the AppHost.
/// </summary>
public sealed class ErlangPortMapperResource : ServerResource
{
    internal ErlangPortMapperResource(string name, string command, string dataDirectory) : base(name, command, dataDirectory)
    {
    }

    internal override IEnumerable<string> RequiredPrograms => ["epmd"];
}
