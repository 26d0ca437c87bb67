using System.Globalization;
using PartyRegistry.API.Application;
using PartyRegistry.API.Model;
using Grpc.Core;
using Zielsteuerung.ServiceDefaults;

namespace PartyRegistry.API.Grpc;

/// <summary>
/// Turns the registry's refusals into gRPC statuses with google.rpc details, in one place
/// (https://grpc.io/docs/guides/error/#richer-error-model):
/// NOT_FOUND / ALREADY_EXISTS + ResourceInfo, INVALID_ARGUMENT + BadRequest, FAILED_PRECONDITION + PreconditionFailure
/// (subject = field path), ABORTED + ErrorInfo (metadata current_version).
/// </summary>
internal sealed class RegistryErrorInterceptor : DomainErrorInterceptor<RegistryException>
{
    public const string ErrorDomain = "parties.zielsteuerung";
    private const string PartyResourceType = "zielsteuerung.parties.v1.Party";

    protected override Google.Rpc.Status ToStatus(RegistryException exception) => exception switch
    {
        PartyNotFoundException notFound => RpcErrors.NotFound(PartyResourceType, notFound.PartyId, notFound.Message),
        PartyAlreadyExistsException exists => RpcErrors.AlreadyExists(PartyResourceType, exists.Resource, exists.Message),
        VersionConflictException conflict => RpcErrors.WithReason(StatusCode.Aborted, conflict.Message, "STALE_VERSION", ErrorDomain,
            conflict.CurrentVersion is { } current
                ? new Dictionary<string, string> { ["party_id"] = conflict.PartyId, ["current_version"] = current.ToString(CultureInfo.InvariantCulture) }
                : new Dictionary<string, string> { ["party_id"] = conflict.PartyId }),
        RuleViolationException { IsPrecondition: true } rules =>
            RpcErrors.FailedPrecondition(rules.Message, rules.Violations.Select(v => ("PARTY_RULE", v.Field, v.Description))),
        RuleViolationException rules =>
            RpcErrors.InvalidArgument(rules.Message, rules.Violations.Where(v => v.Kind == ViolationKind.Invalid).Select(v => (v.Field, v.Description))),
        ImportRejectedException import => RpcErrors.InvalidArgument(import.Message,
            import.Errors.Select(e => ($"content.lines[{e.Line.ToString(CultureInfo.InvariantCulture)}].{e.Field}", e.Description))),
        _ => new Google.Rpc.Status { Code = (int)StatusCode.Internal, Message = exception.Message },
    };
}
