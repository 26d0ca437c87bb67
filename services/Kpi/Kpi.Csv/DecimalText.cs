namespace Kpi.Csv;

/// <summary>Decimal numbers between the file's German form ("-27,3") and the contract's ("-27.3").</summary>
internal static class DecimalText
{
    /// <summary>Null when <paramref name="text"/> is an optional sign, digits and at most one decimal comma with digits
    /// on both sides; otherwise why not.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return "is empty";
        var start = text[0] is '-' or '+' ? 1 : 0;
        var digitsBefore = 0;
        var digitsAfter = 0;
        var commaSeen = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (commaSeen) digitsAfter++; else digitsBefore++;
            }
            else if (c == ',')
            {
                if (commaSeen) return "has more than one decimal comma";
                commaSeen = true;
            }
            else if (c == '.')
                return "has a '.': the format takes a decimal comma and no thousands separator";
            else
                return $"has '{c}', which is not a digit, sign or decimal comma";
        }
        if (digitsBefore == 0 || (commaSeen && digitsAfter == 0)) return "is not a number";
        return null;
    }

    /// <summary>The contract's form of a number <see cref="Problem"/> accepted.</summary>
    public static string ToPoint(ReadOnlySpan<char> text)
    {
        if (text[0] == '+') text = text[1..];
        var comma = text.IndexOf(',');
        return comma < 0 ? text.ToString() : ReplaceComma(text, comma);
    }

    private static string ReplaceComma(ReadOnlySpan<char> text, int comma)
    {
        Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        text.CopyTo(buffer);
        buffer[comma] = '.';
        return new string(buffer);
    }
}
