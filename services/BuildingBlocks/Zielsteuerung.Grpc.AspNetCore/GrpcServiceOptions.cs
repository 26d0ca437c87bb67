using System.Collections.ObjectModel;

namespace Zielsteuerung.Grpc.AspNetCore;

/// <summary>Options of the gRPC server (<c>services.AddGrpc(o => …)</c>).</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>Largest request message accepted, in bytes (default 4 MiB; null = unlimited). Larger → RESOURCE_EXHAUSTED.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes (default null = unlimited). Larger → RESOURCE_EXHAUSTED.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Put the exception type and message of an unhandled handler exception into grpc-message (off in production).</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Compress response messages with this encoding ("gzip") when the client accepts it; null = never.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Server interceptors, outermost first; resolved from DI per call (or created if not registered).</summary>
    public InterceptorCollection Interceptors { get; } = [];
}

/// <summary>The interceptor types of <see cref="GrpcServiceOptions.Interceptors"/>.</summary>
public sealed class InterceptorCollection : Collection<InterceptorRegistration>
{
    public void Add<TInterceptor>(params object[] arguments) where TInterceptor : Interceptor =>
        Add(new InterceptorRegistration(typeof(TInterceptor), arguments));

    public void Add(Type interceptorType, params object[] arguments) =>
        Add(new InterceptorRegistration(interceptorType, arguments));
}

/// <summary>An interceptor type and the constructor arguments not taken from DI.</summary>
public sealed class InterceptorRegistration
{
    public InterceptorRegistration(Type type, object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(Interceptor).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type} is not a concrete {nameof(Interceptor)}.", nameof(type));
        }
        Type = type;
        Arguments = arguments ?? [];
    }

    public Type Type { get; }
    public IReadOnlyList<object> Arguments { get; }
}
