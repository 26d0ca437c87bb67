using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Zielsteuerung.Grpc.AspNetCore.Internal;

/// <summary>Marks the UNIMPLEMENTED fallback endpoint ("/{grpcService}/{grpcMethod}").</summary>
internal sealed class UnimplementedEndpointMetadata
{
    public static readonly UnimplementedEndpointMetadata Instance = new();
}

/// <summary>
/// Takes the UNIMPLEMENTED fallback out of the routing tree wherever a gRPC method endpoint matches the same path:
/// there it could never win (its order is last), yet the matcher would capture its route values and run its
/// constraint on every call of that method.
/// </summary>
internal sealed class UnimplementedMatcherPolicy : MatcherPolicy, INodeBuilderPolicy
{
    private static readonly object EdgeState = new();

    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        var fallback = false;
        var method = false;
        foreach (var endpoint in endpoints)
        {
            fallback |= IsFallback(endpoint);
            method |= endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;
        }
        return fallback && method;
    }

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var kept = new List<Endpoint>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            if (!IsFallback(endpoint))
            {
                kept.Add(endpoint);
            }
        }
        return [new PolicyNodeEdge(EdgeState, kept)];
    }

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges) =>
        new SingleDestinationJumpTable(edges.Count > 0 ? edges[0].Destination : exitDestination);

    private static bool IsFallback(Endpoint endpoint) => endpoint.Metadata.GetMetadata<UnimplementedEndpointMetadata>() is not null;

    private sealed class SingleDestinationJumpTable(int destination) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) => destination;
    }
}
