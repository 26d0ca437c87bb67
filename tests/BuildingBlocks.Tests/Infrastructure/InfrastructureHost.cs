using Zielsteuerung.Hosting;
using Zielsteuerung.Hosting.Testing;

namespace BuildingBlocks.Tests.Infrastructure;

// PostgreSQL, RabbitMQ and Redis as private processes through the AppHost testing API, once per test run.
internal static class InfrastructureHost
{
    public static async Task<IInfrastructureHost> StartAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres");
        builder.AddRabbitMQ("rabbitmq");
        builder.AddRedis("redis");
        return new AppHost(await builder.BuildAndStartAsync());
    }

    private sealed class AppHost(DistributedApplication app) : IInfrastructureHost
    {
        public string PostgresConnectionString { get; } = app.GetConnectionString("postgres");
        public string RedisConnectionString { get; } = app.GetConnectionString("redis");
        public string RabbitMqConnectionString { get; } = app.GetConnectionString("rabbitmq");

        public Task StopAsync(string resource) => app.StopResourceAsync(resource);

        public async Task StartAsync(string resource)
        {
            await app.StartResourceAsync(resource);
            await app.WaitForResourceHealthyAsync(resource);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
