using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Zielsteuerung.Authorization.Access;

/// <summary>
/// At start: every mapped gRPC method either has an access rule or belongs to health/reflection; otherwise the service
/// does not start, naming the methods, so that none is reachable by mistake.
/// </summary>
internal sealed class AccessRulesCheck(IEnumerable<EndpointDataSource> endpoints, AccessRules rules) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var unruled = endpoints
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>())
            .OfType<GrpcMethodMetadata>()
            .Select(metadata => metadata.Method.FullName)
            .Distinct(StringComparer.Ordinal)
            .Where(path => !AccessRules.IsOpen(path) && rules.Find(path) is null)
            .ToList();
        return unruled.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"gRPC methods without an access rule: {string.Join(", ", unruled)}. Declare them with builder.AddServiceAccess(ServiceAccess.For(…)).");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
