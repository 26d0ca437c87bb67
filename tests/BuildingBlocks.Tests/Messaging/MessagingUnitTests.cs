using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zielsteuerung.Messaging;
using Zielsteuerung.Messaging.Outbox;

namespace BuildingBlocks.Tests.Messaging;

public sealed class MessagingUnitTests
{
    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5673/", "127.0.0.1", 5673, "/", "guest", "guest")]
    [InlineData("amqp://app:p%40ss@broker:5672/jobcenter", "broker", 5672, "jobcenter", "app", "p@ss")]
    [InlineData("amqp://localhost", "localhost", 5672, "/", "guest", "guest")]
    public void RabbitMQ_connection_strings_are_amqp_uris(string value, string host, int port, string vhost, string user, string password)
    {
        var address = RabbitMqAddress.Parse(value);

        Assert.Equal(new RabbitMqAddress(host, (ushort)port, vhost, user, password), address);
    }

    [Fact]
    public void A_connection_string_that_is_no_amqp_uri_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => RabbitMqAddress.Parse("127.0.0.1:5672"));

    [Theory]
    [InlineData("party-registry", "party-registry")]
    [InlineData("PartyRegistry.API", "party-registry-api")]
    [InlineData("KpiIngestion", "kpi-ingestion")]
    public void Queue_prefixes_are_kebab_case(string serviceName, string expected) =>
        Assert.Equal(expected, MessagingExtensions.KebabCase(serviceName));

    [Fact]
    public void Each_service_gets_its_own_queue_per_consumer()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "party-registry",
            ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:5672/",
        });
        builder.AddMessaging(bus => bus.AddConsumer<WidgetCreatedConsumer>());
        using var services = builder.Services.BuildServiceProvider();

        var formatter = services.GetRequiredService<MassTransit.IEndpointNameFormatter>();

        Assert.Equal("party-registry-widget-created", formatter.Consumer<WidgetCreatedConsumer>());
    }

    [Fact]
    public void A_missing_broker_connection_string_names_the_variable()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMessaging());

        Assert.Contains("ConnectionStrings__rabbitmq", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signal_given_while_the_relay_is_busy_is_not_lost()
    {
        var signal = new OutboxSignal();
        signal.Notify();

        var waited = Stopwatch.StartNew();
        // true: a commit woke the relay (it then waits OutboxOptions.CoalesceDelay for more commits to join the batch).
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5));

        waited.Restart();
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None));
        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(150), "the signal was consumed by the first wait");
    }

    [Fact]
    public void An_outbox_message_carries_the_event_its_type_and_the_current_trace()
    {
        using var db = new WidgetsDbContext(new DbContextOptionsBuilder<WidgetsDbContext>().UseNpgsql("Host=unused").Options);
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=1";
        var created = new WidgetCreated(Guid.NewGuid(), "Rad", "unit");

        var message = db.AddOutboxMessage(created);

        Assert.Equal(created.EventId, message.Id);
        Assert.Equal("BuildingBlocks.Tests.WidgetCreated, BuildingBlocks.Tests", message.MessageType);
        Assert.Equal(created, JsonSerializer.Deserialize(message.Payload, Type.GetType(message.MessageType)!, OutboxDbContextExtensions.PayloadJson));
        Assert.Equal(activity.Id, message.TraceParent);
        Assert.Equal("vendor=1", message.TraceState);
        Assert.Equal(EntityState.Added, db.Entry(message).State);
        Assert.Null(message.PublishedAt);
    }
}
