using System.Numerics;

namespace Kpi.Computation;

public readonly partial struct Rational
{
    public static Rational operator -(Rational value) => value._big is null
        ? new Rational(-value._numerator, value.SmallDenominator)
        : FromNormalized(-value._big.Numerator, value._big.Denominator);

    public static Rational operator +(Rational a, Rational b)
    {
        if (a._big is not null || b._big is not null)
        {
            return FromBig(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
        }

        long aDenominator = a.SmallDenominator, bDenominator = b.SmallDenominator;
        if (aDenominator == bDenominator)
        {
            Int128 sameDenominatorSum = (Int128)a._numerator + b._numerator;
            return aDenominator == 1 ? FromNormalized(sameDenominatorSum, 1) : Reduce(sameDenominatorSum, aDenominator, aDenominator);
        }

        // a/b + c/d with g = gcd(b, d): (a·(d/g) + c·(b/g)) / (b·(d/g)); only factors of g can remain in common.
        var g = Gcd(aDenominator, bDenominator);
        long aScale = bDenominator / g, bScale = aDenominator / g;
        Int128 numerator = (Int128)a._numerator * aScale + (Int128)b._numerator * bScale;
        Int128 denominator = (Int128)aDenominator * aScale;
        return g == 1 ? FromNormalized(numerator, denominator) : Reduce(numerator, denominator, g);
    }

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator *(Rational a, Rational b)
    {
        if (a.IsZero || b.IsZero)
        {
            return Zero;
        }

        if (a._big is not null || b._big is not null)
        {
            return FromBig(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
        }

        return MultiplySmall(a._numerator, a.SmallDenominator, b._numerator, b.SmallDenominator);
    }

    public static Rational operator /(Rational a, Rational b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException("Division of a rational number by 0.");
        }

        if (a.IsZero)
        {
            return Zero;
        }

        if (a._big is not null || b._big is not null)
        {
            return FromBig(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
        }

        // b's numerator is never long.MinValue, so negating it cannot overflow.
        var divisorSign = Math.Sign(b._numerator);
        return MultiplySmall(a._numerator, a.SmallDenominator, divisorSign * b.SmallDenominator, Math.Abs(b._numerator));
    }

    // Cross-cancelling first keeps the product in lowest terms without a gcd of the (larger) product.
    private static Rational MultiplySmall(long aNumerator, long aDenominator, long bNumerator, long bDenominator)
    {
        var g1 = Gcd(Math.Abs(aNumerator), bDenominator);
        var g2 = Gcd(Math.Abs(bNumerator), aDenominator);
        Int128 numerator = (Int128)(aNumerator / g1) * (bNumerator / g2);
        Int128 denominator = (Int128)(aDenominator / g2) * (bDenominator / g1);
        return FromNormalized(numerator, denominator);
    }

    // numerator / denominator where every common factor divides `factor` (a long), so one long gcd reduces it.
    private static Rational Reduce(Int128 numerator, Int128 denominator, long factor)
    {
        var common = Gcd((long)(Int128.Abs(numerator) % factor), factor);
        return common == 1 ? FromNormalized(numerator, denominator) : FromNormalized(numerator / common, denominator / common);
    }

    private static Rational FromNormalized(Int128 numerator, Int128 denominator) =>
        numerator > -long.MaxValue - 1 && numerator <= long.MaxValue && denominator <= long.MaxValue
            ? new Rational((long)numerator, (long)denominator)
            : new Rational(new BigFraction((BigInteger)numerator, (BigInteger)denominator));

    private static Rational FromNormalized(BigInteger numerator, BigInteger denominator) =>
        numerator > long.MinValue && numerator <= long.MaxValue && denominator <= long.MaxValue
            ? new Rational((long)numerator, (long)denominator)
            : new Rational(new BigFraction(numerator, denominator));

    private static Rational FromBig(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.IsZero)
        {
            return Zero;
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne ? FromNormalized(numerator, denominator) : FromNormalized(numerator / gcd, denominator / gcd);
    }

    // Binary gcd of two non-negative longs; gcd(0, n) = n.
    private static long Gcd(long a, long b)
    {
        var u = (ulong)a;
        var v = (ulong)b;
        if (u == 0 || v == 0)
        {
            return (long)(u | v);
        }

        var shift = BitOperations.TrailingZeroCount(u | v);
        u >>= BitOperations.TrailingZeroCount(u);
        do
        {
            v >>= BitOperations.TrailingZeroCount(v);
            if (u > v)
            {
                (u, v) = (v, u);
            }

            v -= u;
        }
        while (v != 0);

        return (long)(u << shift);
    }
}
