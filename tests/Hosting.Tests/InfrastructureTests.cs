using System.Net.Sockets;
using Npgsql;
using Zielsteuerung.Hosting;

namespace Hosting.Tests;

[Collection(TopologyCollection.Name)]
public sealed class InfrastructureTests(TopologyFixture fixture)
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task Postgres_database_is_created_and_reachable_with_its_connection_string()
    {
        var connectionString = await App.GetConnectionStringAsync("parties-db");
        Assert.Matches(@"^Host=127\.0\.0\.1;Port=\d+;Username=postgres;Password=\w{24};Database=parties$", connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("parties", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Redis_answers_ping_on_its_connection_string()
    {
        var connectionString = App.GetConnectionString("redis");
        Assert.Matches(@"^127\.0\.0\.1:\d+$", connectionString);
        var port = int.Parse(connectionString.Split(':')[1]);

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await client.GetStream().WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[7];
        var read = await client.GetStream().ReadAsync(buffer);
        Assert.Equal("+PONG\r\n", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task RabbitMQ_speaks_AMQP_on_its_connection_string()
    {
        var uri = new Uri(App.GetConnectionString("rabbitmq"));
        Assert.Equal("amqp://guest:guest@127.0.0.1/", new UriBuilder(uri) { Port = -1 }.Uri.ToString());

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", uri.Port);
        await client.GetStream().WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray());
        var frame = new byte[1];
        Assert.Equal(1, await client.GetStream().ReadAsync(frame));
        Assert.Equal(1, frame[0]); // method frame: Connection.Start
    }

    [Fact]
    public void Servers_listen_on_loopback_only()
    {
        foreach (var name in (string[])["postgres", "redis", "rabbitmq"])
        {
            var port = App.GetEndpoint(name, "tcp").Port;
            var listeners = File.ReadAllLines("/proc/net/tcp").Skip(1)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f[3] == "0A" && Convert.ToInt32(f[1].Split(':')[1], 16) == port) // 0A = LISTEN
                .Select(f => f[1].Split(':')[0])
                .ToList();
            Assert.NotEmpty(listeners);
            Assert.All(listeners, address => Assert.Equal("0100007F", address)); // 127.0.0.1
        }
    }

    [Fact]
    public void Every_endpoint_has_its_own_port_below_the_ephemeral_range()
    {
        var ports = App.ResourceNotifications.GetSnapshots().SelectMany(s => s.Endpoints.Values).Select(u => u.Port).ToList();
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0]);

        Assert.Equal(9, ports.Count); // postgres, rabbitmq, redis; sample-0, sample-1 and caller with grpc and http each
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, 20000, ephemeralLow - 1));
    }

    [Fact]
    public void Every_resource_is_healthy_and_logs_to_the_state_directory()
    {
        var snapshots = App.ResourceNotifications.GetSnapshots();
        Assert.Equal(
            ["postgres", "parties-db", "rabbitmq-epmd", "rabbitmq", "redis", "sample-0", "sample-1", "caller"],
            snapshots.Select(s => s.Name));
        Assert.All(snapshots, s => Assert.True(s.IsHealthy, $"{s.Name} is {s.State}/{s.Health}"));
        Assert.All(snapshots, s => Assert.StartsWith(App.StateDirectory, s.LogPath));
        Assert.Contains(File.ReadAllLines(App.ResourceNotifications.GetSnapshots("postgres")[0].LogPath),
            line => line.Contains("database system is ready to accept connections"));
    }
}
