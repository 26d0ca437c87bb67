using static Kpi.Computation.Tests.Series;

namespace Kpi.Computation.Tests.Steering;

public class JahresfortschrittswertTests
{
    [Fact]
    public void The_JFW_divides_the_integrations_since_January_by_the_mean_stock_from_the_prior_December()
    {
        // 2018: integrations 20, 25, 30 in Jan..Mar; ELB stock 900 (2017-12), 1,000 (Jan), 1,100 (Feb).
        //   January:  20 / 900 × 100 = 20/9;  February: 45 / mean(900, 1,000) = 45 / 950 × 100 = 90/19;
        //   March:    75 / mean(900, 1,000, 1,100) = 75 / 1,000 × 100 = 7.5.
        // 2017: integrations 20 a month, ELB 1,000 from 2016-12: March 60 / 1,000 × 100 = 6; change (7.5 / 6 − 1) × 100 = 25.
        var table = new QuantityTable()
            .Fill("integrations", "2018-01", 20, 25, 30).Fill("elb_stock", "2017-12", 900, 1_000, 1_100)
            .Constant("integrations", "2017-01", "2017-03", 20).Constant("elb_stock", "2016-12", "2017-02", 1_000);

        var points = SteeringCalculator.Compute(SteeringMeasure.Jfw, "K2", table, 2018, throughMonth: 3);

        Assert.Equal([R(20, 9), R(90, 19), R("7.5")], points.Select(p => p.Value!.Value));
        var march = points[2];
        Assert.Equal(new YearMonth(2018, 3), march.Month);
        Assert.Equal(R(75, 1), march.Numerator);
        Assert.Equal(R(1_000, 1), march.Denominator);
        Assert.Equal(R(6, 1), march.PriorYearValue);
        Assert.Equal(R(25, 1), march.ChangePercent);
        Assert.Null(march.Missing);
    }

    [Theory]
    [InlineData("K2")]
    [InlineData("K2E1")]
    [InlineData("K2E2")]
    [InlineData("K2E4")]
    [InlineData("K3E1")]
    public void The_December_JFW_is_the_calendar_year_value(string code)
    {
        // Values that change every month, so a window off by one month gives another result.
        var figure = Figure(code);
        var table = new QuantityTable();
        for (var i = 0; i < 26; i++)
        {
            var month = new YearMonth(2016, 11).AddMonths(i);
            table.Set(figure.NumeratorQuantity, month, 20 + i % 5 * 3);
            table.Set(figure.DenominatorQuantity, month, 1_000 + 37 * i);
        }

        var december = SteeringCalculator.Compute(SteeringMeasure.Jfw, code, table, 2018)[11];
        var calendarYear = FigureCalculator.Compute(figure, table, new YearMonth(2018, 12));

        Assert.NotNull(december.Value);
        Assert.Equal(calendarYear.Value, december.Value);
        Assert.Equal(calendarYear.Numerator, december.Numerator);
        Assert.Equal(calendarYear.Denominator, december.Denominator);
        Assert.NotEqual(FigureCalculator.Compute(figure, table, new YearMonth(2018, 11)).Value, december.Value);
    }
}
