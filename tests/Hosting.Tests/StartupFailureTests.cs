using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Zielsteuerung.Hosting.Servers;
using Zielsteuerung.Testing;

namespace Hosting.Tests;

/// <summary>What goes wrong before anything starts is said in one message that names what to do.</summary>
public sealed class StartupFailureTests
{
    // Both run the AppHost's own topology, changed where the test needs it.
    [Fact]
    public async Task Missing_server_programs_fail_the_start_with_one_message_naming_the_packages_to_install()
    {
        using var state = TestStateDirectory.Create();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Zielsteuerung_AppHost>(
        [
            $"--Servers:StateDirectory={state.Path}",
            "--Servers:Programs:rabbitmq-server=/nonexistent/rabbitmq-server",
            "--Servers:Programs:redis-server=/nonexistent/redis-server",
        ]);
        await using var app = await builder.BuildAsync();

        var error = await StartupErrorAsync(app);

        Assert.Contains("rabbitmq-server (needed by 'rabbitmq'): install rabbitmq-server", error.Message);
        Assert.Contains("redis-server (needed by 'redis'): install redis-server", error.Message);
        Assert.Contains("apt-get install -y --no-install-recommends rabbitmq-server redis-server", error.Message);
        Assert.DoesNotContain("epmd", error.Message); // it is there
    }

    [Fact]
    public async Task A_taken_port_fails_the_start_with_a_message_naming_port_endpoint_and_resource()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var state = TestStateDirectory.Create();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Zielsteuerung_AppHost>([$"--Servers:StateDirectory={state.Path}"]);
        builder.CreateResourceBuilder<RedisResource>("redis").WithEndpoint("tcp", endpoint => endpoint.Port = port);
        await using var app = await builder.BuildAsync();

        var error = await StartupErrorAsync(app);

        Assert.Contains($"port {port} (endpoint 'tcp' of 'redis')", error.Message);
    }

    // Aspire publishes BeforeStartEvent to every subscriber and wraps what they throw.
    private static async Task<DistributedApplicationException> StartupErrorAsync(DistributedApplication app)
    {
        var thrown = await Record.ExceptionAsync(() => app.StartAsync());
        return Assert.IsType<DistributedApplicationException>(Assert.IsType<AggregateException>(thrown).InnerExceptions.Single());
    }
}
