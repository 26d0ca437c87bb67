namespace Kpi.Computation;

// A group's figures pool the members' numerators and denominators (DOMAIN.md § 3), which is the same as computing
// them on the sums of the members' base quantities.
internal static class Pooling
{
    public static QuantityTable Pool(IReadOnlyList<IQuantitySeries> members, IEnumerable<string> codes, YearMonth from, YearMonth to)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(codes);
        var pooled = new QuantityTable();
        if (members.Count == 0)
        {
            return pooled;
        }

        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            for (var month = from; month <= to; month = month.AddMonths(1))
            {
                if (TrySumOverMembers(members, code, month, out var sum))
                {
                    pooled.Set(code, month, sum);
                }
            }
        }

        return pooled;
    }

    private static bool TrySumOverMembers(IReadOnlyList<IQuantitySeries> members, string code, YearMonth month, out Rational sum)
    {
        sum = Rational.Zero;
        foreach (var member in members)
        {
            if (!member.TryGet(code, month, out var value))
            {
                return false;
            }

            sum += value;
        }

        return true;
    }
}
