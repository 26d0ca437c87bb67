using System.Globalization;
using Agreements.API.Model;
using Grpc.Core;
using Zielsteuerung.ServiceDefaults;

namespace Agreements.API.Grpc;

/// <summary>
/// The service's refusals as gRPC statuses with google.rpc details, in one place: INVALID_ARGUMENT + BadRequest,
/// FAILED_PRECONDITION + PreconditionFailure (type = rule, subject = party or field), PERMISSION_DENIED + ErrorInfo,
/// NOT_FOUND / ALREADY_EXISTS + ResourceInfo, ABORTED + ErrorInfo (current_version), RESOURCE_EXHAUSTED + QuotaFailure.
/// </summary>
internal sealed class AgreementsErrorInterceptor : DomainErrorInterceptor<AgreementException>
{
    public const string ErrorDomain = "agreements.zielsteuerung";
    private const string AgreementType = "zielsteuerung.agreements.v1.Agreement";

    protected override Google.Rpc.Status ToStatus(AgreementException exception) => exception switch
    {
        RuleViolationException { IsPrecondition: true } rules =>
            RpcErrors.FailedPrecondition(rules.Message, rules.Violations.Select(v => (v.Rule, v.Subject, v.Description))),
        RuleViolationException rules =>
            RpcErrors.InvalidArgument(rules.Message, rules.Violations.Where(v => v.Kind == ViolationKind.Invalid).Select(v => (v.Subject, v.Description))),
        NotPermittedException denied => RpcErrors.WithReason(StatusCode.PermissionDenied, denied.Message, denied.Reason, ErrorDomain),
        NotFoundException notFound => RpcErrors.NotFound(notFound.ResourceType, notFound.Resource, notFound.Message),
        AlreadyExistsException exists => RpcErrors.AlreadyExists(AgreementType, exists.Resource, exists.Message),
        VersionConflictException conflict => RpcErrors.WithReason(StatusCode.Aborted, conflict.Message, "STALE_VERSION", ErrorDomain, new Dictionary<string, string>
        {
            ["agreement_id"] = conflict.AgreementId, ["current_version"] = conflict.CurrentVersion.ToString(CultureInfo.InvariantCulture),
        }),
        TooLargeException => RpcErrors.ResourceExhausted(exception.Message, "content"),
        _ => new Google.Rpc.Status { Code = (int)StatusCode.Internal, Message = exception.Message },
    };
}
