using System.Numerics;
using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Numbers;

public class RationalArithmeticTests
{
    [Fact]
    public void Is_kept_in_lowest_terms_with_a_positive_denominator()
    {
        var value = new Rational(6, -4);

        Assert.Equal(new BigInteger(-3), value.Numerator);
        Assert.Equal(new BigInteger(2), value.Denominator);
        Assert.Equal(R(-3, 2), value);
    }

    [Fact]
    public void A_zero_denominator_is_refused() => Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));

    [Fact]
    public void Default_is_zero() => Assert.Equal(Rational.Zero, default);

    [Fact]
    public void Adds_subtracts_multiplies_and_divides_exactly()
    {
        Assert.Equal(R(1, 2), R(1, 3) + R(1, 6));        // 2/6 + 1/6 = 3/6
        Assert.Equal(R(1, 12), R(1, 3) - R(1, 4));       // 4/12 − 3/12
        Assert.Equal(R(-5, 14), R(5, 7) * R(-1, 2));
        Assert.Equal(R(-10, 7), R(5, 7) / R(-1, 2));
        Assert.Equal(Rational.Zero, R(1, 10) + R(2, 10) - R(3, 10));
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
    }

    [Fact]
    public void Leaves_the_long_range_without_losing_digits_and_comes_back()
    {
        Rational big = long.MaxValue;
        var sum = big + big + 1;                          // 2·(2^63 − 1) + 1 = 2^64 − 1
        Assert.Equal(BigInteger.Pow(2, 64) - 1, sum.Numerator);
        Assert.Equal(R(1, 1), sum / sum);
        Assert.Equal(big, sum - big - big - 1 + big);

        var tiny = R(1, long.MaxValue) * R(1, 3);         // denominator 3·(2^63 − 1)
        Assert.Equal(BigInteger.Pow(2, 63) * 3 - 3, tiny.Denominator);
        Assert.Equal(R(1, long.MaxValue), tiny * 3);
        Assert.Equal(new BigInteger(long.MinValue), ((Rational)long.MinValue).Numerator);
    }

    [Fact]
    public void Compares_by_value()
    {
        Assert.True(R(1, 3) < R(1, 2));
        Assert.True(R(-1, 2) < R(-1, 3));
        Assert.True(R(2, 4) <= R(1, 2) && R(2, 4) >= R(1, 2));
        Assert.True(R(7, 3) > 2);
        Assert.Equal(0, R(2, 4).CompareTo(R(1, 2)));
        Assert.Equal(R(2, 4).GetHashCode(), R(1, 2).GetHashCode());
        Assert.NotEqual(R(1, 2), R(1, 3));
    }

    [Fact]
    public void Knows_its_sign()
    {
        Assert.Equal(-1, R(-1, 3).Sign);
        Assert.Equal(0, Rational.Zero.Sign);
        Assert.True(R(0, 5).IsZero);
        Assert.False(R(1, 5).IsZero);
        Assert.Equal(R(1, 3), -R(-1, 3));
    }

    [Fact]
    public void The_mean_is_exact()
    {
        Assert.Equal(R(7, 3), Rational.Mean([1, 2, 4]));  // (1 + 2 + 4) / 3
        Assert.Throws<ArgumentException>(() => Rational.Mean([]));
    }
}
