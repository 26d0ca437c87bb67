using static Monitoring.Reporting.Tests.Borken;

namespace Monitoring.Reporting.Tests;

public class FormattingTests
{
    [Theory]
    [InlineData("1234567.891", 1, "1.234.567,9")]
    [InlineData("999.95", 1, "1.000,0")]
    [InlineData("24.25", 1, "24,3")]       // half away from zero
    [InlineData("-24.25", 1, "\u221224,3")]
    [InlineData("3503", 0, "3.503")]
    [InlineData("0.004", 1, "0,0")]
    [InlineData("-0.04", 1, "0,0")]        // rounds to zero: no sign
    [InlineData("512", 2, "512,00")]
    public void Html_numbers_are_german(string value, int decimals, string expected) =>
        Assert.Equal(expected, GermanNumbers.Number(R(value), decimals, NumberStyle.Html));

    [Theory]
    [InlineData("0.6897", "+0,7\u202F%")]
    [InlineData("-1.41", "\u22121,4\u202F%")]
    [InlineData("0", "0,0\u202F%")]
    [InlineData("0.04", "0,0\u202F%")]
    public void Changes_are_signed_with_a_narrow_no_break_space_before_the_percent_sign(string value, string expected) =>
        Assert.Equal(expected, GermanNumbers.Change(R(value), NumberStyle.Html));

    [Fact]
    public void Csv_numbers_have_a_hyphen_minus_and_no_thousands_separator()
    {
        Assert.Equal("-1234567,9", GermanNumbers.Number(R("-1234567.891"), 1, NumberStyle.Csv));
        Assert.Equal("12 €", GermanNumbers.WithUnit(R("12"), 0, "€", NumberStyle.Csv));
    }

    [Theory]
    [InlineData("3503", "3503")]
    [InlineData("29.8", "29,8")]
    [InlineData("-0.25", "-0,25")]
    [InlineData("12345.67891", "12345,6789")]
    public void Plain_numbers_are_exact_up_to_four_places(string value, string expected) =>
        Assert.Equal(expected, GermanNumbers.Plain(R(value)));

    [Fact]
    public void Plain_numbers_round_what_does_not_terminate()
    {
        Assert.Equal("512,3333", GermanNumbers.Plain(new Rational(1537, 3)));
        Assert.Equal("0,6667", GermanNumbers.Plain(new Rational(2, 3)));
    }

    [Fact]
    public void Dates_and_months_are_german()
    {
        Assert.Equal("05.03.2018", GermanLabels.Date(new DateOnly(2018, 3, 5)));
        Assert.Equal("März 2018", GermanLabels.MonthYear(new YearMonth(2018, 3)));
        Assert.Equal("Dez", GermanLabels.ShortMonth(12));
    }

    [Fact]
    public void Every_status_has_its_own_label_and_symbol()
    {
        var labels = GermanLabels.AllStatuses.Select(GermanLabels.Status).ToList();
        Assert.Equal(8, labels.Select(l => l.Text).Distinct().Count());
        Assert.Equal(8, labels.Select(l => l.Symbol).Distinct().Count());
        Assert.Equal(8, labels.Select(l => l.Token).Distinct().Count());
    }

    [Fact]
    public void Assessment_paragraphs_split_at_blank_lines_and_join_single_line_breaks()
    {
        Assert.Equal(["eins zwei", "drei"], HtmlOtherSections.Paragraphs("eins\r\nzwei\r\n\r\n  drei  \n\n\n"));
    }

    [Fact]
    public void Markup_writer_refuses_to_end_with_an_open_element()
    {
        var writer = new MarkupWriter().Open("p").Text("x");
        Assert.Throws<InvalidOperationException>(writer.ToString);
        Assert.Equal("<p>x</p>\n", writer.Close().ToString());
    }

    [Fact]
    public void Markup_writer_leaves_out_attributes_without_value_and_encodes_the_others()
    {
        var markup = new MarkupWriter().Empty("col", ("class", null), ("title", "a\"b<c>&'")).ToString();
        Assert.Equal("<col title=\"a&quot;b&lt;c&gt;&amp;&#39;\" />", markup);
    }
}
