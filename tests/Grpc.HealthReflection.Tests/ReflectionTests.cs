using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Microsoft.Extensions.DependencyInjection;
using Zielsteuerung.Grpc;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Grpc.HealthReflection.Tests;

public sealed class ReflectionFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(
        builder =>
        {
            builder.Services.AddSingleton<CatalogService>();
            builder.Services.AddGrpcHealthChecks();
        },
        app =>
        {
            app.MapGrpcService<CatalogService>(CatalogService.Descriptor);
            app.MapGrpcHealthService();
            app.MapGrpcReflectionService();
        });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class ReflectionTests(ReflectionFixture fixture) : IClassFixture<ReflectionFixture>
{
    private const string CatalogFile = "catalog.proto";
    private const string Package = "zielsteuerung.testing.catalog.v1";

    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> V1Method =
        Method.Create<ServerReflectionRequest, ServerReflectionResponse>(ReflectionReflection.Descriptor.Services[0].Methods[0]);

    private static readonly Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> V1AlphaMethod =
        Method.Create<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>(V1Alpha.ReflectionReflection.Descriptor.Services[0].Methods[0]);

    /// <summary>Sends the requests one by one on a single stream and collects the answers.</summary>
    private async Task<List<ServerReflectionResponse>> Ask(params ServerReflectionRequest[] requests)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var call = fixture.Host.CallInvoker.AsyncDuplexStreamingCall(V1Method, null, new CallOptions(cancellationToken: timeout.Token));
        var responses = new List<ServerReflectionResponse>();
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            responses.Add(call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        return responses;
    }

    private static List<string> FileNames(ServerReflectionResponse response)
    {
        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
        return [.. response.FileDescriptorResponse.FileDescriptorProto.Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes).Name)];
    }

    private static void AssertNotFound(ServerReflectionResponse response)
    {
        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse, response.MessageResponseCase);
        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
        Assert.NotEmpty(response.ErrorResponse.ErrorMessage);
    }

    [Fact]
    public async Task List_services_names_every_mapped_service_including_health_and_reflection()
    {
        var response = Assert.Single(await Ask(new ServerReflectionRequest { ListServices = "*" }));

        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", $"{Package}.Catalog"],
            response.ListServicesResponse.Service.Select(service => service.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_response_echoes_the_host_and_the_request()
    {
        var request = new ServerReflectionRequest { Host = "catalog.example", FileByFilename = CatalogFile };

        var response = Assert.Single(await Ask(request));

        Assert.Equal("catalog.example", response.ValidHost);
        Assert.Equal(request, response.OriginalRequest);
    }

    [Fact]
    public async Task File_by_filename_sends_the_file_with_its_transitive_dependencies()
    {
        var response = Assert.Single(await Ask(new ServerReflectionRequest { FileByFilename = CatalogFile }));

        var files = FileNames(response);
        Assert.Equal(CatalogFile, files[0]);
        Assert.Equal(
            ["google/protobuf/any.proto", "google/protobuf/timestamp.proto", "google/rpc/status.proto"],
            files.Skip(1).Order(StringComparer.Ordinal));
        // The bytes are the compiled FileDescriptorProto, as protoc produced it.
        Assert.Equal(Zielsteuerung.Testing.Catalog.V1.CatalogReflection.Descriptor.SerializedData, response.FileDescriptorResponse.FileDescriptorProto[0]);
    }

    [Fact]
    public async Task A_stream_sends_each_dependency_once_but_always_the_file_asked_for()
    {
        var responses = await Ask(
            new ServerReflectionRequest { FileByFilename = "google/rpc/status.proto" },
            new ServerReflectionRequest { FileByFilename = CatalogFile },
            new ServerReflectionRequest { FileContainingSymbol = "google.protobuf.Timestamp" });

        Assert.Equal(["google/rpc/status.proto", "google/protobuf/any.proto"], FileNames(responses[0]));
        Assert.Equal([CatalogFile, "google/protobuf/timestamp.proto"], FileNames(responses[1]));
        Assert.Equal(["google/protobuf/timestamp.proto"], FileNames(responses[2]));
    }

    [Theory]
    [InlineData("Catalog")]
    [InlineData("Catalog.GetItem")]
    [InlineData("GetItemRequest")]
    [InlineData("Item")]
    [InlineData("Item.Kind")]
    [InlineData("Item.Price")]
    [InlineData("Item.name")]
    [InlineData("Item.origin")]
    [InlineData("Item.KIND_GOOD")]
    public async Task File_containing_symbol_finds_services_methods_types_nested_types_and_members(string symbol)
    {
        var response = Assert.Single(await Ask(new ServerReflectionRequest { FileContainingSymbol = $"{Package}.{symbol}" }));

        Assert.Equal(CatalogFile, FileNames(response)[0]);
    }

    [Fact]
    public async Task File_containing_symbol_finds_the_nested_enum_of_the_health_service()
    {
        var response = Assert.Single(await Ask(new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.ServingStatus" }));

        Assert.Equal(["grpc/health/v1/health.proto"], FileNames(response));
    }

    [Fact]
    public async Task Unknown_symbols_and_files_answer_NOT_FOUND_and_the_stream_goes_on()
    {
        var responses = await Ask(
            new ServerReflectionRequest { FileContainingSymbol = $"{Package}.Nothing" },
            new ServerReflectionRequest { FileByFilename = "nothing.proto" },
            new ServerReflectionRequest { FileContainingSymbol = $"{Package}.Item" });

        AssertNotFound(responses[0]);
        AssertNotFound(responses[1]);
        Assert.Equal(CatalogFile, FileNames(responses[2])[0]);
    }

    [Fact]
    public async Task Extensions_are_looked_up_like_grpc_go_does()
    {
        var responses = await Ask(
            new ServerReflectionRequest { AllExtensionNumbersOfType = $"{Package}.Item" },
            new ServerReflectionRequest { AllExtensionNumbersOfType = $"{Package}.Nothing" },
            new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = $"{Package}.Item", ExtensionNumber = 100 } });

        Assert.Equal($"{Package}.Item", responses[0].AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(responses[0].AllExtensionNumbersResponse.ExtensionNumber);
        AssertNotFound(responses[1]);
        AssertNotFound(responses[2]);
    }

    [Fact]
    public async Task A_request_without_a_question_ends_the_stream_with_INVALID_ARGUMENT()
    {
        using var call = fixture.Host.CallInvoker.AsyncDuplexStreamingCall(V1Method, null, default);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { Host = "x" });

        var exception = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
    }

    [Fact]
    public async Task The_v1alpha_service_answers_like_v1()
    {
        using var call = fixture.Host.CallInvoker.AsyncDuplexStreamingCall(V1AlphaMethod, null, default);

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, service => service.Name == $"{Package}.Catalog");

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = $"{Package}.Item.Kind" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto;
        Assert.Equal(CatalogFile, FileDescriptorProto.Parser.ParseFrom(files[0]).Name);
        Assert.Equal(4, files.Count);

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileByFilename = "nothing.proto" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal((int)StatusCode.NotFound, call.ResponseStream.Current.ErrorResponse.ErrorCode);

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }
}
