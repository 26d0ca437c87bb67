using Authorization.Tests.Probe;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.IdentityModel.Tokens;
using System.Security.Cryptography;
using Zielsteuerung.Authorization.Access;
using Zielsteuerung.Testing;
using StatusCode = Grpc.Core.StatusCode;

namespace Authorization.Tests;

/// <summary>The access rules enforced before a handler runs, on a service built as Program.cs builds one.</summary>
public sealed class AccessInterceptorTests : IAsyncLifetime
{
    private ProbeHost _host = null!;

    public async Task InitializeAsync() => _host = await ProbeHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_caller_with_the_scope_gets_through_and_the_handler_sees_who_it_is()
    {
        var reply = await _host.Client.ReadAsync(new ProbeRequest(), ProbeHost.Bearer(_host.Token("jc-05554", "jc-05554", "kpi.read")));
        Assert.Equal("jc-05554 (jc-05554)", reply.Caller);
    }

    [Fact]
    public async Task No_token_is_unauthenticated_and_a_missing_scope_permission_denied_naming_it()
    {
        var none = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => _host.Client.ReadAsync(new ProbeRequest()));
        Assert.Equal("TOKEN_MISSING", none.Detail<ErrorInfo>().Reason);

        var denied = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => _host.Client.WriteAsync(new ProbeRequest(), ProbeHost.Bearer(_host.Token("jc-05554", "jc-05554", "kpi.read"))));
        Assert.Equal("kpi.deliver", denied.Detail<ErrorInfo>().Metadata["required_scope"]);
        Assert.Contains("has 'kpi.read'", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_of_another_key_audience_or_type_or_expired_are_refused_each_saying_why()
    {
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "probe-key" };
        Assert.Equal("TOKEN_SIGNATURE", await ReasonAsync(_host.Token("x", "ba", "kpi.read", key: otherKey)));
        Assert.Equal("WRONG_AUDIENCE", await ReasonAsync(_host.Token("x", "ba", "kpi.read", audience: "agreements")));
        Assert.Equal("TOKEN_EXPIRED", await ReasonAsync(_host.Token("x", "ba", "kpi.read", lifetime: TimeSpan.FromMinutes(-5))));
        Assert.Equal("TOKEN_MALFORMED", await ReasonAsync("eyJhbGciOi.garbage"));

        async Task<string> ReasonAsync(string token) =>
            (await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => _host.Client.ReadAsync(new ProbeRequest(), ProbeHost.Bearer(token)))).Detail<ErrorInfo>().Reason;
    }

    [Fact]
    public async Task A_fixed_party_rule_admits_only_that_party()
    {
        Assert.Equal("ba-statistik (ba)", (await _host.Client.DeliverAsync(new ProbeRequest(), ProbeHost.Bearer(_host.Token("ba-statistik", "ba", "kpi.deliver")))).Caller);

        var denied = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => _host.Client.DeliverAsync(new ProbeRequest(), ProbeHost.Bearer(_host.Token("jc-05554", "jc-05554", "kpi.deliver"))));
        var info = denied.Detail<ErrorInfo>();
        Assert.Equal("WRONG_PARTY", info.Reason);
        Assert.Equal("ba", info.Metadata["required_parties"]);
        Assert.Contains("acts for party 'jc-05554'", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_party_from_the_request_must_be_the_callers()
    {
        var borken = ProbeHost.Bearer(_host.Token("jc-05554", "jc-05554", "kpi.read"));
        Assert.Equal("jc-05554 (jc-05554)", (await _host.Client.ReadOwnAsync(new ProbeRequest { PartyId = "jc-05554" }, borken)).Caller);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _host.Client.ReadOwnAsync(new ProbeRequest { PartyId = "jc-05978" }, borken));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _host.Client.ReadOwnAsync(new ProbeRequest(), borken));
    }

    [Fact]
    public async Task A_resource_party_rule_lets_only_the_resources_parties_act_and_a_forgotten_check_is_logged()
    {
        Assert.Equal("kt-05554 (kt-05554)", (await _host.Client.SignAsync(new ProbeRequest(), ProbeHost.Bearer(_host.Token("kt-05554", "kt-05554", "agreements.sign")))).Caller);
        var denied = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => _host.Client.SignAsync(new ProbeRequest(), ProbeHost.Bearer(_host.Token("kt-05978", "kt-05978", "agreements.sign"))));
        Assert.Contains("agreement nrw-borken-2018 needs one of: mags-nrw, kt-05554", denied.Message, StringComparison.Ordinal);

        Assert.DoesNotContain(_host.Errors, e => e.Contains("SignCarelessly", StringComparison.Ordinal));
        await _host.Client.SignCarelesslyAsync(new ProbeRequest(), ProbeHost.Bearer(_host.Token("kt-05554", "kt-05554", "agreements.sign")));
        Assert.Contains(_host.Errors, e => e.Contains("SignCarelessly", StringComparison.Ordinal) && e.Contains("did not call AuthorizePartyAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Streaming_methods_are_checked_too()
    {
        using var call = _host.Client.Watch(new ProbeRequest());
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        var health = await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}

/// <summary>Deny by default at start-up and at declaration.</summary>
public sealed class AccessRuleDeclarationTests
{
    [Fact]
    public void A_service_whose_rules_leave_out_a_method_is_refused_when_declared()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => ServiceAccess.For(AccessProbe.Descriptor, rules => rules.Allow("kpi.read", "Read")));
        Assert.Contains("no access rule for Write", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_name_real_scopes_and_methods_once_and_no_request_party_for_streamed_requests()
    {
        Assert.Throws<ArgumentException>(() => ServiceAccess.For(AccessProbe.Descriptor, rules => rules.Allow("kpi.everything", "Read")));
        Assert.Throws<ArgumentException>(() => ServiceAccess.For(AccessProbe.Descriptor, rules => rules.Allow("kpi.read", "Reed")));
        Assert.Throws<ArgumentException>(() => ServiceAccess.For(AccessProbe.Descriptor, rules => rules.Allow("kpi.read", "Read").Allow("kpi.deliver", "Read")));
    }

    [Fact]
    public async Task A_service_mapped_without_rules_does_not_start()
    {
        var other = ServiceAccess.For(OtherProbe.Descriptor, rules => rules.Allow("kpi.read", "Ping"));
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => ProbeHost.StartAsync(other));
        Assert.Contains("/zielsteuerung.tests.v1.AccessProbe/Read", failed.Message, StringComparison.Ordinal);
    }
}
