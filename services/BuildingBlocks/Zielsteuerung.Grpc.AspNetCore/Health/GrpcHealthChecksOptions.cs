using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zielsteuerung.Grpc.AspNetCore.Health;

/// <summary>How the grpc.health.v1 service derives its statuses from the ASP.NET Core health checks.</summary>
public sealed class GrpcHealthChecksOptions
{
    /// <summary>The tag of the checks that decide readiness by default.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The checks whose combined result is the status of the server (service ""); by default those tagged "ready".</summary>
    public Func<HealthCheckRegistration, bool> Predicate { get; set; } = registration => registration.Tags.Contains(ReadyTag);

    /// <summary>How often the checks are re-evaluated; every change is pushed to Watch streams.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
