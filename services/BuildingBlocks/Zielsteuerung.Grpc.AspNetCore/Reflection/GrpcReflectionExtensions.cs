using Microsoft.AspNetCore.Routing;
using Zielsteuerung.Grpc.AspNetCore.Internal;
using Zielsteuerung.Grpc.AspNetCore.Reflection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcReflectionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps grpc.reflection.v1 and v1alpha ServerReflection, describing every service mapped on this server
    /// (including those mapped later, and these two).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var v1 = endpoints.MapGrpcService<ReflectionServiceV1>(V1.ReflectionReflection.Descriptor.Services[0]);
        var v1Alpha = endpoints.MapGrpcService<ReflectionServiceV1Alpha>(V1Alpha.ReflectionReflection.Descriptor.Services[0]);
        return new CompositeConventionBuilder([v1, v1Alpha]);
    }
}
