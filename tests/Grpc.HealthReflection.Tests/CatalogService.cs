using Google.Protobuf;
using Google.Rpc;
using Zielsteuerung.Grpc;
using Zielsteuerung.Testing.Catalog.V1;

namespace Grpc.HealthReflection.Tests;

/// <summary>The catalog of the tests; its item names choose the error raised.</summary>
public sealed class CatalogService
{
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Descriptor = CatalogReflection.Descriptor.Services[0];

    public static readonly Method<GetItemRequest, Item> GetItemMethod =
        Method.Create<GetItemRequest, Item>(Descriptor.FindMethodByName("GetItem"));

    public Task<Item> GetItem(GetItemRequest request, ServerCallContext context) => request.Name switch
    {
        "" => throw RpcErrors.InvalidArgument("The request is invalid.",
            RpcErrors.Field("name", "must not be empty"), RpcErrors.Field("name", "must be lower case")),
        "missing" => throw RpcErrors.NotFound("Item", "missing"),
        "with-trailers" => throw new Google.Rpc.Status { Code = (int)StatusCode.Aborted, Message = "Try again." }
            .ToRpcException(new Metadata { { "x-attempt", "2" } }),
        // grpc-status says NOT_FOUND, the details say INVALID_ARGUMENT: a contradiction clients must not trust.
        "mismatch" => throw new RpcException(new Zielsteuerung.Grpc.Status(StatusCode.NotFound, "Not found."), new Metadata
        {
            { RpcStatusExtensions.StatusDetailsTrailerName, new Google.Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = "Invalid." }.ToByteArray() },
        }),
        _ => Task.FromResult(new Item { Name = request.Name, Kind = Item.Types.Kind.Good }),
    };
}
