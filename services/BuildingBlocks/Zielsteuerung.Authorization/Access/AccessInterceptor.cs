using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Zielsteuerung.Authorization.Access;

/// <summary>
/// Enforces the <see cref="AccessRules"/> before any handler runs, deny by default: no rule → PERMISSION_DENIED; no
/// valid token → UNAUTHENTICATED saying why; the scope missing → PERMISSION_DENIED naming it; the party rule not met
/// (checked through <see cref="PartyRequirement"/>) → PERMISSION_DENIED naming the parties. Health and reflection stay
/// open. The server span gets the caller (<c>enduser.id</c> = client, <c>zielsteuerung.party</c>).
/// </summary>
/// <remarks>The first interceptor of every service (AddServiceDefaults adds it). An allowed call with a
/// scope-only rule costs two dictionary look-ups: the caller is parsed once per token.</remarks>
internal sealed partial class AccessInterceptor(
    AccessRules rules, IAuthorizationService authorization, IOptionsMonitor<JwtBearerOptions> jwt, ILogger<AccessInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var access = AuthorizeAsync(request, context);
        return access.IsCompletedSuccessfully ? Checked(access.Result, request, context, continuation) : AfterAsync(access, request, context, continuation);

        async Task<TResponse> AfterAsync(ValueTask<MethodAccess?> pending, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            await Checked(await pending, request, context, continuation);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var rule = await AuthorizeAsync<object>(null, context);
        var response = await continuation(requestStream, context);
        EnsurePartyChecked(rule, context);
        return response;
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var rule = await AuthorizeAsync(request, context);
        await continuation(request, responseStream, context);
        EnsurePartyChecked(rule, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var rule = await AuthorizeAsync<object>(null, context);
        await continuation(requestStream, responseStream, context);
        EnsurePartyChecked(rule, context);
    }

    private Task<TResponse> Checked<TRequest, TResponse>(MethodAccess? rule, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        if (rule?.Party != PartyRule.OfResource)
        {
            return continuation(request, context);
        }

        return CheckedAsync();

        async Task<TResponse> CheckedAsync()
        {
            var response = await continuation(request, context);
            EnsurePartyChecked(rule, context);
            return response;
        }
    }

    /// <summary>The method's rule once the caller passed it (null for health and reflection).</summary>
    private ValueTask<MethodAccess?> AuthorizeAsync<TRequest>(TRequest? request, ServerCallContext context) where TRequest : class
    {
        // The rule first (AccessRules holds none for open methods): an allowed call makes one look-up.
        var method = context.Method;
        var rule = rules.Find(method);
        if (rule is null)
        {
            if (AccessRules.IsOpen(method))
            {
                return ValueTask.FromResult<MethodAccess?>(null);
            }

            LogNoRule(method);
            throw AccessErrors.NoRule(context);
        }

        var http = context.GetHttpContext();
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return RefuseUnauthenticatedAsync(context);
        }

        // Tags only on a span that is recorded (each tag is an allocation).
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag("enduser.id", caller.ClientId).SetTag("zielsteuerung.party", caller.PartyId);
        }
        if (!caller.HasScope(rule.Scope))
        {
            throw AccessErrors.MissingScope(context, caller, rule);
        }

        var parties = request is null ? null : rule.Party.PartiesFor(request);
        return parties is null ? ValueTask.FromResult<MethodAccess?>(rule) : AuthorizePartiesAsync(rule, parties, context);
    }

    private async ValueTask<MethodAccess?> AuthorizePartiesAsync(MethodAccess rule, IReadOnlyCollection<string> parties, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var result = await authorization.AuthorizeAsync(http.User, new PartyResource(parties, rule.Path), PartyRequirement.Instance);
        return result.Succeeded ? rule : throw AccessErrors.WrongParty(context, result.Failure, parties);
    }

    private async ValueTask<MethodAccess?> RefuseUnauthenticatedAsync(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var options = jwt.Get(JwtBearerDefaults.AuthenticationScheme);
        if (!TrustsAnIssuer(options))
        {
            throw AccessErrors.Unauthenticated(context, new NoAuthenticationConfiguredException(), options.Audience ?? "");
        }

        // The handler caches its result per request: this reads why the token was refused, it does not validate again.
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        throw AccessErrors.Unauthenticated(context, result.Failure, options.Audience ?? "");
    }

    private static bool TrustsAnIssuer(JwtBearerOptions options) =>
        options.Authority is not null || options.MetadataAddress is not null || options.Configuration is not null
        || options.TokenValidationParameters.IssuerSigningKey is not null
        || options.TokenValidationParameters.IssuerSigningKeys?.Any() == true
        || options.TokenValidationParameters.IssuerSigningKeyResolver is not null;

    private void EnsurePartyChecked(MethodAccess? rule, ServerCallContext context)
    {
        if (rule?.Party == PartyRule.OfResource && !context.GetHttpContext().Items.ContainsKey(PartyAuthorization.CheckedKey))
        {
            LogPartyNotChecked(rule.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A call to {Method} was refused: the method has no access rule. Declare one in the service's ServiceAccess.")]
    private partial void LogNoRule(string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} is party-scoped by its resource, but the handler did not call AuthorizePartyAsync.")]
    private partial void LogPartyNotChecked(string method);
}
