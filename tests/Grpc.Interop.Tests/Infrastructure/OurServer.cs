using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// Our runtime as the peers meet it: the C# Echo service, grpc.health.v1 and reflection on Kestrel (h2c,
/// 127.0.0.1, free port), with an interceptor recording which calls saw their cancellation token fire.
/// </summary>
public sealed class OurServer : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public CallObservations Observations { get; } = new();

    /// <summary>The encoding our server compresses responses with (GrpcServiceOptions.ResponseCompressionAlgorithm).</summary>
    public string? ResponseCompression { get; init; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(Observations);
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<CancellationObserver>();
            options.ResponseCompressionAlgorithm = ResponseCompression;
        });
        builder.Services.AddGrpcHealthChecks();

        _app = builder.Build();
        _app.MapGrpcService<EchoService>(EchoService.Descriptor);
        _app.MapGrpcHealthService();
        _app.MapGrpcReflectionService();
        await _app.StartAsync();

        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Calls (by their x-test-id header) whose <see cref="ServerCallContext.CancellationToken"/> fired while the handler ran.</summary>
public sealed class CallObservations
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _cancelled = new();

    public IDisposable Watch(ServerCallContext context)
    {
        var testId = context.RequestHeaders.GetValue(Expected.TestIdHeader);
        if (testId is null)
        {
            return new CancellationTokenRegistration();
        }
        return context.CancellationToken.Register(() => Cancelled(testId).TrySetResult(context.Method));
    }

    /// <summary>The method whose handler saw the cancellation, or null if it did not within <paramref name="timeout"/>.</summary>
    public async Task<string?> WaitForCancellationAsync(string testId, TimeSpan timeout)
    {
        try
        {
            return await Cancelled(testId).Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private TaskCompletionSource<string> Cancelled(string testId) =>
        _cancelled.GetOrAdd(testId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}

internal sealed class CancellationObserver(CallObservations observations) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        using var watch = observations.Watch(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var watch = observations.Watch(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var watch = observations.Watch(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var watch = observations.Watch(context);
        await continuation(requestStream, responseStream, context);
    }
}
