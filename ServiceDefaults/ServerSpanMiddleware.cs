using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Zielsteuerung.ServiceDefaults;

// ASP.NET Core starts a server activity per request but, without the OpenTelemetry instrumentation package,
// leaves it unnamed and untagged. This names it "<method> <route>" and adds the HTTP semantic-convention tags.
// Health probes are not recorded: they would drown the traces. A span the sampler did not record
// (IsAllDataRequested false) is passed through untouched: nobody reads its name or tags, so that path costs
// one feature lookup and no allocation.
internal sealed class ServerSpanMiddleware(RequestDelegate next)
{
    // Per-request strings and boxes cached, so tagging a recorded request allocates only the tags themselves:
    // display names per (method, route), host names per Host header, boxed ports and status codes. Bounded, as
    // methods and Host headers come from clients.
    private const int MaxCached = 256;
    private static readonly ConcurrentDictionary<(string Method, string Route), string> Names = new();
    private static readonly ConcurrentDictionary<string, string> Hosts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, object> Ports = new();
    private static readonly object[] StatusCodes = CreateBoxes(600);

    public Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null)
        {
            return next(context);
        }
        var path = context.Request.Path;
        if (path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthPath)
            || path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivePath))
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
            return next(context);
        }
        return activity.IsAllDataRequested ? InvokeRecordedAsync(activity, context) : next(context);
    }

    private async Task InvokeRecordedAsync(Activity activity, HttpContext context)
    {
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
        var request = context.Request;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.DisplayName = route is null ? request.Method : DisplayName(request.Method, route);
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        var host = request.Host;
        activity.SetTag("server.address", host.Value is not { } value ? host.Host
            : Hosts.TryGetValue(value, out var name) ? name : Cached(Hosts, value, host.Host));
        if (host.Port is { } port)
        {
            activity.SetTag("server.port", Ports.TryGetValue(port, out var boxed) ? boxed : Cached(Ports, port, (object)port));
        }
        activity.SetTag("network.protocol.version", ProtocolVersion(request.Protocol));
        if (route is not null)
        {
            activity.SetTag("http.route", route);
        }
        var status = context.Response.StatusCode;
        activity.SetTag("http.response.status_code", Box(status));
        if (status >= 500 && activity.Status == ActivityStatusCode.Unset)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string DisplayName(string method, string route) =>
        Names.TryGetValue((method, route), out var name) ? name : Cached(Names, (method, route), $"{method} {route}");

    // After a failed TryGetValue: remember the value unless the cache is full.
    private static TValue Cached<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value) where TKey : notnull
    {
        if (cache.Count < MaxCached)
        {
            cache.TryAdd(key, value);
        }
        return value;
    }

    private static object Box(int status) => (uint)status < (uint)StatusCodes.Length ? StatusCodes[status] : status;

    private static object[] CreateBoxes(int count)
    {
        var boxes = new object[count];
        for (var i = 0; i < count; i++)
        {
            boxes[i] = i;
        }
        return boxes;
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
