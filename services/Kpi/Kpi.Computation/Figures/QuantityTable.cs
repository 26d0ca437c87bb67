namespace Kpi.Computation;

/// <summary>An <see cref="IQuantitySeries"/> in memory: per code a dense array over the months, so a lookup is one dictionary hit and an index.</summary>
public sealed class QuantityTable : IQuantitySeries
{
    private readonly Dictionary<string, QuantityColumn> _columns = new(StringComparer.Ordinal);

    public IEnumerable<string> Codes => _columns.Keys;

    /// <summary>Sets the value of a code in a month, replacing any earlier one.</summary>
    public void Set(string code, YearMonth month, Rational value)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!_columns.TryGetValue(code, out var column))
        {
            column = new QuantityColumn();
            _columns.Add(code, column);
        }

        column.Set(month.Ordinal, value);
    }

    public bool TryGet(string code, YearMonth month, out Rational value)
    {
        if (_columns.TryGetValue(code, out var column))
        {
            return column.TryGet(month.Ordinal, out value);
        }

        value = Rational.Zero;
        return false;
    }

    /// <summary>The pooled group: per code and month the sum over the members; missing when any member misses it.</summary>
    public static QuantityTable Pool(IReadOnlyList<IQuantitySeries> members, IEnumerable<string> codes, YearMonth from, YearMonth to) =>
        Pooling.Pool(members, codes, from, to);

    internal QuantityColumn? Column(string code) => _columns.GetValueOrDefault(code);
}
