using Kpi.Computation;

namespace Monitoring.Reporting;

/// <summary>A member of a comparison group and its value; null when the member has no value for the month.</summary>
public sealed record PeerValue(string JobcenterId, Rational? Value);

/// <summary>Where one jobcenter stands among the members that have a value.</summary>
/// <param name="Value">The jobcenter's own value; null when it has none (then Rank, Quartile and DistanceToMedian are null too).</param>
/// <param name="Rank">1 = best; tied values share the better rank and the next rank is skipped (1, 2, 2, 4).</param>
/// <param name="Ranked">How many members have a value (the jobcenter included when it has one).</param>
/// <param name="Quartile">1 … 4 by the share of ranked members strictly ahead: under 25 % → 1, under 50 % → 2, under 75 % → 3,
/// else 4 (⌊4 · (rank − 1) / ranked⌋ + 1); so the best is always in 1 and tied members share a quartile.</param>
/// <param name="Median">Of the members with a value: the middle one, or the mean of the two middle ones.</param>
/// <param name="DistanceToMedian">Value − median: positive is above the median (better only when higher is better).</param>
/// <param name="WithoutValue">Members left out for want of a value.</param>
public sealed record PeerPosition(Rational? Value, int? Rank, int Ranked, int? Quartile, Rational? Median, Rational? DistanceToMedian, int WithoutValue);

public static class PeerRanking
{
    /// <summary>The position of <paramref name="jobcenterId"/> among <paramref name="members"/> (which include it).</summary>
    /// <exception cref="ArgumentException">The jobcenter is not a member, or a member appears twice.</exception>
    public static PeerPosition Position(string jobcenterId, IReadOnlyList<PeerValue> members, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(jobcenterId);
        ArgumentNullException.ThrowIfNull(members);
        if (members.GroupBy(m => m.JobcenterId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"{twice.Key} is a member twice.", nameof(members));
        }

        var own = members.FirstOrDefault(m => m.JobcenterId == jobcenterId)
            ?? throw new ArgumentException($"{jobcenterId} is not among the members.", nameof(jobcenterId));
        var values = members.Where(m => m.Value is not null).Select(m => m.Value!.Value).Order().ToList();
        var withoutValue = members.Count - values.Count;
        var median = Median(values);
        if (own.Value is not { } value)
        {
            return new PeerPosition(null, null, values.Count, null, median, null, withoutValue);
        }

        var better = values.Count(v => higherIsBetter ? v > value : v < value);
        var rank = better + 1;
        var quartile = 4 * better / values.Count + 1;
        return new PeerPosition(value, rank, values.Count, quartile, median, value - median!.Value, withoutValue);
    }

    private static Rational? Median(List<Rational> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    };
}
