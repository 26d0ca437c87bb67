using Zielsteuerung.Hosting.Orchestration;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Zielsteuerung.Hosting;
using Zielsteuerung.Hosting.Testing;

namespace Hosting.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task A_taken_fixed_port_fails_the_start_with_a_message_naming_port_and_resource()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis", port);
        await using var app = await builder.BuildAsync();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.Contains($"port {port} of 'redis' (endpoint 'tcp') is already in use on 127.0.0.1", error.Message);
        Assert.Equal(ResourceState.NotStarted, app.ResourceNotifications.GetSnapshots("redis")[0].State);
    }

    [Fact]
    public void A_dependency_cycle_is_refused_when_building()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var a = builder.AddProject<Projects.Hosting_SampleService>("a");
        var b = builder.AddProject<Projects.Hosting_SampleService>("b").WaitFor(a);
        a.WaitFor(b);

        var error = Assert.Throws<DistributedApplicationException>(() => builder.Build());

        Assert.Equal("Resources depend on each other in a cycle: a -> b -> a.", error.Message);
    }

    [Fact]
    public async Task A_missing_binary_fails_the_start_with_one_message_naming_what_to_install()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.Options.ToolPaths["rabbitmq-server"] = "/nonexistent/rabbitmq-server";
        builder.Options.ToolPaths["redis-server"] = "/nonexistent/redis-server";
        builder.AddRabbitMQ("rabbitmq");
        builder.AddRedis("redis");
        await using var app = await builder.BuildAsync();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.StartsWith("Missing prerequisites:", error.Message);
        Assert.Contains("rabbitmq-server (needed by 'rabbitmq')", error.Message);
        Assert.Contains("redis-server (needed by 'redis')", error.Message);
        Assert.Contains("apt-get install -y --no-install-recommends rabbitmq-server redis-server", error.Message);
    }

    [Fact]
    public async Task A_second_application_on_the_same_state_directory_is_refused()
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "zielsteuerung-hosting", $"lock-{Guid.NewGuid():N}");
        try
        {
            var first = DistributedApplicationTestingBuilder.Create("--state-dir", stateDirectory);
            first.AddRedis("redis");
            await using var running = await first.BuildAndStartAsync(TimeSpan.FromSeconds(30));
            var second = DistributedApplicationTestingBuilder.Create("--state-dir", stateDirectory, "--fresh");
            second.AddRedis("redis");
            await using var refused = await second.BuildAsync();

            var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => refused.StartAsync());

            Assert.Contains($"The state directory {stateDirectory} is in use by another AppHost", error.Message);
            Assert.True(Directory.Exists(Path.Combine(stateDirectory, "redis", "appendonlydir")), "--fresh of the refused application must not wipe the running one's data");
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    [Fact]
    public void State_directories_of_killed_test_runs_are_removed_but_those_in_use_are_kept()
    {
        var root = Path.Combine(Path.GetTempPath(), "zielsteuerung-hosting");
        var abandoned = Directory.CreateDirectory(Path.Combine(root, $"abandoned-{Guid.NewGuid():N}")).FullName;
        var inUse = Directory.CreateDirectory(Path.Combine(root, $"in-use-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(abandoned, "apphost.lock"), "");
        using var held = new FileStream(Path.Combine(inUse, "apphost.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-1));
        Directory.SetLastWriteTimeUtc(inUse, DateTime.UtcNow.AddHours(-1));
        try
        {
            DistributedApplicationTestingBuilder.Create();

            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(inUse));
        }
        finally
        {
            held.Dispose();
            Directory.Delete(inUse, recursive: true);
        }
    }

    [Fact]
    public async Task WaitFor_holds_a_service_until_its_dependency_is_healthy_and_shutdown_runs_in_reverse_order_leaving_nothing()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        builder.AddProject<Projects.Hosting_SampleService>("sample").WithReference(redis).WaitFor(redis);
        await using var app = await builder.BuildAsync();
        var changes = new List<(string Name, ResourceState State, bool Healthy)>();
        app.ResourceNotifications.SnapshotChanged += s => { lock (changes) { changes.Add((s.Name, s.State, s.IsHealthy)); } };

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(TimeSpan.FromSeconds(60));
        var pids = app.ResourceNotifications.GetSnapshots().Select(s => s.ProcessId!.Value).ToList();
        var ports = app.ResourceNotifications.GetSnapshots().SelectMany(s => s.Endpoints.Values).Select(u => u.Port).ToList();
        await app.StopAsync();

        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} is still there"));
        Assert.All(ports, port => Assert.True(Ports.IsFree(port), $"port {port} is still taken"));
        await app.DisposeAsync();
        Assert.False(Directory.Exists(app.StateDirectory));

        lock (changes)
        {
            int First(string name, Func<(string Name, ResourceState State, bool Healthy), bool> match) =>
                changes.FindIndex(c => c.Name == name && match(c));
            Assert.True(First("redis", c => c.Healthy) < First("sample", c => c.State == ResourceState.Starting), string.Join("\n", changes));
            Assert.True(First("sample", c => c.State == ResourceState.Stopped) < First("redis", c => c.State == ResourceState.Stopping), string.Join("\n", changes));
            Assert.Equal(ResourceState.Stopped, changes.Last(c => c.Name == "redis").State);
        }
    }

    [Fact]
    public async Task A_service_that_keeps_crashing_is_restarted_with_growing_delays_and_each_restart_is_reported()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<Projects.Hosting_SampleService>("crasher").WithEnvironment("Sample__ExitAtStart", "3");
        await using var app = await builder.BuildAsync();
        var events = new List<string>();
        app.ResourceNotifications.EventReported += (name, message) => { lock (events) { events.Add($"{name}: {message}"); } };

        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceAsync("crasher", s => s.Restarts >= 3).WaitAsync(TimeSpan.FromSeconds(60));

        lock (events)
        {
            Assert.Equal(
                ["crasher: exited with code 3 (last output: sample: exiting at start with code 3, as configured); restart #1 in 0.5 s",
                 "crasher: exited with code 3 (last output: sample: exiting at start with code 3, as configured); restart #2 in 1 s",
                 "crasher: exited with code 3 (last output: sample: exiting at start with code 3, as configured); restart #3 in 2 s"],
                events.Take(3));
        }
    }

    [Fact]
    public async Task A_service_is_healthy_only_when_its_grpc_health_service_is_serving_too()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<Projects.Hosting_SampleService>("not-serving").WithEnvironment("Sample__GrpcNotServing", "true");
        await using var app = await builder.BuildAsync();
        await app.StartAsync();
        using var http = app.CreateHttpClient("not-serving");

        await WaitUntilAsync(async () => (await http.GetAsync("/health")).IsSuccessStatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1)); // several probes

        var snapshot = app.ResourceNotifications.GetSnapshots("not-serving")[0];
        Assert.Equal(ResourceState.Starting, snapshot.State);
        Assert.False(snapshot.IsHealthy);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Data_survives_a_restart_of_the_application_and_fresh_wipes_it()
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "zielsteuerung-hosting", $"warm-{Guid.NewGuid():N}");
        try
        {
            await RunPostgresAsync(["--state-dir", stateDirectory], "CREATE TABLE marker(id int); INSERT INTO marker VALUES (42)");
            Assert.Equal(42, await RunPostgresAsync(["--state-dir", stateDirectory], "SELECT id FROM marker"));
            var error = await Assert.ThrowsAsync<PostgresException>(() => RunPostgresAsync(["--state-dir", stateDirectory, "--fresh"], "SELECT id FROM marker"));
            Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        }
        finally
        {
            await DeleteWhenReleasedAsync(stateDirectory);
        }
    }

    // A server that has just been stopped may still be removing its last files (PostgreSQL's stats and pid files)
    // while the directory is deleted: try again for a moment instead of failing the test on cleanup.
    private static async Task DeleteWhenReleasedAsync(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    [Fact]
    public async Task Testing_builder_runs_the_AppHost_topology_from_its_Program_cs()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Zielsteuerung_AppHost>();

        Assert.Contains("postgres", builder.Resources.Select(r => r.Name));
        Assert.Contains("parties-db", builder.Resources.Select(r => r.Name));
        Assert.Contains("rabbitmq", builder.Resources.Select(r => r.Name));
        Assert.Contains("redis", builder.Resources.Select(r => r.Name));
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "zielsteuerung-hosting"), builder.Options.StateDirectory);
        Assert.Equal(ConsoleMode.None, builder.Options.Console);
    }

    private static async Task<object?> RunPostgresAsync(string[] args, string sql)
    {
        var builder = DistributedApplicationTestingBuilder.Create(args);
        builder.AddPostgres("postgres").AddDatabase("parties-db", "parties");
        await using var app = await builder.BuildAndStartAsync(TimeSpan.FromSeconds(60));
        await using var connection = new NpgsqlConnection(app.GetConnectionString("parties-db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
