using Kpi.Csv;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Csv;

public class KpiCsvWriterTests
{
    [Fact]
    public void Writes_decimal_commas_and_the_german_words()
    {
        var text = new StringWriter();
        var writer = new KpiCsvWriter(text);
        writer.WriteComment("Kennzahlen nach § 48a SGB II");
        writer.Write(new KpiCsvRecord("05554", "2015-06", "K2", Sex.Men, DataBasis.T0, "27.3", "2963", "10853.25"));
        writer.Write(new KpiCsvRecord("05554", "2015-06", "elb_stock", Sex.Total, DataBasis.Final, "10785"));

        Assert.Equal("""
            # Kennzahlen nach § 48a SGB II
            jobcenter;month;code;sex;basis;value;numerator;denominator
            05554;2015-06;K2;männer;t-0;27,3;2963;10853,25
            05554;2015-06;elb_stock;insgesamt;final;10785;;

            """.ReplaceLineEndings("\n"), text.ToString());
    }

    [Fact]
    public void What_it_writes_reads_back_the_same()
    {
        var rows = new[]
        {
            new KpiCsvRecord("05554", "2015-06", "elb_stock", Sex.Total, DataBasis.Final, "10785").ToDeliveryRow(),
            new KpiCsvRecord("05554", "2015-06", "K1E2", Sex.Women, DataBasis.T0, "-0.4", "5012", "5032").ToDeliveryRow(),
            new KpiCsvRecord("05113", "2025-12", "local.jc-05113.vermittlungen-schwerbehinderte", Sex.Men, DataBasis.Final, "35").ToDeliveryRow(),
        };
        var text = new StringWriter();
        var writer = new KpiCsvWriter(text);
        foreach (var row in rows) writer.Write(row);

        using var reader = new KpiCsvReader(new StringReader(text.ToString()));
        var read = reader.ReadRows().ToList();

        Assert.Equal([2L, 3L, 4L], read.Select(r => r.RowNumber));
        foreach (var row in read) row.RowNumber = 0;
        Assert.Equal(rows, read);
    }

    [Fact]
    public void Refuses_a_field_the_format_cannot_carry()
    {
        var writer = new KpiCsvWriter(new StringWriter());
        Assert.Throws<ArgumentException>(() => writer.Write(new KpiCsvRecord("05554", "2015-06", "a;b", Sex.Total, DataBasis.Final, "1")));
    }
}
