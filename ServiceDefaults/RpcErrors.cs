using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Zielsteuerung.ServiceDefaults;

/// <summary>
/// The statuses of the refusals every service has, each with the google.rpc detail its code calls for
/// (https://grpc.io/docs/guides/error/#richer-error-model): BadRequest, ResourceInfo, PreconditionFailure, ErrorInfo,
/// QuotaFailure. Throw them with <c>ToRpcException()</c> (Grpc.StatusProto).
/// </summary>
public static class RpcErrors
{
    public static Google.Rpc.Status Status(StatusCode code, string message, IMessage detail) =>
        new() { Code = (int)code, Message = message, Details = { Any.Pack(detail) } };

    public static Google.Rpc.Status InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations) =>
        Status(StatusCode.InvalidArgument, message, new BadRequest
        {
            FieldViolations = { violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }) },
        });

    public static Google.Rpc.Status NotFound(string resourceType, string resourceName, string message) =>
        Status(StatusCode.NotFound, message, new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = message });

    public static Google.Rpc.Status AlreadyExists(string resourceType, string resourceName, string message) =>
        Status(StatusCode.AlreadyExists, message, new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = message });

    public static Google.Rpc.Status FailedPrecondition(string message, IEnumerable<(string Type, string Subject, string Description)> violations) =>
        Status(StatusCode.FailedPrecondition, message, new PreconditionFailure
        {
            Violations = { violations.Select(v => new PreconditionFailure.Types.Violation { Type = v.Type, Subject = v.Subject, Description = v.Description }) },
        });

    /// <summary>A refusal whose reason a program reads: ABORTED (stale version), PERMISSION_DENIED, … with an ErrorInfo.</summary>
    public static Google.Rpc.Status WithReason(StatusCode code, string message, string reason, string domain, IDictionary<string, string>? metadata = null) =>
        Status(code, message, new ErrorInfo { Reason = reason, Domain = domain, Metadata = { metadata ?? new Dictionary<string, string>() } });

    public static Google.Rpc.Status ResourceExhausted(string message, string subject) =>
        Status(StatusCode.ResourceExhausted, message, new QuotaFailure { Violations = { new QuotaFailure.Types.Violation { Subject = subject, Description = message } } });
}

/// <summary>
/// The one place a service turns its domain exceptions into statuses: register a subclass as a singleton interceptor.
/// A call that completed synchronously (e.g. from a cache) is returned untouched, without an async state machine.
/// </summary>
public abstract class DomainErrorInterceptor<TException> : Interceptor where TException : Exception
{
    protected abstract Google.Rpc.Status ToStatus(TException exception);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Task<TResponse> call;
        try
        {
            call = continuation(request, context);
        }
        catch (TException e)
        {
            throw ToStatus(e).ToRpcException();
        }

        return call.IsCompletedSuccessfully ? call : AwaitAsync(call);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Task<TResponse> call;
        try
        {
            call = continuation(requestStream, context);
        }
        catch (TException e)
        {
            throw ToStatus(e).ToRpcException();
        }

        return call.IsCompletedSuccessfully ? call : AwaitAsync(call);
    }

    private async Task<TResponse> AwaitAsync<TResponse>(Task<TResponse> call)
    {
        try
        {
            return await call;
        }
        catch (TException e)
        {
            throw ToStatus(e).ToRpcException();
        }
    }
}
