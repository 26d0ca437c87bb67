using Microsoft.AspNetCore.Http;
using Zielsteuerung.Grpc.Internal;

namespace Zielsteuerung.Grpc.AspNetCore.Internal;

/// <summary>Server-side protocol checks and trailers-only answers (PROTOCOL-HTTP2.md).</summary>
internal static class ServerProtocol
{
    private static readonly string[] StatusCodeStrings = [.. Enumerable.Range(0, 17).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static string ToHeaderValue(StatusCode code) =>
        (uint)code < StatusCodeStrings.Length ? StatusCodeStrings[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A request that is not gRPC over HTTP/2 gets an HTTP error: 415 for a foreign content type (the spec's
    /// SHOULD, so that no HTTP client mistakes a 200 for success), 426 for HTTP/1.x.
    /// </summary>
    public static bool ValidateRequest(HttpContext context)
    {
        var request = context.Request;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            WriteHttpError(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            context.Response.Headers.Connection = "Upgrade";
            context.Response.Headers.Upgrade = "HTTP/2";
            WriteHttpError(context, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            return false;
        }
        return true;
    }

    private static void WriteHttpError(HttpContext context, int httpStatus, string message)
    {
        var response = context.Response;
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocol.StatusHeader] = ToHeaderValue(StatusCode.Internal);
        response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(message);
    }

    /// <summary>A Trailers-Only response: HTTP 200, content-type and the status in the headers, no body.</summary>
    public static void WriteTrailersOnly(HttpResponse response, Status status)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ToHeaderValue(status.StatusCode);
        if (status.Detail.Length > 0)
        {
            response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }
    }

    public static bool ContainsToken(string? list, string token)
    {
        if (list is null)
        {
            return false;
        }
        foreach (var range in list.AsSpan().Split(','))
        {
            if (list.AsSpan()[range].Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>The endpoint behind every POST /x/y with a gRPC content type that no service claims.</summary>
internal static class UnimplementedHandler
{
    public static Task HandleAsync(HttpContext context, GrpcServiceRegistry registry)
    {
        if (!ServerProtocol.ValidateRequest(context))
        {
            return Task.CompletedTask;
        }
        var service = context.Request.RouteValues["grpcService"] as string ?? "";
        var method = context.Request.RouteValues["grpcMethod"] as string ?? "";
        var detail = registry.IsMapped(service)
            ? $"Method '{method}' of service '{service}' is unimplemented."
            : $"Service '{service}' is unimplemented.";
        ServerProtocol.WriteTrailersOnly(context.Response, new Status(StatusCode.Unimplemented, detail));
        return Task.CompletedTask;
    }
}
