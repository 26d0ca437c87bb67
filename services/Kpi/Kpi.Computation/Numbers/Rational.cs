using System.Numerics;

namespace Kpi.Computation;

/// <summary>
/// An exact rational number, always in lowest terms with a positive denominator, so a change of exactly 0 % is 0 and
/// not -0.0 or 1e-15. Values whose numerator and denominator fit in a <see cref="long"/> are kept as longs (the common
/// case: counts, cents, their means); larger ones as <see cref="BigInteger"/>s.
/// </summary>
public readonly partial struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly long _numerator;
    private readonly long _denominatorMinusOne;   // so that default(Rational) is 0 / 1
    private readonly BigFraction? _big;           // set only when the value does not fit the longs

    private Rational(long numerator, long denominator)
    {
        _numerator = numerator;
        _denominatorMinusOne = denominator - 1;
        _big = null;
    }

    private Rational(BigFraction big)
    {
        _numerator = 0;
        _denominatorMinusOne = 0;
        _big = big;
    }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational number's denominator cannot be 0.");
        }

        this = FromBig(numerator, denominator);
    }

    public BigInteger Numerator => _big?.Numerator ?? _numerator;

    public BigInteger Denominator => _big?.Denominator ?? SmallDenominator;

    public static Rational Zero { get; }

    public static Rational One { get; } = new(1, 1);

    public static Rational Hundred { get; } = new(100, 1);

    public int Sign => _big?.Numerator.Sign ?? Math.Sign(_numerator);

    public bool IsZero => _big is null && _numerator == 0;

    public bool IsInteger => _big is null ? _denominatorMinusOne == 0 : _big.Denominator.IsOne;

    private long SmallDenominator => _denominatorMinusOne + 1;

    public static implicit operator Rational(long value) =>
        value == long.MinValue ? new Rational(new BigFraction(value, BigInteger.One)) : new Rational(value, 1);

    public static Rational Abs(Rational value) => value.Sign < 0 ? -value : value;

    /// <summary>The arithmetic mean.</summary>
    public static Rational Mean(IReadOnlyCollection<Rational> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The mean of no values is undefined.", nameof(values));
        }

        var sum = Zero;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Count;
    }

    public bool Equals(Rational other) => _big is null
        ? other._big is null && _numerator == other._numerator && _denominatorMinusOne == other._denominatorMinusOne
        : other._big is not null && _big.Numerator == other._big.Numerator && _big.Denominator == other._big.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    // A value has exactly one representation (long when it fits), so hashing the representation is consistent with Equals.
    public override int GetHashCode() => _big is null
        ? HashCode.Combine(_numerator, _denominatorMinusOne)
        : HashCode.Combine(_big.Numerator, _big.Denominator);

    public int CompareTo(Rational other)
    {
        if (_big is null && other._big is null)
        {
            return _denominatorMinusOne == other._denominatorMinusOne
                ? _numerator.CompareTo(other._numerator)
                : ((Int128)_numerator * other.SmallDenominator).CompareTo((Int128)other._numerator * SmallDenominator);
        }

        return (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    }

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public override string ToString() => ToExactString();

    private sealed class BigFraction(BigInteger numerator, BigInteger denominator)
    {
        public BigInteger Numerator { get; } = numerator;

        public BigInteger Denominator { get; } = denominator;
    }
}
