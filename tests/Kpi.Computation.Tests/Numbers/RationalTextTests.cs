using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Numbers;

public class RationalTextTests
{
    [Theory]
    [InlineData("27.3", 273, 10)]
    [InlineData("-0.4", -2, 5)]
    [InlineData("10785", 10785, 1)]
    [InlineData("+1", 1, 1)]
    [InlineData("0.000", 0, 1)]
    [InlineData("-0", 0, 1)]
    [InlineData("007.50", 15, 2)]
    public void Parses_invariant_decimal_text(string text, long numerator, long denominator)
    {
        Assert.True(Rational.TryParse(text, out var value));
        Assert.Equal(R(numerator, denominator), value);
    }

    [Fact]
    public void Parses_more_digits_than_a_long_holds()
    {
        var value = Rational.Parse("123456789012345678901234567890.5");

        Assert.Equal("123456789012345678901234567890.5", value.ToExactString());
        Assert.Equal(R(1, 2), value - Rational.Parse("123456789012345678901234567890"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,5")]
    [InlineData("1.000,5")]
    [InlineData("1,000")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("--1")]
    [InlineData("+-1")]
    [InlineData("1.2.3")]
    [InlineData("1 000")]
    [InlineData("abc")]
    [InlineData("½")]
    [InlineData("١٢")]
    [InlineData("NaN")]
    public void Rejects_other_texts(string? text)
    {
        Assert.False(Rational.TryParse(text, out var value));
        Assert.Equal(Rational.Zero, value);
    }

    [Fact]
    public void Parse_names_the_text_it_cannot_read()
    {
        var error = Assert.Throws<FormatException>(() => Rational.Parse("27,3"));

        Assert.Contains("'27,3'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.25", 1, "0.3")]      // half away from zero, not to even
    [InlineData("0.35", 1, "0.4")]
    [InlineData("-0.25", 1, "-0.3")]
    [InlineData("-0.24", 1, "-0.2")]
    [InlineData("2.5", 0, "3")]
    [InlineData("-2.5", 0, "-3")]
    [InlineData("-0.04", 1, "0.0")]     // rounds to zero: no sign
    [InlineData("-0.05", 1, "-0.1")]
    [InlineData("-0.4", 0, "0")]
    [InlineData("27.349999", 1, "27.3")]
    [InlineData("10785", 1, "10785.0")]
    [InlineData("0", 2, "0.00")]
    [InlineData("-3", 0, "-3")]
    [InlineData("0.005", 2, "0.01")]
    [InlineData("99.95", 1, "100.0")]
    public void Rounds_half_away_from_zero_to_exactly_the_decimals(string text, int decimals, string expected) =>
        Assert.Equal(expected, R(text).ToDecimalString(decimals));

    [Fact]
    public void Rounds_fractions_that_never_end()
    {
        Assert.Equal("0.333", R(1, 3).ToDecimalString(3));
        Assert.Equal("-0.667", R(-2, 3).ToDecimalString(3));
        Assert.Equal("1", R(2, 3).ToDecimalString(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => R(1, 3).ToDecimalString(-1));
    }

    [Theory]
    [InlineData(2735, 100, "27.35", 2)]
    [InlineData(-3, 1, "-3", 0)]
    [InlineData(1, 8, "0.125", 3)]
    [InlineData(0, 1, "0", 0)]
    [InlineData(-1, 40, "-0.025", 3)]
    [InlineData(1, 3, "0.3333333333", -1)]
    [InlineData(-2, 3, "-0.6666666667", -1)]
    public void The_exact_string_is_the_shortest_exact_decimal(long numerator, long denominator, string expected, int decimalPlaces)
    {
        Assert.Equal(expected, R(numerator, denominator).ToExactString());
        Assert.Equal(decimalPlaces, R(numerator, denominator).DecimalPlaces);
    }
}
