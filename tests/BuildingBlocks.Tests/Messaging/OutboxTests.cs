using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit.Abstractions;
using Zielsteuerung.Messaging;
using Zielsteuerung.Persistence;

namespace BuildingBlocks.Tests.Messaging;

[Collection(Infrastructure.InfrastructureCollection.Name)]
public sealed class OutboxTests(Infrastructure.InfrastructureFixture infrastructure, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // One queue for the class ("<service>-widget-created"); each test only looks at events of its own scope.
    private static readonly string ServiceName = "bb-outbox-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _scope = Guid.NewGuid().ToString("N");
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await infrastructure.CreateDatabaseAsync();
        await new MigrationRunner(_database).ApplyAsync(SqlMigrations.FromAssembly(typeof(OutboxTests).Assembly));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_event_is_published_right_after_the_commit()
    {
        // A polling interval far beyond the test's patience: only the commit signal can make this pass.
        using var host = await StartServiceAsync(pollingInterval: TimeSpan.FromMinutes(5));
        var created = new WidgetCreated(Guid.NewGuid(), "Rad", _scope);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
            db.Widgets.Add(new Widget { Id = created.WidgetId, Name = created.Name });
            db.AddOutboxMessage(created);
            await db.SaveChangesAsync();
        }
        var committed = Stopwatch.StartNew();

        var received = await host.Services.GetRequiredService<Received>().WaitForAsync(_scope, 1, Patience);
        output.WriteLine($"commit to consumer: {committed.ElapsedMilliseconds - 300} ms");
        Assert.Equal(created, received.Single().Message);
        Assert.Equal(created.EventId, received.Single().MessageId);
        await WaitUntilAsync(async () => await ScalarAsync<bool>(
            $"SELECT published_at IS NOT NULL FROM outbox_messages WHERE id = '{created.EventId}'"));
    }

    [Fact]
    public async Task A_burst_of_events_arrives_completely_and_once()
    {
        long published = 0;
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.MeterName && instrument.Name == "zielsteuerung.outbox.published")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref published, value));
        meters.Start();
        using var host = await StartServiceAsync(pollingInterval: TimeSpan.FromMinutes(5));
        var events = Enumerable.Range(0, 500).Select(i => new WidgetCreated(Guid.NewGuid(), $"widget {i}", _scope)).ToList();

        var committed = Stopwatch.StartNew();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
            foreach (var created in events)
            {
                db.AddOutboxMessage(created);
            }
            await db.SaveChangesAsync();
        }

        var received = await host.Services.GetRequiredService<Received>().WaitForAsync(_scope, events.Count, Patience);
        output.WriteLine($"500 events from one commit to their consumer: {committed.ElapsedMilliseconds - 300} ms");
        Assert.Equal(events.ToHashSet(), received.Select(r => r.Message).ToHashSet());
        Assert.Equal(events.Count, received.Count);
        Assert.True(Interlocked.Read(ref published) >= events.Count, $"published counter: {published}");
    }

    [Fact]
    public async Task Events_written_in_the_services_own_statement_are_published_once_and_only_when_the_statement_wrote_its_row()
    {
        // Only the commit signal can make this pass within the test's patience.
        using var host = await StartServiceAsync(pollingInterval: TimeSpan.FromMinutes(5));
        var created = new WidgetCreated(Guid.NewGuid(), "Speiche", _scope);
        var duplicate = new WidgetCreated(created.WidgetId, "Speiche again", _scope);
        var sql = $"""
            WITH inserted AS (INSERT INTO widgets (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id),
            outbox AS ({OutboxWriter.InsertSql(3, "EXISTS (SELECT 1 FROM inserted)")})
            SELECT count(*) FROM inserted
            """;
        var dataSource = host.Services.GetRequiredKeyedService<NpgsqlDataSource>("widgets-db");
        var outbox = host.Services.GetRequiredService<OutboxWriter>();
        foreach (var attempt in new[] { created, duplicate })
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = attempt.WidgetId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = attempt.Name });
            OutboxWriter.AddParameters(command.Parameters, [attempt, new WidgetCreated(Guid.NewGuid(), $"{attempt.Name}'s twin", _scope)]);
            if ((long)(await command.ExecuteScalarAsync())! == 1)
            {
                outbox.Committed();
            }
        }

        var received = await host.Services.GetRequiredService<Received>().WaitForAsync(_scope, 2, Patience);
        Assert.Equal(["Speiche", "Speiche's twin"], received.Select(r => r.Message.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2L, await ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE payload->>'scope' = '{_scope}'"));
    }

    [Fact]
    public async Task An_event_whose_transaction_rolls_back_is_never_published()
    {
        using var host = await StartServiceAsync();
        var rolledBack = new WidgetCreated(Guid.NewGuid(), "rolled back", _scope);
        var committed = new WidgetCreated(Guid.NewGuid(), "committed", _scope);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Widgets.Add(new Widget { Id = rolledBack.WidgetId, Name = rolledBack.Name });
                db.AddOutboxMessage(rolledBack);
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            });
            db.ChangeTracker.Clear();
            db.AddOutboxMessage(committed);
            await db.SaveChangesAsync();
        }

        // The relay publishes in order, so once the later event arrived the earlier one would have, too.
        var received = await host.Services.GetRequiredService<Received>().WaitForAsync(_scope, 1, Patience);
        Assert.Equal([committed], received.Select(r => r.Message));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE id = '{rolledBack.EventId}'"));
    }

    [Fact]
    public async Task The_consumer_continues_the_trace_of_the_request_that_wrote_the_event()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or MessagingTelemetry.SourceName or "tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("tests");
        using var host = await StartServiceAsync();
        var created = new WidgetCreated(Guid.NewGuid(), "traced", _scope);

        ActivityTraceId producerTrace;
        using (var request = source.StartActivity("request", ActivityKind.Server)!)
        {
            producerTrace = request.TraceId;
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
            db.AddOutboxMessage(created);
            await db.SaveChangesAsync();
        }

        var received = await host.Services.GetRequiredService<Received>().WaitForAsync(_scope, 1, Patience);
        Assert.Equal(producerTrace, received.Single().TraceId);
    }

    [Fact]
    public async Task Events_written_while_the_broker_is_down_arrive_when_it_is_back()
    {
        using var host = await StartServiceAsync();
        var created = new WidgetCreated(Guid.NewGuid(), "patient", _scope);

        await infrastructure.StopAsync("rabbitmq");
        try
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
                db.AddOutboxMessage(created);
                await db.SaveChangesAsync();
            }
            await WaitUntilAsync(async () => await ScalarAsync<int>(
                $"SELECT attempts FROM outbox_messages WHERE id = '{created.EventId}'") > 0);
            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.NotEqual(HealthStatus.Healthy, health.Entries["rabbitmq"].Status);
        }
        finally
        {
            await infrastructure.StartAsync("rabbitmq");
        }

        var received = await host.Services.GetRequiredService<Received>().WaitForAsync(_scope, 1, TimeSpan.FromSeconds(90));
        Assert.Equal(created, received.Single().Message);
        Assert.NotNull(await ScalarAsync<string>($"SELECT last_error FROM outbox_messages WHERE id = '{created.EventId}'"));
    }

    [Fact]
    public async Task Events_left_by_a_stopped_service_are_published_when_it_starts_again()
    {
        var created = new WidgetCreated(Guid.NewGuid(), "left behind", _scope);
        // The service's consumer queue exists (a first run), then the service is down while the event is written.
        using (var first = await StartServiceAsync())
        {
            await first.StopAsync();
        }
        var options = new DbContextOptionsBuilder<WidgetsDbContext>().UseNpgsql(_database).Options;
        await using (var db = new WidgetsDbContext(options))
        {
            db.AddOutboxMessage(created);
            await db.SaveChangesAsync();
        }

        using var restarted = await StartServiceAsync();

        var received = await restarted.Services.GetRequiredService<Received>().WaitForAsync(_scope, 1, Patience);
        Assert.Equal(created, received.Single().Message);
    }

    [Fact]
    public async Task A_row_that_can_never_be_published_is_set_aside_and_does_not_hold_up_the_others()
    {
        var unknownId = Guid.NewGuid();
        await ScalarAsync<int>(
            $"INSERT INTO outbox_messages (id, message_type, payload, occurred_at) VALUES ('{unknownId}', 'Gone.Event, Gone', '{{}}', now()) RETURNING 1");
        using var host = await StartServiceAsync();
        var created = new WidgetCreated(Guid.NewGuid(), "after the bad one", _scope);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetsDbContext>();
            db.AddOutboxMessage(created);
            await db.SaveChangesAsync();
        }

        var received = await host.Services.GetRequiredService<Received>().WaitForAsync(_scope, 1, Patience);
        Assert.Equal(created, received.Single().Message);
        Assert.True(await ScalarAsync<bool>($"SELECT failed_at IS NOT NULL AND published_at IS NULL FROM outbox_messages WHERE id = '{unknownId}'"));
        Assert.Contains("Gone.Event", await ScalarAsync<string>($"SELECT last_error FROM outbox_messages WHERE id = '{unknownId}'"), StringComparison.Ordinal);
    }

    private async Task<IHost> StartServiceAsync(TimeSpan? pollingInterval = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = ServiceName,
            ["ConnectionStrings:widgets-db"] = _database,
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
        });
        builder.Services.AddSingleton<Received>();
        builder.AddNpgsqlDbContext<WidgetsDbContext>("widgets-db");
        builder.AddMessaging(bus => bus.AddConsumer<WidgetCreatedConsumer>());
        builder.AddOutbox<WidgetsDbContext>(outbox =>
        {
            outbox.PollingInterval = pollingInterval ?? TimeSpan.FromSeconds(1);
            outbox.MaxBackoff = TimeSpan.FromSeconds(2);
            outbox.PublishTimeout = TimeSpan.FromSeconds(3);
        });
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, Patience);
        return host;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }
}

public sealed record ReceivedEvent(WidgetCreated Message, Guid? MessageId, ActivityTraceId? TraceId);

public sealed class Received
{
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public void Add(ReceivedEvent received)
    {
        _events.Enqueue(received);
        _arrived.Release();
    }

    public async Task<List<ReceivedEvent>> WaitForAsync(string scope, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var matching = _events.Where(e => e.Message.Scope == scope).ToList();
            if (matching.Count >= count)
            {
                // Give a duplicate or an unexpected extra event a moment to show up.
                await Task.Delay(300);
                return _events.Where(e => e.Message.Scope == scope).ToList();
            }
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"expected {count} events of scope {scope}, got {matching.Count}");
            await _arrived.WaitAsync(left);
        }
    }
}

public sealed class WidgetCreatedConsumer(Received received) : IConsumer<WidgetCreated>
{
    public Task Consume(ConsumeContext<WidgetCreated> context)
    {
        received.Add(new ReceivedEvent(context.Message, context.MessageId, Activity.Current?.TraceId));
        return Task.CompletedTask;
    }
}
