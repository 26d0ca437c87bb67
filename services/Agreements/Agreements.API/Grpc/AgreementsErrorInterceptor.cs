using System.Globalization;
using Agreements.API.Model;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Agreements.API.Grpc;

/// <summary>
/// The service's refusals as gRPC statuses with google.rpc details, in one place: INVALID_ARGUMENT + BadRequest,
/// FAILED_PRECONDITION + PreconditionFailure (type = rule, subject = party or field), PERMISSION_DENIED + ErrorInfo,
/// NOT_FOUND / ALREADY_EXISTS + ResourceInfo, ABORTED + ErrorInfo (current_version), RESOURCE_EXHAUSTED.
/// </summary>
internal sealed class AgreementsErrorInterceptor : Interceptor
{
    public const string ErrorDomain = "agreements.zielsteuerung";
    private const string AgreementType = "zielsteuerung.agreements.v1.Agreement";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (AgreementException e)
        {
            throw ToStatus(e).ToRpcException();
        }
    }

    public static Google.Rpc.Status ToStatus(AgreementException exception)
    {
        var status = new Google.Rpc.Status { Message = exception.Message };
        switch (exception)
        {
            case RuleViolationException { IsPrecondition: true } rules:
                status.Code = (int)StatusCode.FailedPrecondition;
                status.Details.Add(Any.Pack(new PreconditionFailure
                {
                    Violations = { rules.Violations.Select(v => new PreconditionFailure.Types.Violation { Type = v.Rule, Subject = v.Subject, Description = v.Description }) },
                }));
                break;
            case RuleViolationException rules:
                status.Code = (int)StatusCode.InvalidArgument;
                status.Details.Add(Any.Pack(new BadRequest
                {
                    FieldViolations =
                    {
                        rules.Violations.Where(v => v.Kind == ViolationKind.Invalid)
                            .Select(v => new BadRequest.Types.FieldViolation { Field = v.Subject, Description = v.Description }),
                    },
                }));
                break;
            case NotPermittedException denied:
                status.Code = (int)StatusCode.PermissionDenied;
                status.Details.Add(Any.Pack(new ErrorInfo { Reason = denied.Reason, Domain = ErrorDomain }));
                break;
            case NotFoundException notFound:
                status.Code = (int)StatusCode.NotFound;
                status.Details.Add(Any.Pack(new ResourceInfo { ResourceType = notFound.ResourceType, ResourceName = notFound.Resource, Description = notFound.Message }));
                break;
            case AlreadyExistsException exists:
                status.Code = (int)StatusCode.AlreadyExists;
                status.Details.Add(Any.Pack(new ResourceInfo { ResourceType = AgreementType, ResourceName = exists.Resource, Description = exists.Message }));
                break;
            case VersionConflictException conflict:
                status.Code = (int)StatusCode.Aborted;
                status.Details.Add(Any.Pack(new ErrorInfo
                {
                    Reason = "STALE_VERSION",
                    Domain = ErrorDomain,
                    Metadata = { ["agreement_id"] = conflict.AgreementId, ["current_version"] = conflict.CurrentVersion.ToString(CultureInfo.InvariantCulture) },
                }));
                break;
            case TooLargeException:
                status.Code = (int)StatusCode.ResourceExhausted;
                status.Details.Add(Any.Pack(new QuotaFailure
                {
                    Violations = { new QuotaFailure.Types.Violation { Subject = "content", Description = exception.Message } },
                }));
                break;
            default:
                status.Code = (int)StatusCode.Internal;
                break;
        }

        return status;
    }
}
