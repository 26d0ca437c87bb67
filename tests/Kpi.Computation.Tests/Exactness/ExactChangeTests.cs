namespace Kpi.Computation.Tests.Exactness;

public class ExactChangeTests
{
    [Fact]
    public void Equal_sums_of_cents_are_a_change_of_exactly_zero_where_doubles_are_not()
    {
        // Benefits of 0.10 + 0.20 EUR by February 2017 and 0.30 + 0.00 EUR by February 2018: the same 0.30 EUR.
        var table = new QuantityTable();
        table.Set("housing_benefits", new YearMonth(2017, 1), Rational.Parse("0.10"));
        table.Set("housing_benefits", new YearMonth(2017, 2), Rational.Parse("0.20"));
        table.Set("housing_benefits", new YearMonth(2018, 1), Rational.Parse("0.30"));
        table.Set("housing_benefits", new YearMonth(2018, 2), Rational.Parse("0.00"));

        var february = SteeringCalculator.Compute(SteeringMeasure.YearToDateSum, "housing_benefits", table, 2018, throughMonth: 2)[1];

        Assert.Equal(Rational.Zero, february.ChangePercent);
        Assert.Equal("0.0", february.ChangePercent!.Value.ToDecimalString(1));

        // The same in binary floating point: 0.1 + 0.2 is 0.30000000000000004, and the change prints as "-0.0".
        var priorInDoubles = 0.1 + 0.2;
        var nowInDoubles = 0.3 + 0.0;
        var changeInDoubles = (nowInDoubles / priorInDoubles - 1) * 100;
        Assert.NotEqual(0.0, changeInDoubles);
        Assert.Equal("-0.0", changeInDoubles.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
    }
}
