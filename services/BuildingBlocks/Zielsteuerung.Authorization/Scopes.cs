namespace Zielsteuerung.Authorization;

/// <summary>
/// The scopes a client can be granted: what it may do, per area. Each scope belongs to one service, whose name is the
/// audience of the tokens that carry it; a token is accepted only by the services of its scopes.
/// </summary>
public static class Scopes
{
    public const string PartiesRead = "parties.read";
    public const string PartiesWrite = "parties.write";
    public const string AgreementsRead = "agreements.read";
    public const string AgreementsWrite = "agreements.write";
    public const string AgreementsSign = "agreements.sign";
    public const string AgreementsMonitor = "agreements.monitor";
    public const string KpiRead = "kpi.read";
    public const string KpiDeliver = "kpi.deliver";
    public const string MonitoringRead = "monitoring.read";
    public const string MonitoringConfigure = "monitoring.configure";
    public const string IdentityAdmin = "identity.admin";

    /// <summary>Every scope with the audience (service) it is for and what it allows.</summary>
    public static IReadOnlyList<ScopeDefinition> All { get; } =
    [
        new(PartiesRead, Audiences.PartyRegistry, "read parties, their history and groups"),
        new(PartiesWrite, Audiences.PartyRegistry, "register parties, record changes, import party files"),
        new(AgreementsRead, Audiences.Agreements, "read agreements"),
        new(AgreementsWrite, Audiences.Agreements, "draft and negotiate agreements"),
        new(AgreementsSign, Audiences.Agreements, "sign agreements for the client's party"),
        new(AgreementsMonitor, Audiences.Agreements, "read every agreement, released or not (the monitoring service, which follows them all)"),
        new(KpiRead, Audiences.KpiIngestion, "read key figures"),
        new(KpiDeliver, Audiences.KpiIngestion, "deliver key figures"),
        new(MonitoringRead, Audiences.Monitoring, "read target attainment"),
        new(MonitoringConfigure, Audiences.Monitoring, "set how the monitoring judges an agreement the client's party drafted (its tolerance)"),
        new(IdentityAdmin, Audiences.Identity, "manage clients and signing keys"),
    ];

    /// <summary>The definition of <paramref name="scope"/>, or null for a scope that does not exist.</summary>
    public static ScopeDefinition? Find(string scope) => All.FirstOrDefault(s => s.Name == scope);
}

/// <summary>A scope, the audience of tokens that carry it, and what it allows.</summary>
public sealed record ScopeDefinition(string Name, string Audience, string Description);

/// <summary>The audiences: one per service, its resource name in the AppHost.</summary>
public static class Audiences
{
    public const string PartyRegistry = "party-registry";
    public const string Agreements = "agreements";
    public const string KpiIngestion = "kpi-ingestion";
    public const string Monitoring = "monitoring";
    public const string Identity = "identity";
}

/// <summary>The claims of an access token that the services read.</summary>
public static class CallerClaims
{
    /// <summary>The client the token was issued to (RFC 9068).</summary>
    public const string ClientId = "client_id";

    /// <summary>The party of the registry the client acts for, e.g. <c>mags-nrw</c> or <c>jc-05554</c>.</summary>
    public const string Party = "party";

    /// <summary>The granted scopes, space-separated (RFC 9068).</summary>
    public const string Scope = "scope";
}
