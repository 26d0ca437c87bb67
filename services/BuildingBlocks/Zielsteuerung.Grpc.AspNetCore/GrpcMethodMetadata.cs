using Google.Protobuf.Reflection;

namespace Zielsteuerung.Grpc.AspNetCore;

/// <summary>Endpoint metadata of every gRPC method endpoint (read it from <c>Endpoint.Metadata</c>).</summary>
public sealed class GrpcMethodMetadata(Type serviceType, IMethod method, MethodDescriptor descriptor)
{
    /// <summary>The implementation type bound to the method.</summary>
    public Type ServiceType { get; } = serviceType;
    public IMethod Method { get; } = method;
    public MethodDescriptor Descriptor { get; } = descriptor;
}

/// <summary>The protobuf services mapped on this server (feeds reflection).</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Lock _lock = new();
    private ServiceDescriptor[] _services = [];

    public IReadOnlyList<ServiceDescriptor> Services => Volatile.Read(ref _services);

    public bool IsMapped(string serviceName)
    {
        foreach (var service in Services)
        {
            if (service.FullName == serviceName)
            {
                return true;
            }
        }
        return false;
    }

    private int _unimplementedMapped;

    /// <summary>True once: the first MapGrpcService also maps the UNIMPLEMENTED fallback.</summary>
    internal bool TryClaimUnimplementedEndpoint() => Interlocked.Exchange(ref _unimplementedMapped, 1) == 0;

    internal void Add(ServiceDescriptor service)
    {
        lock (_lock)
        {
            foreach (var existing in _services)
            {
                if (existing.FullName == service.FullName)
                {
                    throw new InvalidOperationException($"gRPC service '{service.FullName}' is mapped twice.");
                }
            }
            _services = [.. _services, service];
        }
    }
}
