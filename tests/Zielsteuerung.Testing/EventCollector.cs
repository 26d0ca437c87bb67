using System.Collections.Concurrent;
using MassTransit;
using Zielsteuerung.IntegrationEvents;

namespace Zielsteuerung.Testing;

/// <summary>
/// A test's consumer of a service's integration events on the topology's RabbitMQ: a receive endpoint of its own
/// (bound to the event types' exchanges), collecting what arrives, and a wait with a timeout.
/// </summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();
    private IBusControl? _bus;

    public IReadOnlyCollection<IntegrationEvent> Received => _events;

    /// <summary>Connects to <paramref name="rabbitmq"/> (amqp://user:password@host:port) and consumes <paramref name="eventTypes"/>.</summary>
    public static async Task<EventCollector> StartAsync(string rabbitmq, string queue, params Type[] eventTypes)
    {
        var collector = new EventCollector();
        var broker = new Uri(rabbitmq);
        var credentials = broker.UserInfo.Split(':', 2);
        collector._bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(broker.Host, (ushort)broker.Port, "/", host =>
            {
                host.Username(Uri.UnescapeDataString(credentials[0]));
                host.Password(Uri.UnescapeDataString(credentials[1]));
            });
            bus.ReceiveEndpoint(queue, endpoint =>
            {
                foreach (var type in eventTypes)
                {
                    typeof(EventCollector).GetMethod(nameof(Handle), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                        .MakeGenericMethod(type).Invoke(collector, [endpoint]);
                }
            });
        });
        await collector._bus.StartAsync();
        return collector;
    }

    /// <summary>Waits until an event of type <typeparamref name="T"/> matching <paramref name="match"/> arrived.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null) where T : IntegrationEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_events.OfType<T>().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no {typeof(T).Name} matching the condition arrived; received: {string.Join(", ", _events.Select(e => e.GetType().Name))}.");
    }

    /// <summary>Publishes <paramref name="message"/> as its concrete type, as a service's outbox relay would (e.g. to redeliver one).</summary>
    public Task PublishAsync<T>(T message) where T : IntegrationEvent =>
        (_bus ?? throw new InvalidOperationException("not started")).Publish(message);

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }
    }

    private void Handle<T>(IReceiveEndpointConfigurator endpoint) where T : IntegrationEvent =>
        endpoint.Handler<T>(context =>
        {
            _events.Enqueue(context.Message);
            return Task.CompletedTask;
        });
}
