using System.Text;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Aspire.Hosting.Testing;
using Zielsteuerung.Identity.V1;
using Zielsteuerung.Parties.V1;
using Zielsteuerung.Testing;
using StatusCode = Grpc.Core.StatusCode;

namespace PartyRegistry.Tests.Integration;

/// <summary>
/// Every registry method needs a valid token of the identity service with the method's scope; health and reflection
/// answer without one; changes record the caller from the token.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class AccessTests(RegistryFixture fixture)
{
    private static readonly GetPartyRequest Borken = new() { Id = "jc-05554" };

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_and_says_how_to_get_one()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => fixture.ClientWith(null).GetPartyAsync(Borken));
        Assert.Equal("TOKEN_MISSING", status.Detail<ErrorInfo>().Reason);
        Assert.Contains("authorization: Bearer", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_is_not_a_token()
    {
        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => fixture.ClientWith("not-a-jwt").GetPartyAsync(Borken));
        Assert.Equal("TOKEN_MALFORMED", status.Detail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task A_token_whose_payload_was_changed_fails_its_signature()
    {
        var token = await fixture.Tokens.GetAsync("jc-05554", "parties.read");
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url(parts[1])).Replace("\"jc-05554\"", "\"mags-nrw\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}";

        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => fixture.ClientWith(forged).GetPartyAsync(Borken));
        Assert.Equal("TOKEN_SIGNATURE", status.Detail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task A_token_for_another_service_is_refused_naming_the_audience()
    {
        var adminToken = await fixture.Tokens.GetAsync("platform-admin", "identity.admin");
        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => fixture.ClientWith(adminToken).GetPartyAsync(Borken));
        Assert.Equal("WRONG_AUDIENCE", status.Detail<ErrorInfo>().Reason);
        Assert.Contains("is for 'identity', not for 'party-registry'", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var identity = GrpcChannel.ForAddress(fixture.Topology.App.GetEndpoint("identity", "grpc"));
        var admin = new ClientAdmin.ClientAdminClient(identity);
        var adminCall = DevelopmentTokens.Bearer(await fixture.Tokens.GetAsync("platform-admin", "identity.admin"));
        var clientId = "short-lived-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await admin.RegisterClientAsync(
            new RegisterClientRequest { ClientId = clientId, PartyId = "jc-05554", Scopes = { "parties.read" }, AccessTokenLifetimeSeconds = 1 }, adminCall);
        var token = await fixture.Tokens.GetWithSecretAsync(clientId, registered.ClientSecret);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => fixture.ClientWith(token).GetPartyAsync(Borken));
        Assert.Equal("TOKEN_EXPIRED", status.Detail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task A_reader_may_read_but_not_write_and_is_told_which_scope_is_missing()
    {
        var reader = fixture.ClientWith(await fixture.Tokens.GetAsync("jc-05554"));
        Assert.Equal("jc-05554", (await reader.GetPartyAsync(Borken)).Id);

        var status = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => reader.RegisterPartyAsync(Carrier(TestParties.NextAgs())));
        var info = status.Detail<ErrorInfo>();
        Assert.Equal("MISSING_SCOPE", info.Reason);
        Assert.Equal("parties.write", info.Metadata["required_scope"]);
        Assert.Contains("'parties.write'", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_reflection_answer_without_a_token()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Topology.App.GetEndpoint("party-registry", "grpc"));
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = Zielsteuerung.Parties.V1.PartyRegistry.Descriptor.FullName });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var reflection = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains(reflection.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == Zielsteuerung.Parties.V1.PartyRegistry.Descriptor.FullName);
    }

    [Fact]
    public async Task A_change_records_the_client_of_the_token_as_its_author()
    {
        var party = await fixture.Client.RegisterPartyAsync(Carrier(TestParties.NextAgs()));
        await fixture.Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = party.Id, ExpectedVersion = party.Version, EffectiveDate = "2021-01-01", Reason = "Umbenennung", Name = "Umbenannter Kreis",
        });

        var history = await fixture.Client.ListPartyHistoryAsync(new ListPartyHistoryRequest { Id = party.Id });
        Assert.All(history.Changes, change => Assert.Equal("mags-nrw (mags-nrw)", change.RecordedBy));
    }

    private static RegisterPartyRequest Carrier(string ags) => new()
    {
        Id = "kt-" + ags, Kind = PartyKind.MunicipalCarrier, Name = "Testkreis " + ags, Ags = ags, ValidFrom = "2020-01-01",
    };

    private static byte[] Base64Url(string value) =>
        Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/') + new string('=', (4 - value.Length % 4) % 4));
}
