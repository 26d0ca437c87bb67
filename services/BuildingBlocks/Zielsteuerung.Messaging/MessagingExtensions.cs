using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.Messaging;
using Zielsteuerung.Messaging.Outbox;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers messaging for a service.</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ at <c>ConnectionStrings:{connectionName}</c> (an amqp:// URI). Consumers are added in
    /// <paramref name="configure"/>; their queues are named "&lt;service&gt;-&lt;consumer&gt;" in kebab case, so every service
    /// gets its own copy of an event. A health check "rabbitmq" is tagged "ready".
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configure = null,
        string connectionName = "rabbitmq")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost injects it).");
        var broker = RabbitMqAddress.Parse(connectionString);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(KebabCase(serviceName) + "-", includeNamespace: false));
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = connectionName;
                health.Tags.Clear();
                health.Tags.Add("ready");
                health.MinimalFailureStatus = HealthStatus.Unhealthy;
            });
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                });
                // Events are published as their concrete type; no exchange for the common base.
                rabbit.Publish<IntegrationEvent>(publish => publish.Exclude = true);
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            // Start without the broker; the bus connects when it can and the health check says so.
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    /// <summary>
    /// The transactional outbox of <typeparamref name="TContext"/>: <c>dbContext.AddOutboxMessage(evt)</c> (or, in the
    /// service's own SQL, <see cref="OutboxWriter"/>) enqueues, and
    /// a background relay publishes committed rows through the bus of <see cref="AddMessaging"/>. The context must map
    /// the table (<see cref="OutboxModelBuilderExtensions.ApplyOutbox"/>) and a migration must create it
    /// (<see cref="OutboxSchema.Sql"/>).
    /// </summary>
    public static IHostApplicationBuilder AddOutbox<TContext>(
        this IHostApplicationBuilder builder, Action<OutboxOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<OutboxOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton(services => new OutboxWriter(services.GetRequiredService<OutboxSignal>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, OutboxCommitInterceptor>());
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    internal static string KebabCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && builder[^1] != '-' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    builder.Append('-');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        return builder.ToString().Trim('-');
    }
}
