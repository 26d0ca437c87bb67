using System.Globalization;
using System.Numerics;
using System.Text;

namespace Kpi.Computation;

/// <summary>
/// An exact rational number (numerator / denominator on <see cref="BigInteger"/>, always in lowest terms, denominator
/// positive): sums, means and ratios of the Kennzahlen without binary floating point, so a change of exactly 0 % is 0.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _numerator;
    private readonly BigInteger _denominatorMinusOne;   // so that default(Rational) is 0 / 1

    private Rational(BigInteger integer)
    {
        _numerator = integer;
        _denominatorMinusOne = BigInteger.Zero;
    }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("a rational number's denominator cannot be 0.");
        }

        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        if (!denominator.IsOne)
        {
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!gcd.IsOne && !gcd.IsZero)
            {
                numerator /= gcd;
                denominator /= gcd;
            }
        }

        _numerator = numerator;
        _denominatorMinusOne = (numerator.IsZero ? BigInteger.One : denominator) - BigInteger.One;
    }

    public BigInteger Numerator => _numerator;

    public BigInteger Denominator => _denominatorMinusOne + BigInteger.One;

    public static Rational Zero { get; } = new(BigInteger.Zero);

    public static Rational One { get; } = new(BigInteger.One);

    public static Rational Hundred { get; } = new(new BigInteger(100));

    public int Sign => _numerator.Sign;

    public bool IsZero => _numerator.IsZero;

    public bool IsInteger => _denominatorMinusOne.IsZero;

    public static implicit operator Rational(long value) => new(new BigInteger(value));

    public static Rational operator +(Rational a, Rational b) => a.IsInteger && b.IsInteger
        ? new Rational(a._numerator + b._numerator)
        : new Rational(a._numerator * b.Denominator + b._numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator -(Rational a) => a.IsInteger ? new Rational(-a._numerator) : new Rational(-a._numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => a.IsInteger && b.IsInteger
        ? new Rational(a._numerator * b._numerator)
        : new Rational(a._numerator * b._numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) => b.IsZero
        ? throw new DivideByZeroException("division of a rational number by 0.")
        : new Rational(a._numerator * b.Denominator, a.Denominator * b._numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public bool Equals(Rational other) => _numerator == other._numerator && _denominatorMinusOne == other._denominatorMinusOne;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_numerator, _denominatorMinusOne);

    public int CompareTo(Rational other) => (_numerator * other.Denominator).CompareTo(other._numerator * Denominator);

    /// <summary>The arithmetic mean.</summary>
    public static Rational Mean(IReadOnlyCollection<Rational> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("the mean of no values is undefined.", nameof(values));
        }

        var sum = Zero;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Count;
    }

    /// <summary>Invariant decimal text: an optional sign, digits, an optional point with digits ("27.3", "-0.4", "+1", "0.000").</summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 60)
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
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction))
        {
            return false;
        }

        var digits = BigInteger.Parse(string.Concat(whole, fraction), NumberStyles.None, CultureInfo.InvariantCulture);
        value = new Rational(negative ? -digits : digits, BigInteger.Pow(10, fraction.Length));
        return true;
    }

    public static Rational Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a decimal number with a point (e.g. \"27.3\").");

    /// <summary>Rounded half away from zero to exactly <paramref name="decimals"/> places; a value that rounds to zero prints without a sign.</summary>
    public string ToDecimalString(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        var scale = BigInteger.Pow(10, decimals);
        var scaled = BigInteger.Abs(_numerator) * scale;
        var denominator = Denominator;
        var quotient = BigInteger.DivRem(scaled, denominator, out var remainder);
        if (remainder * 2 >= denominator)
        {
            quotient += BigInteger.One;
        }

        var digits = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = new StringBuilder();
        if (_numerator.Sign < 0 && !quotient.IsZero)
        {
            text.Append('-');
        }

        text.Append(digits, 0, digits.Length - decimals);
        if (decimals > 0)
        {
            text.Append('.').Append(digits, digits.Length - decimals, decimals);
        }

        return text.ToString();
    }

    /// <summary>The number of decimal places of a terminating value ("27.35" → 2), or -1 when its decimals never end (1/3).</summary>
    public int DecimalPlaces
    {
        get
        {
            var denominator = Denominator;
            var twos = 0;
            var fives = 0;
            while (denominator.IsEven)
            {
                denominator /= 2;
                twos++;
            }

            while ((denominator % 5).IsZero)
            {
                denominator /= 5;
                fives++;
            }

            return denominator.IsOne ? Math.Max(twos, fives) : -1;
        }
    }

    /// <summary>The exact decimal when the value terminates ("27.35", "-3", "0"), else <see cref="ToDecimalString"/>(10).</summary>
    public string ToExactString() => DecimalPlaces is var places and >= 0 ? ToDecimalString(places) : ToDecimalString(10);

    public override string ToString() => ToExactString();

    private static bool AllDigits(ReadOnlySpan<char> text)
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
