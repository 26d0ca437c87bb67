using Ag = Zielsteuerung.Agreements.V1;

namespace Monitoring.API.Following;

/// <summary>An agreement's status as the agreements service's events name it ("in_force", "closed").</summary>
internal static class Tokens
{
    public static string Status(Ag.AgreementStatus status) =>
        Ag.AgreementsReflection.Descriptor.EnumTypes.First(e => e.Name == nameof(Ag.AgreementStatus)).FindValueByNumber((int)status)?.Name
            .Replace("AGREEMENT_STATUS_", "", StringComparison.Ordinal).ToLowerInvariant() ?? "";
}
