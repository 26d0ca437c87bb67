using System.Collections.Concurrent;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Zielsteuerung.Grpc.Tests.Probe;

namespace Zielsteuerung.Grpc.Tests;

/// <summary>What the probe service observed, shared across calls (registered as a singleton).</summary>
public sealed class ProbeState
{
    public ConcurrentDictionary<string, TaskCompletionSource> Started { get; } = new();
    public ConcurrentDictionary<string, TaskCompletionSource> Cancelled { get; } = new();
    public ConcurrentDictionary<string, int> FlakyCalls { get; } = new();

    public TaskCompletionSource StartedFor(string key) => Started.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    public TaskCompletionSource CancelledFor(string key) => Cancelled.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed class ProbeService(ProbeState state)
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => ProbeReflection.Descriptor.Services[0];

    public async Task<Empty> SleepIgnoringCancellation(Duration request, ServerCallContext context)
    {
        await Task.Delay(request.ToTimeSpan(), CancellationToken.None);
        return new Empty();
    }

    public async Task<Empty> AwaitCancellation(StringValue request, ServerCallContext context)
    {
        state.StartedFor(request.Value).TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            state.CancelledFor(request.Value).TrySetResult();
            throw;
        }
        return new Empty();
    }

    public Task<Empty> Throw(StringValue request, ServerCallContext context) =>
        throw new InvalidOperationException(request.Value);

    public Task<Int32Value> Flaky(StringValue request, ServerCallContext context)
    {
        var calls = state.FlakyCalls.AddOrUpdate(request.Value, 1, (_, n) => n + 1);
        return calls == 1
            ? throw new RpcException(new Status(StatusCode.Unavailable, "Try again."))
            : Task.FromResult(new Int32Value { Value = calls });
    }

    public Task<StringValue> Headers(Empty request, ServerCallContext context)
    {
        var text = new StringBuilder();
        foreach (var entry in context.RequestHeaders)
        {
            text.Append(entry.Key).Append('=').Append(entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value).Append('\n');
        }
        text.Append("#traceparent=").Append(context.GetHttpContext().Request.Headers["traceparent"].Count).Append('\n');
        text.Append("#method=").Append(context.Method).Append('\n');
        text.Append("#peer=").Append(context.Peer).Append('\n');
        text.Append("#deadline=").Append(context.Deadline.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return Task.FromResult(new StringValue { Value = text.ToString() });
    }

    public Task<StringValue> ClientCertificate(Empty request, ServerCallContext context) =>
        Task.FromResult(new StringValue { Value = context.GetHttpContext().Connection.ClientCertificate?.Subject ?? "" });
}

public sealed class ProbeClient(CallInvoker invoker) : ClientBase(invoker)
{
    private static Method<TRequest, TResponse> M<TRequest, TResponse>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest> where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        Method.Create<TRequest, TResponse>(ProbeService.Descriptor.FindMethodByName(name));

    private static readonly Method<Duration, Empty> SleepMethod = M<Duration, Empty>("SleepIgnoringCancellation");
    private static readonly Method<StringValue, Empty> AwaitCancellationMethod = M<StringValue, Empty>("AwaitCancellation");
    private static readonly Method<StringValue, Empty> ThrowMethod = M<StringValue, Empty>("Throw");
    private static readonly Method<StringValue, Int32Value> FlakyMethod = M<StringValue, Int32Value>("Flaky");
    private static readonly Method<Empty, StringValue> HeadersMethod = M<Empty, StringValue>("Headers");
    private static readonly Method<Empty, StringValue> ClientCertificateMethod = M<Empty, StringValue>("ClientCertificate");

    public AsyncUnaryCall<Empty> SleepIgnoringCancellation(TimeSpan duration, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(SleepMethod, null, options, Duration.FromTimeSpan(duration));

    public AsyncUnaryCall<Empty> AwaitCancellation(string key, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(AwaitCancellationMethod, null, options, new StringValue { Value = key });

    public AsyncUnaryCall<Empty> Throw(string message, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(ThrowMethod, null, options, new StringValue { Value = message });

    public AsyncUnaryCall<Int32Value> Flaky(string key, CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(FlakyMethod, null, options, new StringValue { Value = key });

    public AsyncUnaryCall<StringValue> Headers(CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(HeadersMethod, null, options, new Empty());

    public AsyncUnaryCall<StringValue> ClientCertificate(CallOptions options = default) =>
        CallInvoker.AsyncUnaryCall(ClientCertificateMethod, null, options, new Empty());
}
