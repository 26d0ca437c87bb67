namespace Kpi.Computation;

/// <summary>The monthly values of the base quantities of one subject (a jobcenter or a pooled group), one sex, one basis.</summary>
public interface IQuantitySeries
{
    bool TryGet(string code, YearMonth month, out Rational value);
}

/// <summary>
/// <see cref="IQuantitySeries"/> in memory: per code an array over the months from <see cref="Origin"/> on, so a
/// lookup is a dictionary hit and an index.
/// </summary>
public sealed class QuantityTable : IQuantitySeries
{
    private static readonly YearMonth Origin = new(2000, 1);
    private readonly Dictionary<string, Slot[]> _codes = new(StringComparer.Ordinal);

    public void Set(string code, YearMonth month, Rational value)
    {
        var index = month.MonthsSince(Origin);
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(month));
        if (!_codes.TryGetValue(code, out var slots) || slots.Length <= index)
        {
            var grown = new Slot[Math.Max(index + 1, Math.Max(32, (slots?.Length ?? 0) * 2))];
            slots?.CopyTo(grown, 0);
            slots = grown;
            _codes[code] = slots;
        }

        slots[index] = new Slot(value, true);
    }

    public bool TryGet(string code, YearMonth month, out Rational value)
    {
        var index = month.MonthsSince(Origin);
        if (index >= 0 && _codes.TryGetValue(code, out var slots) && index < slots.Length && slots[index].Present)
        {
            value = slots[index].Value;
            return true;
        }

        value = Rational.Zero;
        return false;
    }

    /// <summary>The pooled group: per code and month the members' sum, missing when any member misses it.</summary>
    public static QuantityTable Pool(IReadOnlyList<IQuantitySeries> members, IEnumerable<string> codes, YearMonth from, YearMonth to)
    {
        var pooled = new QuantityTable();
        foreach (var code in codes)
        {
            for (var month = from; month <= to; month = month.AddMonths(1))
            {
                var sum = Rational.Zero;
                var complete = members.Count > 0;
                foreach (var member in members)
                {
                    if (!member.TryGet(code, month, out var value))
                    {
                        complete = false;
                        break;
                    }

                    sum += value;
                }

                if (complete)
                {
                    pooled.Set(code, month, sum);
                }
            }
        }

        return pooled;
    }

    private readonly record struct Slot(Rational Value, bool Present);
}
