namespace Zielsteuerung.Testing;

/// <summary>
/// One replica of a service (the AppHost's <c>WithReplicas</c>): a resource instance of its own ("monitoring-&lt;suffix&gt;")
/// with its own Kestrel port, which DCP's proxy spreads calls over.
/// </summary>
public sealed record ResourceReplica(string ResourceId, Uri Address)
{
    public override string ToString() => $"{ResourceId} ({Address})";
}
