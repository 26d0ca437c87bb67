using System.Globalization;
using System.Numerics;

namespace Kpi.Computation;

public readonly partial struct Rational
{
    private const int MaximumTextLength = 100;

    /// <summary>
    /// Invariant decimal text: an optional sign, digits, and optionally a point followed by digits ("27.3", "-0.4",
    /// "10785", "+1", "0.000"). No exponent, no thousands separators, no decimal comma, no white space.
    /// </summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text) || text.Length > MaximumTextLength)
        {
            return false;
        }

        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (span[0] is '-' or '+')
        {
            span = span[1..];
        }

        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : span[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !IsAllDigits(whole) || !IsAllDigits(fraction))
        {
            return false;
        }

        // 18 digits always fit a long; longer texts go through BigInteger.
        if (whole.Length + fraction.Length <= 18)
        {
            var digits = Accumulate(Accumulate(0, whole), fraction);
            value = new Rational(negative ? -digits : digits, 1) / new Rational(PowerOfTen(fraction.Length), 1);
            return true;
        }

        var bigDigits = BigInteger.Parse(string.Concat(whole, fraction), NumberStyles.None, CultureInfo.InvariantCulture);
        value = FromBig(negative ? -bigDigits : bigDigits, BigInteger.Pow(10, fraction.Length));
        return true;
    }

    public static Rational Parse(string text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a decimal number with a point (such as \"27.3\", \"-0.4\" or \"10785\").");

    /// <summary>
    /// Rounded half away from zero to exactly <paramref name="decimals"/> digits after the point; a value that rounds
    /// to zero prints without a sign ("0.0", never "-0.0").
    /// </summary>
    public string ToDecimalString(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        var denominator = Denominator;
        var quotient = BigInteger.DivRem(BigInteger.Abs(Numerator) * BigInteger.Pow(10, decimals), denominator, out var remainder);
        if (remainder * 2 >= denominator)
        {
            quotient += BigInteger.One;
        }

        var digits = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var sign = Sign < 0 && !quotient.IsZero ? "-" : "";
        var integerDigits = digits.Length - decimals;
        return decimals == 0
            ? sign + digits
            : string.Concat(sign, digits.AsSpan(0, integerDigits), ".", digits.AsSpan(integerDigits));
    }

    /// <summary>The shortest exact decimal when the value terminates ("27.35", "-3"), else <see cref="ToDecimalString"/>(10).</summary>
    public string ToExactString() => DecimalPlaces is var places and >= 0 ? ToDecimalString(places) : ToDecimalString(10);

    /// <summary>
    /// The number of digits after the point of the exact decimal ("27.35" → 2, "-3" → 0), or -1 when the decimals
    /// never end (1/3): a reduced fraction terminates exactly when its denominator is 2^a·5^b, after max(a, b) digits.
    /// </summary>
    public int DecimalPlaces
    {
        get
        {
            var denominator = Denominator;
            var twos = 0;
            while (denominator.IsEven)
            {
                denominator >>= 1;
                twos++;
            }

            var fives = 0;
            while ((denominator % 5).IsZero)
            {
                denominator /= 5;
                fives++;
            }

            return denominator.IsOne ? Math.Max(twos, fives) : -1;
        }
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
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

    private static long Accumulate(long value, ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            value = value * 10 + (c - '0');
        }

        return value;
    }

    private static long PowerOfTen(int exponent)
    {
        var power = 1L;
        for (var i = 0; i < exponent; i++)
        {
            power *= 10;
        }

        return power;
    }
}
