using Grpc.Core;
using Identity.API.Grpc;
using Zielsteuerung.Parties.V1;

namespace Identity.API.Clients;

/// <summary>Asks the party registry whether a party exists, with the identity service's own token.</summary>
internal sealed class PartyDirectory(PartyRegistry.PartyRegistryClient registry)
{
    public async Task EnsureExistsAsync(string partyId, CancellationToken cancellationToken)
    {
        try
        {
            await registry.GetPartyAsync(new GetPartyRequest { Id = partyId }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        }
        catch (RpcException notFound) when (notFound.StatusCode is StatusCode.NotFound)
        {
            throw IdentityErrors.Precondition("PARTY_UNKNOWN", "party_id", $"'{partyId}' is not a party of the registry today.");
        }
        catch (RpcException failed) when (failed.StatusCode is not StatusCode.Cancelled)
        {
            throw IdentityErrors.Unavailable($"the party registry could not confirm party '{partyId}' ({failed.StatusCode}: {failed.Status.Detail}); retry shortly.");
        }
    }
}
