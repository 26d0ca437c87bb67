using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Zielsteuerung.Grpc;

/// <summary>A gRPC method, independent of its request and response types.</summary>
public interface IMethod
{
    MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. "package.Service".</summary>
    string ServiceName { get; }

    /// <summary>The method's short name, e.g. "Method".</summary>
    string Name { get; }

    /// <summary>The HTTP/2 path, "/package.Service/Method".</summary>
    string FullName { get; }
}

/// <summary>
/// A gRPC method with protobuf request and response messages. Immutable; create once and reuse
/// (e.g. as a static field of a typed client).
/// </summary>
public sealed class Method<TRequest, TResponse> : IMethod
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method(MethodType type, string serviceName, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        TraceName = serviceName + "/" + name;
        RequestParser = ParserOf<TRequest>();
        ResponseParser = ParserOf<TResponse>();
    }

    public MethodType Type { get; }
    public string ServiceName { get; }
    public string Name { get; }
    public string FullName { get; }
    /// <summary>The span name, "package.Service/Method".</summary>
    internal string TraceName { get; }

    public MessageParser<TRequest> RequestParser { get; }
    public MessageParser<TResponse> ResponseParser { get; }

    public override string ToString() => FullName;

    internal static MessageParser<T> ParserOf<T>() where T : class, IMessage<T> =>
        typeof(T).GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageParser<T>
        ?? throw new ArgumentException($"{typeof(T)} has no public static Parser property of type MessageParser<{typeof(T).Name}>; use a protoc-generated message.");
}

/// <summary>Creates <see cref="Method{TRequest,TResponse}"/> from protobuf descriptors.</summary>
public static class Method
{
    /// <summary>
    /// The method described by <paramref name="descriptor"/>; the CLR types must be the generated input and
    /// output message types.
    /// </summary>
    public static Method<TRequest, TResponse> Create<TRequest, TResponse>(MethodDescriptor descriptor)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"Method '{descriptor.FullName}' takes {descriptor.InputType.ClrType} and returns {descriptor.OutputType.ClrType}, not {typeof(TRequest)} and {typeof(TResponse)}.",
                nameof(descriptor));
        }
        return new Method<TRequest, TResponse>(TypeOf(descriptor), descriptor.Service.FullName, descriptor.Name);
    }

    /// <summary>The call type of a protobuf method.</summary>
    public static MethodType TypeOf(MethodDescriptor descriptor) => (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };
}
