using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Zielsteuerung.Authorization.Access;

/// <summary>The caller must act for one of the resource's parties.</summary>
public sealed class PartyRequirement : IAuthorizationRequirement
{
    public static PartyRequirement Instance { get; } = new();

    private PartyRequirement()
    {
    }
}

/// <summary>What a party-scoped call acts on: the parties it belongs to, and how to name it in a refusal.</summary>
public sealed record PartyResource(IReadOnlyCollection<string> Parties, string Description);

/// <summary>Compares the token's party with the resource's parties.</summary>
public sealed class PartyRequirementHandler : AuthorizationHandler<PartyRequirement, PartyResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PartyRequirement requirement, PartyResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        var caller = Caller.From(context.User);
        if (caller is null)
        {
            return Task.CompletedTask;
        }

        if (caller.PartyId.Length > 0 && resource.Parties.Contains(caller.PartyId, StringComparer.Ordinal))
        {
            context.Succeed(requirement);
        }
        else
        {
            var actsFor = caller.PartyId.Length > 0 ? $"acts for party '{caller.PartyId}'" : "acts for no party";
            var needed = resource.Parties.Count > 0 ? $"one of: {string.Join(", ", resource.Parties)}" : "a party, and the request names none";
            context.Fail(new AuthorizationFailureReason(this, $"client '{caller.ClientId}' {actsFor}; {resource.Description} needs {needed}."));
        }

        return Task.CompletedTask;
    }
}

/// <summary>The party check of a handler that loads its resource first (<see cref="PartyRule.OfResource"/>).</summary>
public static class PartyAuthorization
{
    internal const string CheckedKey = "Zielsteuerung.Authorization.PartyChecked";

    /// <summary>
    /// Throws PERMISSION_DENIED unless the caller acts for one of <paramref name="parties"/>, the parties of
    /// <paramref name="description"/> (e.g. "agreement nrw-zkt-2016"). Call it before changing anything.
    /// </summary>
    public static async Task AuthorizePartyAsync(this ServerCallContext context, IReadOnlyCollection<string> parties, string description)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(http.User, new PartyResource(parties, description), PartyRequirement.Instance);
        if (!result.Succeeded)
        {
            throw AccessErrors.WrongParty(context, result.Failure, parties);
        }

        http.Items[CheckedKey] = true;
    }
}
