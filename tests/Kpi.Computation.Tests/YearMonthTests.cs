using static Kpi.Computation.Tests.Tables;

namespace Kpi.Computation.Tests;

public class YearMonthTests
{
    [Fact]
    public void Parses_and_formats_yyyy_MM()
    {
        Assert.Equal(new YearMonth(2017, 12), M("2017-12"));
        Assert.Equal("2017-12", new YearMonth(2017, 12).ToString());
        Assert.Equal("2009-01", new YearMonth(2009, 1).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2017-13")]
    [InlineData("2017-00")]
    [InlineData("2017-1")]
    [InlineData("17-12")]
    [InlineData("2017/12")]
    [InlineData("2017-12-01")]
    [InlineData("+017-12")]
    public void Rejects_other_text(string text)
    {
        Assert.False(YearMonth.TryParse(text, out _));
        Assert.Throws<FormatException>(() => YearMonth.Parse(text));
    }

    [Theory]
    [InlineData("2017-12", 1, "2018-01")]
    [InlineData("2018-01", -1, "2017-12")]
    [InlineData("2018-03", -12, "2017-03")]
    [InlineData("2018-01", -13, "2016-12")]
    [InlineData("2018-11", 25, "2020-12")]
    [InlineData("2018-05", 0, "2018-05")]
    public void AddMonths_crosses_year_ends(string from, int months, string expected)
    {
        Assert.Equal(M(expected), M(from).AddMonths(months));
    }

    [Fact]
    public void MonthsSince_counts_months_between()
    {
        // Dec 2017 → Jan 2018: 1; Jan 2018 → Dec 2017: −1; Mar 2011 → Dec 2025: 14·12 + 9 = 177
        Assert.Equal(1, M("2018-01").MonthsSince(M("2017-12")));
        Assert.Equal(-1, M("2017-12").MonthsSince(M("2018-01")));
        Assert.Equal(177, M("2025-12").MonthsSince(M("2011-03")));
    }

    [Fact]
    public void Orders_by_time()
    {
        Assert.True(M("2017-12") < M("2018-01"));
        Assert.True(M("2018-01") > M("2017-12"));
        Assert.True(M("2018-01") <= M("2018-01") && M("2018-01") >= M("2018-01"));
        Assert.True(M("2017-02").CompareTo(M("2016-11")) > 0);
    }
}
