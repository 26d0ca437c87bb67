using System.Globalization;

namespace Kpi.Computation;

/// <summary>A calendar month, "yyyy-MM".</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    private int Index => Year * 12 + Month - 1;

    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || month is < 1 or > 12 || year < 1)
        {
            return false;
        }

        value = new YearMonth(year, month);
        return true;
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a month yyyy-MM.");

    public YearMonth AddMonths(int months)
    {
        var index = Index + months;
        return new YearMonth(index / 12, index % 12 + 1);
    }

    /// <summary>How many months lie from <paramref name="other"/> to this one (this − other).</summary>
    public int MonthsSince(YearMonth other) => Index - other.Index;

    public int CompareTo(YearMonth other) => Index.CompareTo(other.Index);

    public static bool operator <(YearMonth a, YearMonth b) => a.Index < b.Index;

    public static bool operator >(YearMonth a, YearMonth b) => a.Index > b.Index;

    public static bool operator <=(YearMonth a, YearMonth b) => a.Index <= b.Index;

    public static bool operator >=(YearMonth a, YearMonth b) => a.Index >= b.Index;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
