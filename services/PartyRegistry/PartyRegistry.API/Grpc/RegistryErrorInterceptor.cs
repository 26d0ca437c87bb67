using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using PartyRegistry.API.Application;
using PartyRegistry.API.Model;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PartyRegistry.API.Grpc;

/// <summary>
/// Turns the registry's refusals into gRPC statuses with google.rpc details, in one place
/// (https://grpc.io/docs/guides/error/#richer-error-model):
/// NOT_FOUND / ALREADY_EXISTS + ResourceInfo, INVALID_ARGUMENT + BadRequest, FAILED_PRECONDITION + PreconditionFailure
/// (subject = field path), ABORTED + ErrorInfo (metadata current_version).
/// </summary>
internal sealed class RegistryErrorInterceptor : Interceptor
{
    public const string ErrorDomain = "parties.zielsteuerung";
    private const string PartyResourceType = "zielsteuerung.parties.v1.Party";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Task<TResponse> call;
        try
        {
            call = continuation(request, context);
        }
        catch (RegistryException e)
        {
            throw ToStatus(e).ToRpcException();
        }

        // A call answered from the in-process cache is complete already: no state machine on the hot path.
        return call.IsCompletedSuccessfully ? call : AwaitAsync(call);
    }

    private static async Task<TResponse> AwaitAsync<TResponse>(Task<TResponse> call)
    {
        try
        {
            return await call;
        }
        catch (RegistryException e)
        {
            throw ToStatus(e).ToRpcException();
        }
    }

    public static Google.Rpc.Status ToStatus(RegistryException exception)
    {
        var status = new Google.Rpc.Status { Message = exception.Message };
        switch (exception)
        {
            case PartyNotFoundException notFound:
                status.Code = (int)StatusCode.NotFound;
                status.Details.Add(Any.Pack(new ResourceInfo
                {
                    ResourceType = PartyResourceType, ResourceName = notFound.PartyId, Description = notFound.Message,
                }));
                break;
            case PartyAlreadyExistsException exists:
                status.Code = (int)StatusCode.AlreadyExists;
                status.Details.Add(Any.Pack(new ResourceInfo
                {
                    ResourceType = PartyResourceType, ResourceName = exists.Resource, Description = exists.Message,
                }));
                break;
            case VersionConflictException conflict:
                status.Code = (int)StatusCode.Aborted;
                var info = new ErrorInfo { Reason = "STALE_VERSION", Domain = ErrorDomain, Metadata = { ["party_id"] = conflict.PartyId } };
                if (conflict.CurrentVersion is { } current)
                {
                    info.Metadata["current_version"] = current.ToString(CultureInfo.InvariantCulture);
                }

                status.Details.Add(Any.Pack(info));
                break;
            case RuleViolationException { IsPrecondition: true } rules:
                status.Code = (int)StatusCode.FailedPrecondition;
                status.Details.Add(Any.Pack(new PreconditionFailure
                {
                    Violations =
                    {
                        rules.Violations.Select(v => new PreconditionFailure.Types.Violation
                        {
                            Type = "PARTY_RULE", Subject = v.Field, Description = v.Description,
                        }),
                    },
                }));
                break;
            case RuleViolationException rules:
                status.Code = (int)StatusCode.InvalidArgument;
                status.Details.Add(Any.Pack(BadRequest(rules.Violations.Where(v => v.Kind == ViolationKind.Invalid)
                    .Select(v => (v.Field, v.Description)))));
                break;
            case ImportRejectedException import:
                status.Code = (int)StatusCode.InvalidArgument;
                status.Details.Add(Any.Pack(BadRequest(import.Errors.Select(e =>
                    ($"content.lines[{e.Line.ToString(CultureInfo.InvariantCulture)}].{e.Field}", e.Description)))));
                break;
            default:
                status.Code = (int)StatusCode.Internal;
                break;
        }

        return status;
    }

    private static BadRequest BadRequest(IEnumerable<(string Field, string Description)> violations) => new()
    {
        FieldViolations = { violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }) },
    };
}
