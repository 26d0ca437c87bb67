using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zielsteuerung.Grpc;

namespace ServiceDefaults.Tests;

public sealed class GrpcClientRegistrationTests
{
    private sealed class AgreementsClient(CallInvoker callInvoker) : ClientBase(callInvoker);

    private sealed class MonitoringClient(CallInvoker callInvoker) : ClientBase(callInvoker);

    [Fact]
    public void A_typed_client_is_a_singleton_on_the_configured_service_address()
    {
        var builder = TestApp.CreateBuilder("caller", new Dictionary<string, string?> { ["services:agreements:grpc:0"] = "http://127.0.0.1:6123" });
        builder.AddGrpcServiceClient<AgreementsClient>("agreements");
        using var services = builder.Services.BuildServiceProvider();

        var client = services.GetRequiredService<AgreementsClient>();

        Assert.Same(client, services.GetRequiredService<AgreementsClient>());
        Assert.Equal(new Uri("http://127.0.0.1:6123"), services.GetRequiredKeyedService<GrpcChannel>("agreements").Address);
    }

    [Fact]
    public void Clients_of_the_same_service_share_one_channel()
    {
        var builder = TestApp.CreateBuilder("caller", new Dictionary<string, string?> { ["services:agreements:grpc:0"] = "http://127.0.0.1:6123" });
        builder.AddGrpcServiceClient<AgreementsClient>("agreements");
        builder.AddGrpcServiceClient<MonitoringClient>("agreements");
        using var services = builder.Services.BuildServiceProvider();

        Assert.Same(
            services.GetRequiredService<AgreementsClient>().CallInvoker,
            services.GetRequiredService<MonitoringClient>().CallInvoker);
    }

    [Fact]
    public void A_missing_address_names_the_configuration_key()
    {
        var builder = TestApp.CreateBuilder("caller");
        builder.AddGrpcServiceClient<AgreementsClient>("agreements");
        using var services = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<AgreementsClient>());

        Assert.Contains("services:agreements:grpc:0", error.Message, StringComparison.Ordinal);
    }
}
