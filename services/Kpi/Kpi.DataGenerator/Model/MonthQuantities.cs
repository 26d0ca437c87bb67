namespace Kpi.DataGenerator.Model;

/// <summary>One jobcenter's base quantities of one month: counts (and EUR) by quantity, sex and data basis. For counts
/// women + men = total exactly.</summary>
internal sealed class MonthQuantities(int month)
{
    public const int Total = 0, Women = 1, Men = 2;
    public const int Final = 0, T0 = 1;

    private readonly long[] _values = new long[Quantities.Count * 3 * 2];

    public int Month { get; } = month;

    public long this[Quantity quantity, int sex, int basis]
    {
        get => _values[Index(quantity, sex, basis)];
        set => _values[Index(quantity, sex, basis)] = value;
    }

    public long Final_(Quantity quantity, int sex = Total) => this[quantity, sex, Final];

    private static int Index(Quantity quantity, int sex, int basis) => ((int)quantity * 3 + sex) * 2 + basis;
}
