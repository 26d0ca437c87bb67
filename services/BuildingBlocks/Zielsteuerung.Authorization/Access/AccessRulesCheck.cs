using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Zielsteuerung.Authorization.Access;

/// <summary>
/// When the request pipeline is built at start: every mapped gRPC method either has an access rule or belongs to
/// health/reflection; otherwise the service does not start, naming the methods, so that none is reachable by mistake.
/// (A startup filter, because the endpoints are known only once the pipeline is built, after the hosted services.)
/// </summary>
internal sealed class AccessRulesCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var rules = app.ApplicationServices.GetRequiredService<AccessRules>();
        var unruled = app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>())
            .OfType<GrpcMethodMetadata>()
            .Select(metadata => metadata.Method.FullName)
            .Distinct(StringComparer.Ordinal)
            .Where(path => !AccessRules.IsOpen(path) && rules.Find(path) is null)
            .ToList();
        if (unruled.Count > 0)
        {
            throw new InvalidOperationException(
                $"gRPC methods without an access rule: {string.Join(", ", unruled)}. Declare them with builder.AddServiceAccess(ServiceAccess.For(…)).");
        }
    };
}
