using Microsoft.Extensions.Logging;

namespace Zielsteuerung.Grpc.AspNetCore.Internal;

/// <summary>Server options read once at startup.</summary>
internal sealed class ServerSettings(GrpcServiceOptions options, ILogger? logger)
{
    public int? MaxReceiveMessageSize { get; } = options.MaxReceiveMessageSize;
    public int? MaxSendMessageSize { get; } = options.MaxSendMessageSize;
    public bool EnableDetailedErrors { get; } = options.EnableDetailedErrors;
    public bool GzipResponses { get; } = options.ResponseCompressionAlgorithm switch
    {
        null or Grpc.Internal.GrpcProtocol.IdentityEncoding => false,
        Grpc.Internal.GrpcProtocol.GzipEncoding => true,
        var other => throw new InvalidOperationException($"Unsupported ResponseCompressionAlgorithm '{other}'; supported: gzip."),
    };
    public InterceptorRegistration[] Interceptors { get; } = [.. options.Interceptors];
    public ILogger? Logger { get; } = logger;
}

internal interface IServerCallHttpContext
{
    Microsoft.AspNetCore.Http.HttpContext HttpContext { get; }
}
