using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ServiceDefaults.Tests;

/// <summary>A service as Program.cs builds it, on TestServer.</summary>
internal static class TestApp
{
    /// <param name="onTestServer">false: on Kestrel, with the endpoints that <paramref name="settings"/> configure.</param>
    public static WebApplicationBuilder CreateBuilder(string serviceName, IDictionary<string, string?>? settings = null, bool onTestServer = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (onTestServer)
        {
            builder.WebHost.UseTestServer();
        }
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_SERVICE_NAME"] = serviceName });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        return builder;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
