using Kpi.Csv;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Csv;

public class KpiCsvReaderTests
{
    private const string Header = "jobcenter;month;code;sex;basis;value;numerator;denominator";

    private static List<DeliveryRow> Read(string text)
    {
        using var reader = new KpiCsvReader(new StringReader(text));
        return reader.ReadRows().ToList();
    }

    [Fact]
    public void Reads_a_quantity_and_a_figure_with_decimal_commas_as_points()
    {
        var rows = Read($"""
            {Header}
            05554;2015-06;elb_stock;insgesamt;final;10785;;
            05554;2015-06;K2;Frauen;t-0;27,3;2963;10853,25
            05554;2015-06;K1E2;MÄNNER;final;-0,4;5012;5032
            """);

        Assert.Equal(3, rows.Count);
        var stock = rows[0];
        Assert.Equal((2L, "05554", "2015-06", "elb_stock", Sex.Total, DataBasis.Final, "10785", "", ""),
            (stock.RowNumber, stock.Jobcenter, stock.Month, stock.Code, stock.Sex, stock.Basis, stock.Value, stock.Numerator, stock.Denominator));
        Assert.Equal(("K2", Sex.Women, DataBasis.T0, "27.3", "2963", "10853.25"), (rows[1].Code, rows[1].Sex, rows[1].Basis, rows[1].Value, rows[1].Numerator, rows[1].Denominator));
        Assert.Equal((Sex.Men, "-0.4"), (rows[2].Sex, rows[2].Value));
        Assert.All(rows, row => Assert.Equal("", row.Malformed));
    }

    [Theory]
    [InlineData("männer", Sex.Men)]
    [InlineData("maenner", Sex.Men)]
    [InlineData("Maenner", Sex.Men)]
    [InlineData("insgesamt", Sex.Total)]
    [InlineData("FRAUEN", Sex.Women)]
    public void Takes_the_sex_words_in_any_case(string word, Sex sex)
    {
        var row = Assert.Single(Read($"{Header}\n05554;2015-06;elb_stock;{word};FINAL;1;;\n"));
        Assert.Equal(sex, row.Sex);
        Assert.Equal(DataBasis.Final, row.Basis);
    }

    [Fact]
    public void Skips_comments_and_empty_lines_and_numbers_rows_by_their_line()
    {
        var rows = Read($"""
            # Statistik der Bundesagentur für Arbeit, Kennzahlen nach § 48a SGB II
            {Header}

            05554;2015-06;elb_stock;insgesamt;final;10785;;
            # Kreis Coesfeld
               
            05558;2015-06;elb_stock;insgesamt;final;5400;;
            """);

        Assert.Equal([4L, 7L], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Accepts_a_byte_order_mark_and_crlf_line_ends_from_a_stream()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble()
            .Concat(System.Text.Encoding.UTF8.GetBytes($"{Header}\r\n05554;2015-06;elb_stock;männer;t-0;1,5;;\r\n")).ToArray();
        using var reader = new KpiCsvReader(new MemoryStream(bytes));

        var row = Assert.Single(reader.ReadRows());
        Assert.Equal((Sex.Men, DataBasis.T0, "1.5", ""), (row.Sex, row.Basis, row.Value, row.Malformed));
    }

    [Theory]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;10785;", "line 3: 7 fields, expected 8")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;10785;;;", "line 3: 9 fields, expected 8")]
    [InlineData("05554;2015-06;elb_stock;divers;final;10785;;", "line 3: sex 'divers' is not insgesamt, frauen or männer")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;vorläufig;10785;;", "line 3: basis 'vorläufig' is not t-0 or final")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;10.785;;", "line 3: value '10.785' has a '.': the format takes a decimal comma and no thousands separator")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;12x;;", "line 3: value '12x' has 'x', which is not a digit, sign or decimal comma")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;;;", "line 3: value '' is empty")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;1,2,3;;", "line 3: value '1,2,3' has more than one decimal comma")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;-;;", "line 3: value '-' is not a number")]
    [InlineData("05554;2015-06;K2;insgesamt;final;27,3;n/a;100", "line 3: numerator 'n/a' has 'n', which is not a digit, sign or decimal comma")]
    [InlineData("05554;2015-06;K2;insgesamt;final;27,3;27;1e5", "line 3: denominator '1e5' has 'e', which is not a digit, sign or decimal comma")]
    [InlineData("\"05554;2015-06;elb_stock;insgesamt;final;10785;;", "line 3: field 1 has an opening quote without a closing one")]
    [InlineData("05554;2015\"06;elb_stock;insgesamt;final;10785;;", "line 3: field 2 has a quote inside an unquoted value")]
    public void A_line_it_cannot_read_becomes_a_malformed_row_with_its_line(string line, string message)
    {
        var rows = Read($"# title\n{Header}\n{line}\n05554;2015-07;elb_stock;insgesamt;final;10800;;\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal((3L, message), (rows[0].RowNumber, rows[0].Malformed));
        Assert.Equal((4L, ""), (rows[1].RowNumber, rows[1].Malformed));
    }

    [Fact]
    public void Quoted_fields_are_read_as_in_rfc_4180()
    {
        var row = Assert.Single(Read($"{Header}\n\"05554\";\"2015-06\";elb_stock;\"insgesamt\";final;\"27,3\";;\n"));
        Assert.Equal(("05554", "2015-06", Sex.Total, "27.3", ""), (row.Jobcenter, row.Month, row.Sex, row.Value, row.Malformed));
    }

    [Fact]
    public void Leaves_semantic_checks_to_the_server()
    {
        var row = Assert.Single(Read($"{Header}\n99999;2099-13;no_such_code;insgesamt;final;-5;;\n"));
        Assert.Equal(("99999", "2099-13", "no_such_code", "-5", ""), (row.Jobcenter, row.Month, row.Code, row.Value, row.Malformed));
    }

    [Theory]
    [InlineData("", "the file has no header line")]
    [InlineData("# only a title\n\n", "the file has no header line")]
    [InlineData("05554;2015-06;elb_stock;insgesamt;final;10785;;\n", "line 1: expected the header 'jobcenter;month;code;sex;basis;value;numerator;denominator', found '05554;")]
    [InlineData("# title\njobcenter;month;code;sex;basis;value\n", "line 2: expected the header")]
    [InlineData("jobcenter,month,code,sex,basis,value,numerator,denominator\n", "(the separator is ';')")]
    public void A_missing_or_wrong_header_throws_naming_the_line(string text, string expected)
    {
        var error = Assert.Throws<KpiCsvFormatException>(() => Read(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_header_may_differ_in_case_and_spacing()
    {
        var rows = Read("Jobcenter; Month ;CODE;sex;basis;value;numerator;denominator\n05554;2015-06;elb_stock;insgesamt;final;1;;\n");
        Assert.Single(rows);
    }

    [Fact]
    public async Task Reads_asynchronously_the_same_rows()
    {
        var text = $"{Header}\n05554;2015-06;elb_stock;insgesamt;final;10785;;\nbroken\n";
        using var reader = new KpiCsvReader(new StringReader(text));
        var rows = new List<DeliveryRow>();
        await foreach (var row in reader.ReadRowsAsync())
            rows.Add(row);

        Assert.Equal(Read(text), rows);
    }
}
