using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Zielsteuerung.Grpc.Internal;

namespace Zielsteuerung.Grpc.AspNetCore.Internal;

internal interface IServerMethodHandler
{
    IMethod Method { get; }
    GrpcMethodMetadata Metadata { get; }
    Task HandleAsync(HttpContext httpContext);
}

/// <summary>
/// One bound method: the request delegate of its endpoint. The handler delegate (with the interceptor pipeline)
/// is built once, here; per call only the service instance and the call state are created.
/// </summary>
internal sealed class ServerMethodHandler<TService, TRequest, TResponse> : IServerMethodHandler
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly ServerSettings _settings;
    private readonly ObjectFactory _serviceFactory;

    // Instances we activate ourselves are disposed after the call; only disposable types pay for that.
    private static readonly bool IsDisposable =
        typeof(IDisposable).IsAssignableFrom(typeof(TService)) || typeof(IAsyncDisposable).IsAssignableFrom(typeof(TService));
    private readonly UnaryServerMethod<TRequest, TResponse>? _unary;
    private readonly ServerStreamingServerMethod<TRequest, TResponse>? _serverStreaming;
    private readonly ClientStreamingServerMethod<TRequest, TResponse>? _clientStreaming;
    private readonly DuplexStreamingServerMethod<TRequest, TResponse>? _duplex;

    private readonly IServiceProvider? _rootServices;

    public ServerMethodHandler(MethodDescriptor descriptor, MethodInfo implementation, ServerSettings settings, IServiceProvider services)
    {
        if (services.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(TService))
            && typeof(TService).GetConstructors() is [{ } constructor] && constructor.GetParameters().Length == 0)
        {
            _rootServices = services;
        }
        _method = Grpc.Method.Create<TRequest, TResponse>(descriptor);
        _settings = settings;
        _serviceFactory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);
        Metadata = new GrpcMethodMetadata(typeof(TService), _method, descriptor);

        var interceptors = settings.Interceptors.Select(r => (r, ActivatorUtilities.CreateFactory(r.Type, r.Arguments.Select(a => a.GetType()).ToArray()))).ToArray();
        switch (_method.Type)
        {
            case MethodType.Unary:
            {
                var invoke = implementation.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
                UnaryServerMethod<TRequest, TResponse> pipeline = (request, context) =>
                {
                    var (service, created) = GetService(context);
                    return created && IsDisposable ? DisposeAfter(invoke(service, request, context), service) : invoke(service, request, context);
                };
                for (var i = interceptors.Length - 1; i >= 0; i--)
                {
                    var (registration, factory) = interceptors[i];
                    var next = pipeline;
                    pipeline = (request, context) => Resolve(registration, factory, context).UnaryServerHandler(request, context, next);
                }
                _unary = pipeline;
                break;
            }
            case MethodType.ServerStreaming:
            {
                var invoke = implementation.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
                ServerStreamingServerMethod<TRequest, TResponse> pipeline = (request, writer, context) =>
                {
                    var (service, created) = GetService(context);
                    return created && IsDisposable ? DisposeAfter(invoke(service, request, writer, context), service) : invoke(service, request, writer, context);
                };
                for (var i = interceptors.Length - 1; i >= 0; i--)
                {
                    var (registration, factory) = interceptors[i];
                    var next = pipeline;
                    pipeline = (request, writer, context) => Resolve(registration, factory, context).ServerStreamingServerHandler(request, writer, context, next);
                }
                _serverStreaming = pipeline;
                break;
            }
            case MethodType.ClientStreaming:
            {
                var invoke = implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>();
                ClientStreamingServerMethod<TRequest, TResponse> pipeline = (reader, context) =>
                {
                    var (service, created) = GetService(context);
                    return created && IsDisposable ? DisposeAfter(invoke(service, reader, context), service) : invoke(service, reader, context);
                };
                for (var i = interceptors.Length - 1; i >= 0; i--)
                {
                    var (registration, factory) = interceptors[i];
                    var next = pipeline;
                    pipeline = (reader, context) => Resolve(registration, factory, context).ClientStreamingServerHandler(reader, context, next);
                }
                _clientStreaming = pipeline;
                break;
            }
            default:
            {
                var invoke = implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
                DuplexStreamingServerMethod<TRequest, TResponse> pipeline = (reader, writer, context) =>
                {
                    var (service, created) = GetService(context);
                    return created && IsDisposable ? DisposeAfter(invoke(service, reader, writer, context), service) : invoke(service, reader, writer, context);
                };
                for (var i = interceptors.Length - 1; i >= 0; i--)
                {
                    var (registration, factory) = interceptors[i];
                    var next = pipeline;
                    pipeline = (reader, writer, context) => Resolve(registration, factory, context).DuplexStreamingServerHandler(reader, writer, context, next);
                }
                _duplex = pipeline;
                break;
            }
        }
    }

    public IMethod Method => _method;
    public GrpcMethodMetadata Metadata { get; }

    public async Task HandleAsync(HttpContext httpContext)
    {
        if (!ServerProtocol.ValidateRequest(httpContext))
        {
            return;
        }
        var call = new ServerCall<TRequest, TResponse>(httpContext, _method, _settings);
        try
        {
            if (!call.Initialize())
            {
                return;
            }
            try
            {
                switch (_method.Type)
                {
                    case MethodType.Unary:
                        var request = await call.ReadSingleRequestAsync().ConfigureAwait(false);
                        call.SetResponse(await _unary!(request, call).ConfigureAwait(false));
                        break;
                    case MethodType.ServerStreaming:
                        var streamingRequest = await call.ReadSingleRequestAsync().ConfigureAwait(false);
                        await _serverStreaming!(streamingRequest, call, call).ConfigureAwait(false);
                        break;
                    case MethodType.ClientStreaming:
                        call.SetResponse(await _clientStreaming!(call, call).ConfigureAwait(false));
                        break;
                    default:
                        await _duplex!(call, call, call).ConfigureAwait(false);
                        break;
                }
                await call.EndCallAsync(null).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await call.EndCallAsync(ex).ConfigureAwait(false);
            }
        }
        finally
        {
            await call.CompleteAsync().ConfigureAwait(false);
        }
    }

    private (TService Service, bool Created) GetService(ServerCallContext context)
    {
        if (_rootServices is not null)
        {
            // Not in DI and nothing to inject: skip creating the request's DI scope.
            return ((TService)_serviceFactory(_rootServices, null), true);
        }
        var services = context.GetHttpContext().RequestServices;
        return services.GetService<TService>() is { } service
            ? (service, false)
            : ((TService)_serviceFactory(services, null), true);
    }

    private static Interceptor Resolve(InterceptorRegistration registration, ObjectFactory factory, ServerCallContext context)
    {
        var services = context.GetHttpContext().RequestServices;
        return services.GetService(registration.Type) as Interceptor
            ?? (Interceptor)factory(services, registration.Arguments as object[] ?? [.. registration.Arguments]);
    }

    private static async Task<T> DisposeAfter<T>(Task<T> task, TService service)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            await DisposeAsync(service).ConfigureAwait(false);
        }
    }

    private static async Task DisposeAfter(Task task, TService service)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        finally
        {
            await DisposeAsync(service).ConfigureAwait(false);
        }
    }

    private static ValueTask DisposeAsync(TService service)
    {
        switch (service)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
        return ValueTask.CompletedTask;
    }
}
