using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zielsteuerung.Grpc.AspNetCore;
using Zielsteuerung.Grpc.AspNetCore.Internal;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="service"/> to <typeparamref name="TService"/>'s public instance method of
    /// the same name and the grpc-dotnet handler signature (e.g. <c>Task&lt;TResp&gt; M(TReq, ServerCallContext)</c>).
    /// Throws at startup, naming service, method and expected signature, if one is missing or mistyped.
    /// <typeparamref name="TService"/> is resolved from DI per call (or activated per call if not registered).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints, ServiceDescriptor service)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        var provider = endpoints.ServiceProvider;
        var registry = provider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpc() before mapping gRPC services.");
        var options = provider.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Zielsteuerung.Grpc.Server");

        var handlers = ServiceBinder.Bind<TService>(service, new ServerSettings(options, logger), provider);
        registry.Add(service);

        var builders = new List<IEndpointConventionBuilder>(handlers.Count);
        foreach (var handler in handlers)
        {
            var builder = endpoints.Map(RoutePatternFactory.Parse(handler.Method.FullName), handler.HandleAsync)
                .WithDisplayName("gRPC - " + handler.Method.FullName)
                .WithMetadata(new HttpMethodMetadata(["POST"]), handler.Metadata);
            builders.Add(builder);
        }
        MapUnimplemented(endpoints, registry);
        return new CompositeConventionBuilder(builders);
    }

    /// <summary>Calls to unknown services and methods end with UNIMPLEMENTED (PROTOCOL-HTTP2.md).</summary>
    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry)
    {
        if (!registry.TryClaimUnimplementedEndpoint())
        {
            return;
        }
        var pattern = RoutePatternFactory.Pattern(
            RoutePatternFactory.Segment(RoutePatternFactory.ParameterPart("grpcService", null, RoutePatternParameterKind.Standard,
                RoutePatternFactory.ParameterPolicy(new GrpcContentTypeConstraint()))),
            RoutePatternFactory.Segment(RoutePatternFactory.ParameterPart("grpcMethod")));
        endpoints.Map(pattern, context => UnimplementedHandler.HandleAsync(context, registry))
            .WithDisplayName("gRPC - unimplemented")
            .WithMetadata(new HttpMethodMetadata(["POST"]), UnimplementedEndpointMetadata.Instance)
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    private sealed class GrpcContentTypeConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            httpContext is null || Zielsteuerung.Grpc.Internal.GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
    }
}
