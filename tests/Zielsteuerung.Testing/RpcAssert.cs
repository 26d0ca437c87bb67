using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Zielsteuerung.Testing;

/// <summary>Assertions on gRPC failures and their google.rpc details.</summary>
public static class RpcAssert
{
    /// <summary>Asserts the call fails with <paramref name="code"/> and returns its google.rpc.Status.</summary>
    public static async Task<Google.Rpc.Status> FailsAsync<T>(StatusCode code, Func<AsyncUnaryCall<T>> call)
    {
        var exception = await Xunit.Assert.ThrowsAsync<RpcException>(async () => await call());
        Xunit.Assert.True(code == exception.StatusCode, $"expected {code}, got {exception.StatusCode}: {exception.Status.Detail}");
        return exception.GetRpcStatus() ?? throw new InvalidOperationException($"{code} without google.rpc.Status details: {exception.Status.Detail}");
    }

    /// <summary>A call of any shape (e.g. a client stream, awaited in <paramref name="call"/>) that must fail with <paramref name="code"/>.</summary>
    public static async Task<Google.Rpc.Status> FailsAsync(StatusCode code, Func<Task> call)
    {
        var exception = await Xunit.Assert.ThrowsAsync<RpcException>(call);
        Xunit.Assert.True(code == exception.StatusCode, $"expected {code}, got {exception.StatusCode}: {exception.Status.Detail}");
        return exception.GetRpcStatus() ?? throw new InvalidOperationException($"{code} without google.rpc.Status details: {exception.Status.Detail}");
    }

    public static T Detail<T>(this Google.Rpc.Status status) where T : class, IMessage<T>, new() =>
        status.GetDetail<T>() ?? throw new InvalidOperationException($"no {typeof(T).Name} in the status details: {status}");
}
