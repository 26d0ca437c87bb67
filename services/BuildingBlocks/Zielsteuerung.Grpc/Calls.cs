using System.Runtime.CompilerServices;

namespace Zielsteuerung.Grpc;

/// <summary>The state behind a call object: headers, status, trailers, cancellation (our client's calls implement it).</summary>
internal interface IClientCallState
{
    Task<Metadata> GetResponseHeadersAsync();
    Status GetStatus();
    Metadata GetTrailers();
    void Dispose();
}

/// <summary>The delegate-based state of call objects created by interceptors or tests.</summary>
internal sealed class DelegateCallState(Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose) : IClientCallState
{
    public Task<Metadata> GetResponseHeadersAsync() => responseHeadersAsync;
    public Status GetStatus() => getStatus();
    public Metadata GetTrailers() => getTrailers();
    public void Dispose() => dispose();
}

/// <summary>A unary call in flight. Await it (or <see cref="ResponseAsync"/>) for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : this(responseAsync, new DelegateCallState(responseHeadersAsync, getStatus, getTrailers, dispose)) { }

    internal AsyncUnaryCall(Task<TResponse> responseAsync, IClientCallState state)
    {
        ResponseAsync = responseAsync;
        _state = state;
    }

    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers (the status and trailers' headers for a Trailers-Only response).</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.GetResponseHeadersAsync();

    /// <summary>The final status; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}

/// <summary>A server-streaming call in flight.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : this(responseStream, new DelegateCallState(responseHeadersAsync, getStatus, getTrailers, dispose)) { }

    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        ResponseStream = responseStream;
        _state = state;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
    public Task<Metadata> ResponseHeadersAsync => _state.GetResponseHeadersAsync();
    public Status GetStatus() => _state.GetStatus();
    public Metadata GetTrailers() => _state.GetTrailers();
    public void Dispose() => _state.Dispose();
}

/// <summary>A client-streaming call in flight: write requests, complete, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    public AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : this(requestStream, responseAsync, new DelegateCallState(responseHeadersAsync, getStatus, getTrailers, dispose)) { }

    internal AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
        _state = state;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }
    public Task<TResponse> ResponseAsync { get; }
    public Task<Metadata> ResponseHeadersAsync => _state.GetResponseHeadersAsync();
    public Status GetStatus() => _state.GetStatus();
    public Metadata GetTrailers() => _state.GetTrailers();
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    public void Dispose() => _state.Dispose();
}

/// <summary>A duplex-streaming call in flight.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    public AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : this(requestStream, responseStream, new DelegateCallState(responseHeadersAsync, getStatus, getTrailers, dispose)) { }

    internal AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _state = state;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
    public Task<Metadata> ResponseHeadersAsync => _state.GetResponseHeadersAsync();
    public Status GetStatus() => _state.GetStatus();
    public Metadata GetTrailers() => _state.GetTrailers();
    public void Dispose() => _state.Dispose();
}
