namespace Kpi.Computation.Tests.Numbers;

public class YearMonthTests
{
    [Fact]
    public void Reads_and_writes_yyyy_MM()
    {
        var month = YearMonth.Parse("2018-01");

        Assert.Equal(new YearMonth(2018, 1), month);
        Assert.Equal("2018-01", month.ToString());
        Assert.Equal("0999-12", new YearMonth(999, 12).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2018-1")]
    [InlineData("2018-13")]
    [InlineData("2018-00")]
    [InlineData("0000-01")]
    [InlineData("18-01")]
    [InlineData("2018/01")]
    [InlineData("2018-01-01")]
    [InlineData(" 2018-01")]
    [InlineData("+018-01")]
    public void Rejects_anything_else(string? text)
    {
        Assert.False(YearMonth.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => YearMonth.Parse(text));
        }
    }

    [Fact]
    public void Refuses_an_impossible_month() => Assert.Throws<ArgumentOutOfRangeException>(() => new YearMonth(2018, 13));

    [Fact]
    public void Counts_months_across_years()
    {
        var march = new YearMonth(2015, 3);

        Assert.Equal(new YearMonth(2014, 4), march.AddMonths(-11));
        Assert.Equal(new YearMonth(2014, 3), march.AddMonths(-12));
        Assert.Equal(new YearMonth(2016, 1), march.AddMonths(10));
        Assert.Equal(12, march.MonthsSince(new YearMonth(2014, 3)));
        Assert.Equal(-1, new YearMonth(2014, 12).MonthsSince(new YearMonth(2015, 1)));
    }

    [Fact]
    public void Orders_by_time()
    {
        Assert.True(new YearMonth(2017, 12) < new YearMonth(2018, 1));
        Assert.True(new YearMonth(2018, 2) > new YearMonth(2018, 1));
        Assert.True(new YearMonth(2018, 1) <= new YearMonth(2018, 1));
        Assert.True(new YearMonth(2018, 1).CompareTo(new YearMonth(2017, 2)) > 0);
    }
}
