using Microsoft.AspNetCore.Http;
using Zielsteuerung.Grpc.AspNetCore.Internal;

namespace Zielsteuerung.Grpc;

public static class ServerCallContextExtensions
{
    /// <summary>The ASP.NET Core HttpContext of the call (connection, user, client certificate, services).</summary>
    public static HttpContext GetHttpContext(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is IServerCallHttpContext call
            ? call.HttpContext
            : throw new InvalidOperationException("This ServerCallContext does not belong to an ASP.NET Core request.");
    }
}
