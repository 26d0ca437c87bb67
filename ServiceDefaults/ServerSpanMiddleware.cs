using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Zielsteuerung.ServiceDefaults;

// ASP.NET Core starts a server activity per request but, without the OpenTelemetry instrumentation package,
// leaves it unnamed and untagged. This names it "<method> <route>" and adds the HTTP semantic-convention tags.
// Health probes are not recorded: they would drown the traces.
internal sealed class ServerSpanMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if (request.Path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthPath)
            || request.Path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivePath))
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
        }
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
        finally
        {
            Tag(activity, context);
        }
    }

    private static void Tag(Activity activity, HttpContext context)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }
        var request = context.Request;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.DisplayName = route is null ? request.Method : $"{request.Method} {route}";
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is { } port)
        {
            activity.SetTag("server.port", port);
        }
        activity.SetTag("network.protocol.version", ProtocolVersion(request.Protocol));
        if (route is not null)
        {
            activity.SetTag("http.route", route);
        }
        var status = context.Response.StatusCode;
        activity.SetTag("http.response.status_code", status);
        if (status >= 500 && activity.Status == ActivityStatusCode.Unset)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string ProtocolVersion(string protocol) => protocol switch
    {
        "HTTP/1.1" => "1.1",
        "HTTP/2" => "2",
        "HTTP/3" => "3",
        "HTTP/1.0" => "1.0",
        _ => protocol,
    };
}

internal sealed class ServerSpanStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ServerSpanMiddleware>();
        next(app);
    };
}
