using System.Globalization;

namespace Kpi.Computation;

/// <summary>A calendar month, written "yyyy-MM" ("2018-01").</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public int Year { get; } = Year is >= 1 and <= 9999 ? Year : throw new ArgumentOutOfRangeException(nameof(Year), Year, "A year is 1…9999.");

    public int Month { get; } = Month is >= 1 and <= 12 ? Month : throw new ArgumentOutOfRangeException(nameof(Month), Month, "A month is 1…12.");

    /// <summary>Months since January of year 0: consecutive months have consecutive ordinals.</summary>
    internal int Ordinal => Year * 12 + Month - 1;

    internal static YearMonth FromOrdinal(int ordinal) => new(ordinal / 12, ordinal % 12 + 1);

    /// <summary>Exactly "yyyy-MM" with a month 01…12 and a year from 0001.</summary>
    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (text is not { Length: 7 } || text[4] != '-' || !IsDigits(text.AsSpan(0, 4)) || !IsDigits(text.AsSpan(5, 2)))
        {
            return false;
        }

        var year = int.Parse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12)
        {
            return false;
        }

        value = new YearMonth(year, month);
        return true;
    }

    public static YearMonth Parse(string text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a month written yyyy-MM (such as \"2018-01\").");

    public YearMonth AddMonths(int months) => FromOrdinal(Ordinal + months);

    /// <summary>How many months lie from <paramref name="other"/> to this month (this − other).</summary>
    public int MonthsSince(YearMonth other) => Ordinal - other.Ordinal;

    public int CompareTo(YearMonth other) => Ordinal.CompareTo(other.Ordinal);

    public static bool operator <(YearMonth a, YearMonth b) => a.Ordinal < b.Ordinal;

    public static bool operator >(YearMonth a, YearMonth b) => a.Ordinal > b.Ordinal;

    public static bool operator <=(YearMonth a, YearMonth b) => a.Ordinal <= b.Ordinal;

    public static bool operator >=(YearMonth a, YearMonth b) => a.Ordinal >= b.Ordinal;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
