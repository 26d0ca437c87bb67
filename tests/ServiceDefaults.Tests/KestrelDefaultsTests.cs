using Microsoft.Extensions.Configuration;

namespace ServiceDefaults.Tests;

public sealed class KestrelDefaultsTests
{
    [Theory]
    [InlineData("Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:7001", true)]
    [InlineData("urls", "http://127.0.0.1:7002", true)]
    [InlineData("http_ports", "7003", true)]
    [InlineData("Kestrel:Limits:MaxConcurrentConnections", "100", false)]
    public void Local_default_endpoints_apply_only_when_nothing_is_configured(string key, string value, bool configured)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.Equal(configured, Microsoft.Extensions.Hosting.Extensions.HasConfiguredEndpoints(configuration));
    }
}
