using Kpi.Computation;

namespace Monitoring.Reporting;

/// <summary>How numbers are written for one output: the HTML for people, the CSV for spreadsheets.</summary>
/// <param name="Minus">The typographic minus (U+2212) for people, the hyphen-minus for programs.</param>
/// <param name="UnitSpace">Between a number and its unit: a narrow no-break space, so "29,8 %" never breaks.</param>
internal sealed record NumberStyle(string Minus, bool GroupThousands, string UnitSpace)
{
    public static NumberStyle Html { get; } = new("\u2212", true, "\u202F");

    public static NumberStyle Csv { get; } = new("-", false, " ");
}

/// <summary>
/// de-DE numbers from exact values: decimal comma, thousands dot, rounded half away from zero. Written by hand rather
/// than with CultureInfo("de-DE") so that the output does not depend on the machine's ICU data (its percent pattern
/// and minus sign have changed between versions).
/// </summary>
internal static class GermanNumbers
{
    /// <param name="signed">Write "+" before positive values (changes, gaps); a value that rounds to 0 has no sign.</param>
    public static string Number(Rational value, int decimals, NumberStyle style, bool signed = false)
    {
        var invariant = value.ToDecimalString(decimals);
        var negative = invariant.StartsWith('-');
        var digits = negative ? invariant[1..] : invariant;
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? "" : "," + digits[(point + 1)..];
        var sign = negative ? style.Minus : signed && IsNonZero(digits) ? "+" : "";
        return sign + (style.GroupThousands ? Group(whole) : whole) + fraction;
    }

    public static string WithUnit(Rational value, int decimals, string? unit, NumberStyle style, bool signed = false) =>
        unit is null ? Number(value, decimals, style, signed) : Number(value, decimals, style, signed) + style.UnitSpace + unit;

    /// <summary>A change against the prior year: one decimal, signed, in %.</summary>
    public static string Change(Rational percent, NumberStyle style) => WithUnit(percent, 1, "%", style, signed: true);

    /// <summary>
    /// For programs: the exact decimal with a decimal comma when it has at most <paramref name="maxDecimals"/> places
    /// ("3503", "29,8", "-0,25"), else rounded to that many ("512,3333" for 1537 / 3); no thousands separator.
    /// </summary>
    public static string Plain(Rational value, int maxDecimals = 4)
    {
        var places = value.DecimalPlaces is var exact and >= 0 && exact <= maxDecimals ? exact : maxDecimals;
        return value.ToDecimalString(places).Replace('.', ',');
    }

    private static bool IsNonZero(string digits) => digits.Any(c => c is >= '1' and <= '9');

    private static string Group(string whole)
    {
        if (whole.Length <= 3)
        {
            return whole;
        }

        var head = whole.Length % 3;
        var groups = new List<string>();
        if (head > 0)
        {
            groups.Add(whole[..head]);
        }

        for (var i = head; i < whole.Length; i += 3)
        {
            groups.Add(whole.Substring(i, 3));
        }

        return string.Join('.', groups);
    }
}
