using Grpc.Core;
using Kpi.Ingestion.API.Model;
using Zielsteuerung.ServiceDefaults;

namespace Kpi.Ingestion.API.Grpc;

/// <summary>
/// The service's refusals as gRPC statuses with google.rpc details, in one place: INVALID_ARGUMENT + BadRequest,
/// FAILED_PRECONDITION + PreconditionFailure, NOT_FOUND / ALREADY_EXISTS + ResourceInfo, RESOURCE_EXHAUSTED + QuotaFailure.
/// </summary>
internal sealed class KpiErrorInterceptor : DomainErrorInterceptor<KpiException>
{
    protected override Google.Rpc.Status ToStatus(KpiException exception) => exception switch
    {
        InvalidRequestException invalid => RpcErrors.InvalidArgument(invalid.Message, [(invalid.Field, invalid.Description)]),
        PreconditionException precondition => RpcErrors.FailedPrecondition(precondition.Message, [(precondition.Rule, precondition.Subject, precondition.Message)]),
        NotFoundException notFound => RpcErrors.NotFound(notFound.ResourceType, notFound.Resource, notFound.Message),
        AlreadyExistsException exists => RpcErrors.AlreadyExists(exists.ResourceType, exists.Resource, exists.Message),
        TooLargeException tooLarge => RpcErrors.ResourceExhausted(tooLarge.Message, tooLarge.Subject),
        _ => new Google.Rpc.Status { Code = (int)StatusCode.Internal, Message = exception.Message },
    };
}
