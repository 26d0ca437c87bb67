using Zielsteuerung.Hosting;
using Zielsteuerung.Hosting.Testing;

namespace Hosting.Tests;

/// <summary>One topology for the whole test run: PostgreSQL with a database, RabbitMQ, Redis, a sample service with two
/// replicas that uses all three, and a caller service that references the sample service.</summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Every event line the AppHost reported, as "instance: message".</summary>
    public List<string> Events { get; } = [];

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("postgres");
        var partiesDb = postgres.AddDatabase("parties-db", "parties");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        var redis = builder.AddRedis("redis");
        var sample = builder.AddProject<Projects.Hosting_SampleService>("sample")
            .WithReference(partiesDb).WaitFor(partiesDb)
            .WithReference(rabbitmq).WaitFor(rabbitmq)
            .WithReference(redis).WaitFor(redis)
            .WithEnvironment("Sample__Greeting", "moin")
            .WithReplicas(2);
        builder.AddProject<Projects.Hosting_SampleService>("caller")
            .WithReference(sample).WaitFor(sample);

        App = await builder.BuildAsync();
        App.ResourceNotifications.EventReported += (name, message) => { lock (Events) { Events.Add($"{name}: {message}"); } };
        await App.StartAsync();
        await App.WaitForAllHealthyAsync(TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<TopologyFixture>
{
    public const string Name = "topology";
}
