using System.Runtime.CompilerServices;

namespace Zielsteuerung.Grpc;

/// <summary>A unary call in flight. Await it (or <see cref="ResponseAsync"/>) for the response.</summary>
public sealed class AsyncUnaryCall<TResponse>(
    Task<TResponse> responseAsync,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public Task<TResponse> ResponseAsync => responseAsync;
    public Task<Metadata> ResponseHeadersAsync => responseHeadersAsync;

    /// <summary>The final status; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Status GetStatus() => getStatus();

    /// <summary>The trailers; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Metadata GetTrailers() => getTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => responseAsync.GetAwaiter();
    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => responseAsync.ConfigureAwait(continueOnCapturedContext);

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => dispose();
}

/// <summary>A server-streaming call in flight.</summary>
public sealed class AsyncServerStreamingCall<TResponse>(
    IAsyncStreamReader<TResponse> responseStream,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public IAsyncStreamReader<TResponse> ResponseStream => responseStream;
    public Task<Metadata> ResponseHeadersAsync => responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public void Dispose() => dispose();
}

/// <summary>A client-streaming call in flight: write requests, complete, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream,
    Task<TResponse> responseAsync,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public IClientStreamWriter<TRequest> RequestStream => requestStream;
    public Task<TResponse> ResponseAsync => responseAsync;
    public Task<Metadata> ResponseHeadersAsync => responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public TaskAwaiter<TResponse> GetAwaiter() => responseAsync.GetAwaiter();
    public void Dispose() => dispose();
}

/// <summary>A duplex-streaming call in flight.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream,
    IAsyncStreamReader<TResponse> responseStream,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public IClientStreamWriter<TRequest> RequestStream => requestStream;
    public IAsyncStreamReader<TResponse> ResponseStream => responseStream;
    public Task<Metadata> ResponseHeadersAsync => responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public void Dispose() => dispose();
}
