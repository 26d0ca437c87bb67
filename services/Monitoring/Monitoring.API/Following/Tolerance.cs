using Kpi.Computation;

namespace Monitoring.API.Following;

/// <summary>An agreement's tolerance as stored ("0", "0.5"): how far a forecast may miss a target and still be on track.</summary>
internal static class Tolerance
{
    /// <summary>The largest tolerance: ten points (or units) would make nearly any target "on track".</summary>
    public static readonly Rational Max = new(10, 1);

    public static Rational Parse(string? stored) => stored is { Length: > 0 } && Rational.TryParse(stored, out var value) ? value : Rational.Zero;

    /// <summary>The line's tolerance: its quantitative target's, or none.</summary>
    public static Rational? Of(TargetDefinition line) => line.Model is { Kind: Monitoring.Attainment.GoalKind.Quantitative } model ? model.TolerancePoints : null;
}

/// <summary>A result was computed with another tolerance than the one stored meanwhile: the event is retried.</summary>
internal sealed class ToleranceChangedException(string agreementId)
    : Exception($"The tolerance of agreement {agreementId} changed while its lines were computed; computing again.");
