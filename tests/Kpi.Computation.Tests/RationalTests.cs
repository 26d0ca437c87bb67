using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

public class RationalTests
{
    [Theory]
    [InlineData("27.3", 273, 10)]
    [InlineData("-0.4", -2, 5)]
    [InlineData("+1", 1, 1)]
    [InlineData("0.000", 0, 1)]
    [InlineData("27.35", 547, 20)]
    public void Parses_invariant_decimals_into_lowest_terms(string text, long numerator, long denominator)
    {
        var value = Rational.Parse(text);

        Assert.Equal(numerator, (long)value.Numerator);
        Assert.Equal(denominator, (long)value.Denominator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("1e3")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    public void Rejects_what_is_not_a_plain_decimal(string text)
    {
        Assert.False(Rational.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Rational.Parse(text));
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(Rational.TryParse(null, out _));
    }

    [Theory]
    [InlineData("2.25", 1, "2.3")]     // the 5 rounds away from zero
    [InlineData("-2.25", 1, "-2.3")]   // and away from zero when negative, not towards +∞
    [InlineData("-0.04", 1, "0.0")]    // rounds to zero: no sign
    [InlineData("0.05", 1, "0.1")]
    [InlineData("-0.05", 1, "-0.1")]
    [InlineData("2.249", 1, "2.2")]
    [InlineData("27.35", 0, "27")]
    [InlineData("27.5", 0, "28")]
    [InlineData("3", 2, "3.00")]
    [InlineData("0.001", 2, "0.00")]
    public void ToDecimalString_rounds_half_away_from_zero(string value, int decimals, string expected)
    {
        Assert.Equal(expected, R(value).ToDecimalString(decimals));
    }

    [Fact]
    public void ToDecimalString_of_a_third_and_of_two_thirds()
    {
        // 1/3 = 0.333… → "0.33"; 2/3 = 0.666… → "0.67"; −2/3 → "-0.67"
        Assert.Equal("0.33", Fraction(1, 3).ToDecimalString(2));
        Assert.Equal("0.67", Fraction(2, 3).ToDecimalString(2));
        Assert.Equal("-0.67", Fraction(-2, 3).ToDecimalString(2));
    }

    [Fact]
    public void ToDecimalString_refuses_negative_decimals()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rational.One.ToDecimalString(-1));
    }

    [Fact]
    public void ToExactString_writes_terminating_values_exactly_and_others_with_ten_decimals()
    {
        Assert.Equal("27.35", R("27.35").ToExactString());
        Assert.Equal("-3", R("-3.000").ToExactString());
        Assert.Equal("0", R("0.000").ToExactString());
        Assert.Equal("0", Rational.Zero.ToExactString());
        Assert.Equal("0", default(Rational).ToExactString());
        Assert.Equal("0.3333333333", Fraction(1, 3).ToExactString());
        Assert.Equal("-0.6666666667", Fraction(-2, 3).ToExactString());
        Assert.Equal("0.125", Fraction(1, 8).ToString());
    }

    [Theory]
    [InlineData("27.35", 2)]
    [InlineData("5", 0)]
    [InlineData("0.125", 3)]
    [InlineData("-0.4", 1)]
    [InlineData("0.000", 0)]
    public void DecimalPlaces_of_terminating_values(string value, int places)
    {
        Assert.Equal(places, R(value).DecimalPlaces);
    }

    [Fact]
    public void DecimalPlaces_is_minus_one_when_the_decimals_never_end()
    {
        Assert.Equal(-1, Fraction(1, 3).DecimalPlaces);
        Assert.Equal(-1, Fraction(1, 7).DecimalPlaces);
        // 1/40 = 0.025: 40 = 2³·5, three places
        Assert.Equal(3, Fraction(1, 40).DecimalPlaces);
    }

    [Fact]
    public void Is_kept_in_lowest_terms_with_a_positive_denominator()
    {
        Assert.Equal(Fraction(1, 2), Fraction(2, 4));
        Assert.Equal(Fraction(1, 2).GetHashCode(), Fraction(2, 4).GetHashCode());
        Assert.Equal(Fraction(-1, 2), Fraction(1, -2));
        Assert.Equal(1, Fraction(1, -2).Denominator.Sign);
        Assert.Equal(R("0.5"), Fraction(1, 2));
        Assert.Equal(R("0.10"), R("0.1"));
        Assert.Equal(R("0.10").GetHashCode(), R("0.1").GetHashCode());
        Assert.Equal(Rational.Zero, Fraction(0, 7));
        Assert.Equal(Rational.Zero.GetHashCode(), Fraction(0, -7).GetHashCode());
        Assert.Equal(Rational.Zero, default);
    }

    [Fact]
    public void Arithmetic_is_exact()
    {
        // 1/3 + 1/6 = 1/2; 1/3 − 1/2 = −1/6; 2/3 × 3/4 = 1/2; (1/2) / (1/4) = 2
        Assert.Equal(Fraction(1, 2), Fraction(1, 3) + Fraction(1, 6));
        Assert.Equal(Fraction(-1, 6), Fraction(1, 3) - Fraction(1, 2));
        Assert.Equal(Fraction(1, 2), Fraction(2, 3) * Fraction(3, 4));
        Assert.Equal((Rational)2, Fraction(1, 2) / Fraction(1, 4));
        Assert.Equal(Fraction(-3, 4), -Fraction(3, 4));
        // 0.1 + 0.2 = 0.3 exactly
        Assert.Equal(R("0.3"), R("0.1") + R("0.2"));
        Assert.True(Fraction(1, 3).IsInteger is false && ((Rational)5).IsInteger);
    }

    [Fact]
    public void Arithmetic_beyond_the_range_of_a_long_stays_exact()
    {
        Rational big = long.MaxValue;
        var sum = big + big;                        // 2·(2⁶³ − 1)
        Assert.Equal("18446744073709551614", sum.ToExactString());
        Assert.Equal(big, sum / 2);
        var tiny = Rational.One / big / big;        // 1 / (2⁶³ − 1)²
        Assert.Equal(Rational.One, tiny * big * big);
        Assert.True(tiny > Rational.Zero && tiny < Fraction(1, long.MaxValue));
        Rational min = long.MinValue;
        Assert.Equal("9223372036854775808", (-min).ToExactString());
        Assert.Equal(Rational.Zero, min - min);
    }

    [Fact]
    public void Division_by_zero_throws()
    {
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));
    }

    [Fact]
    public void Compares_by_value()
    {
        Assert.True(Fraction(1, 3) < Fraction(1, 2));
        Assert.True(Fraction(-1, 2) < Fraction(1, 3));
        Assert.True(Fraction(-1, 2) < Fraction(-1, 3));
        Assert.True(R("27.4") > R("27.35"));
        Assert.True(R("2.50") >= Fraction(5, 2) && R("2.50") <= Fraction(5, 2));
        Assert.Equal(0, R("0.5").CompareTo(Fraction(1, 2)));
        Assert.True(Fraction(2, 3) != Fraction(3, 4));
        Assert.Equal(-1, Fraction(-1, 3).Sign);
        Assert.Equal(0, Rational.Zero.Sign);
    }

    [Fact]
    public void Mean_is_exact_and_refuses_no_values()
    {
        // (1 + 2 + 2) / 3 = 5/3
        Assert.Equal(Fraction(5, 3), Rational.Mean([1, 2, 2]));
        Assert.Throws<ArgumentException>(() => Rational.Mean([]));
    }
}
