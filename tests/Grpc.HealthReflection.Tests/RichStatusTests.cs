using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Zielsteuerung.Grpc;
using Zielsteuerung.Testing.Catalog.V1;
using GrpcStatus = Zielsteuerung.Grpc.Status;
using RpcStatus = Google.Rpc.Status;

namespace Grpc.HealthReflection.Tests;

public sealed class RichStatusFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(
        builder => builder.Services.AddSingleton<CatalogService>(),
        app => app.MapGrpcService<CatalogService>(CatalogService.Descriptor));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class RichStatusTests(RichStatusFixture fixture) : IClassFixture<RichStatusFixture>
{
    private async Task<RpcException> GetItemFailure(string name) =>
        await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Host.CallInvoker.AsyncUnaryCall(CatalogService.GetItemMethod, null, default, new GetItemRequest { Name = name }));

    [Fact]
    public async Task Field_violations_raised_by_the_server_reach_the_client()
    {
        var exception = await GetItemFailure("");

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal("The request is invalid.", exception.Status.Detail);
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)StatusCode.InvalidArgument, status.Code);
        Assert.Equal("The request is invalid.", status.Message);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(
            [("name", "must not be empty"), ("name", "must be lower case")],
            badRequest.FieldViolations.Select(violation => (violation.Field, violation.Description)));
    }

    [Fact]
    public async Task Not_found_names_the_resource()
    {
        var exception = await GetItemFailure("missing");

        Assert.Equal(StatusCode.NotFound, exception.StatusCode);
        Assert.Equal("Item 'missing' was not found.", exception.Status.Detail);
        var resource = exception.GetRpcStatus()?.GetDetail<ResourceInfo>();
        Assert.Equal(new ResourceInfo { ResourceType = "Item", ResourceName = "missing" }, resource);
    }

    [Fact]
    public async Task Extra_trailers_travel_with_the_status()
    {
        var exception = await GetItemFailure("with-trailers");

        Assert.Equal(StatusCode.Aborted, exception.StatusCode);
        Assert.Equal("2", exception.Trailers.GetValue("x-attempt"));
        Assert.Equal("Try again.", exception.GetRpcStatus()?.Message);
    }

    [Fact]
    public async Task Details_contradicting_grpc_status_are_ignored()
    {
        var exception = await GetItemFailure("mismatch");

        Assert.Equal(StatusCode.NotFound, exception.StatusCode);
        Assert.NotNull(exception.Trailers.Get(RpcStatusExtensions.StatusDetailsTrailerName));
        Assert.Null(exception.GetRpcStatus());
    }

    [Fact]
    public void ToRpcException_carries_code_message_and_the_serialized_status()
    {
        var status = new RpcStatus { Code = (int)StatusCode.FailedPrecondition, Message = "Not yet.", Details = { Any.Pack(new ErrorInfo { Reason = "LOCKED" }) } };

        var exception = status.ToRpcException();

        Assert.Equal(new GrpcStatus(StatusCode.FailedPrecondition, "Not yet."), exception.Status);
        Assert.Equal(status, RpcStatus.Parser.ParseFrom(exception.Trailers.GetValueBytes("grpc-status-details-bin")));
        Assert.Equal(status, exception.GetRpcStatus());
    }

    [Fact]
    public void An_OK_status_is_not_an_error() =>
        Assert.Throws<ArgumentException>(() => new RpcStatus { Code = 0 }.ToRpcException());

    [Fact]
    public void GetRpcStatus_is_null_without_details_or_with_undecodable_ones()
    {
        Assert.Null(new RpcException(new GrpcStatus(StatusCode.Internal, "Boom.")).GetRpcStatus());
        var garbage = new Metadata { { "grpc-status-details-bin", new byte[] { 0xFF, 0xFF, 0xFF } } };
        Assert.Null(new RpcException(new GrpcStatus(StatusCode.Internal, "Boom."), garbage).GetRpcStatus());
    }

    [Fact]
    public void GetDetail_unpacks_the_first_detail_of_the_type_and_null_if_none()
    {
        var status = new RpcStatus
        {
            Code = (int)StatusCode.InvalidArgument,
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "FIRST" }),
                Any.Pack(new BadRequest()),
                Any.Pack(new ErrorInfo { Reason = "SECOND" }),
            },
        };

        Assert.Equal("FIRST", status.GetDetail<ErrorInfo>()?.Reason);
        Assert.Equal(["FIRST", "SECOND"], status.GetDetails<ErrorInfo>().Select(info => info.Reason));
        Assert.Null(status.GetDetail<ResourceInfo>());
    }

    [Fact]
    public void The_helpers_attach_their_standard_detail()
    {
        AssertError(RpcErrors.FailedPrecondition("Agreement is signed.", RpcErrors.Precondition("STATE", "agreements/7", "already signed")),
            StatusCode.FailedPrecondition, "Agreement is signed.",
            new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = "STATE", Subject = "agreements/7", Description = "already signed" } } });
        AssertError(RpcErrors.AlreadyExists("Party", "parties/9"),
            StatusCode.AlreadyExists, "Party 'parties/9' already exists.",
            new ResourceInfo { ResourceType = "Party", ResourceName = "parties/9" });
        AssertError(RpcErrors.Aborted("Changed meanwhile.", "VERSION_MISMATCH", "agreements", new Dictionary<string, string> { ["expected"] = "3" }),
            StatusCode.Aborted, "Changed meanwhile.",
            new ErrorInfo { Reason = "VERSION_MISMATCH", Domain = "agreements", Metadata = { ["expected"] = "3" } });
        AssertError(RpcErrors.Create(StatusCode.PermissionDenied, "No.", new ErrorInfo { Reason = "ROLE" }),
            StatusCode.PermissionDenied, "No.", new ErrorInfo { Reason = "ROLE" });
    }

    private static void AssertError(RpcException exception, StatusCode code, string message, IMessage detail)
    {
        Assert.Equal(new GrpcStatus(code, message), exception.Status);
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal(Any.Pack(detail), Assert.Single(status.Details));
    }
}
