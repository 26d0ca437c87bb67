namespace Zielsteuerung.Demo;

/// <summary>
/// Where the loader finds the services: the agreements, KPI and monitoring services' gRPC endpoints and the identity
/// service's http endpoint (its token endpoint is <c>connect/token</c> below it). Run by eng/run.sh:
/// http://localhost:5101, http://localhost:5111, http://localhost:5121, http://localhost:5090.
/// </summary>
public sealed record DemoEndpoints(Uri Agreements, Uri Kpi, Uri Monitoring, Uri Identity)
{
    public static DemoEndpoints Local { get; } = new(new("http://localhost:5101"), new("http://localhost:5111"), new("http://localhost:5121"),
        new("http://localhost:5090"));

    public Uri TokenEndpoint => new(Identity, "connect/token");
}
