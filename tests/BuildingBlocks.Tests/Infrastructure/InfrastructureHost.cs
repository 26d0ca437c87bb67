namespace BuildingBlocks.Tests.Infrastructure;

internal static class InfrastructureHost
{
    // TEMPORARY until the AppHost testing API is ready: servers started by hand, passed in the environment.
    public static Task<IInfrastructureHost> StartAsync() => Task.FromResult<IInfrastructureHost>(new EnvironmentHost());

    private sealed class EnvironmentHost : IInfrastructureHost
    {
        public string PostgresConnectionString { get; } = Require("BB_TEST_POSTGRES");
        public string RedisConnectionString { get; } = Require("BB_TEST_REDIS");
        public string RabbitMqConnectionString { get; } = Require("BB_TEST_RABBITMQ");

        public Task StopAsync(string resource) => Run(Require("BB_TEST_STOP") + " " + resource);
        public Task StartAsync(string resource) => Run(Require("BB_TEST_START") + " " + resource);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static async Task Run(string command)
        {
            using var process = System.Diagnostics.Process.Start("/bin/sh", ["-c", command]);
            await process.WaitForExitAsync();
        }

        private static string Require(string name) =>
            Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set.");
    }
}
