using System.Globalization;
using Zielsteuerung.Kpi.V1;
using static Kpi.Tests.Integration.Deliveries;

namespace Kpi.Tests.Integration;

/// <summary>Reads over gRPC: revisions and as-of, the bases kept apart, computed figures and steering values, groups, published vs computed.</summary>
[Collection(KpiCollection.Name)]
public sealed class ReadTests(KpiFixture fixture)
{
    [Fact]
    public async Task A_revision_supersedes_a_value_and_a_read_as_of_before_it_still_sees_the_first_one()
    {
        var first = await SendAsync(fixture.Statistik, [Row("05562", "2013-05", "lzb_stock", "25000"), Row("05562", "2013-05", "lzb_stock", "24800", basis: DataBasis.T0)]);
        var between = DateTimeOffset.Parse(first.DeliveredAt, CultureInfo.InvariantCulture).AddMilliseconds(1).ToString("O", CultureInfo.InvariantCulture);
        await Task.Delay(20);
        var revision = await SendAsync(fixture.Statistik, [Row("05562", "2013-05", "lzb_stock", "25150")], description: "Korrektur 2013-05");

        var now = await Series("lzb_stock", "2013-05", "2013-05");
        var before = await Series("lzb_stock", "2013-05", "2013-05", asOf: between);
        var t0 = await Series("lzb_stock", "2013-05", "2013-05", basis: DataBasis.T0);

        Assert.Equal(("25150", revision.DeliveryId), (now.Points[0].Value, now.Deliveries.Single()));
        Assert.Equal(("25000", first.DeliveryId), (before.Points[0].Value, before.Deliveries.Single()));
        Assert.Equal(("24800", DataBasis.T0), (t0.Points[0].Value, t0.Basis));
        Assert.Equal(DataBasis.Final, now.Basis);

        async Task<Series> Series(string code, string from, string to, string asOf = "", DataBasis basis = DataBasis.Final) =>
            await fixture.Reader.GetSeriesAsync(new GetSeriesRequest
            {
                Subject = new Subject { JobcenterId = "jc-05562" }, Code = code, FromMonth = from, ToMonth = to, AsOf = asOf, Basis = basis,
            });
    }

    [Fact]
    public async Task K2_and_its_steering_values_are_computed_exactly_from_the_delivered_quantities()
    {
        // Gütersloh (05754): 100 integrations a month in 2013 and 2014, 5000 ELB every month from 2012-12.
        // K2 2014-12 = Σ integrations 2014-01..12 / mean ELB 2013-12..2014-11 = 1200 / 5000 = 24 %; the same in 2013: change exactly 0.
        var rows = Months("2013-01", 24).Select(m => Row("05754", m, "integrations", "100"))
            .Concat(Months("2012-12", 25).Select(m => Row("05754", m, "elb_stock", "5000")));
        Assert.Equal(DeliveryState.Stored, (await SendAsync(fixture.Statistik, rows)).State);
        var subject = new Subject { JobcenterId = "jc-05754" };

        var k2 = await fixture.Reader.GetValueAsync(new GetValueRequest { Subject = subject, Code = "K2", Month = "2014-12" });
        var jfw = await fixture.Reader.GetSteeringValuesAsync(new GetSteeringValuesRequest { Subject = subject, Code = "K2", Measure = SteeringMeasure.Jfw, Year = 2014 });

        Assert.Equal(("24", "1200", "5000"), (k2.Value, k2.Numerator, k2.Denominator));
        Assert.Equal(12, jfw.Months.Count);
        // March: 300 integrations / mean ELB December..February (5000) = 6 %.
        Assert.Equal(("2014-03", "6"), (jfw.Months[2].Month, jfw.Months[2].Value));
        Assert.Equal(k2.Value, jfw.Months[11].Value);
        Assert.Equal(("24", "0"), (jfw.Months[11].PriorYearValue, jfw.Months[11].ChangePercent));
    }

    [Fact]
    public async Task A_pooled_group_value_differs_from_the_mean_of_its_members()
    {
        // Lippe (05766): 10 integrations a month over 1000 ELB → K2 12 %; Münster (05515): 50 over 10000 → 6 %.
        // Pooled: (120 + 600) / (1000 + 10000) = 6.5454… %; mean of members: (12 + 6) / 2 = 9 %.
        var rows = Months("2015-01", 12).SelectMany(m => new[] { Row("05766", m, "integrations", "10"), Row("05515", m, "integrations", "50") })
            .Concat(Months("2014-12", 12).SelectMany(m => new[] { Row("05766", m, "elb_stock", "1000"), Row("05515", m, "elb_stock", "10000") }));
        await SendAsync(fixture.Statistik, rows);
        var group = new JobcenterGroup { Kind = GroupKind.Listed, JobcenterIds = { "jc-05766", "jc-05515" } };

        var pooled = await fixture.Reader.GetValueAsync(new GetValueRequest { Subject = new Subject { Group = group }, Code = "K2", Month = "2015-12" });
        group.Aggregation = Aggregation.MeanOfMembers;
        var mean = await fixture.Reader.GetValueAsync(new GetValueRequest { Subject = new Subject { Group = group }, Code = "K2", Month = "2015-12" });

        Assert.Equal("6.5454545455", pooled.Value);   // not terminating: ten decimals, rounded
        Assert.Equal(("720", "11000"), (pooled.Numerator, pooled.Denominator));
        Assert.Equal(("9", 2), (mean.Value, mean.Members));
    }

    [Fact]
    public async Task A_published_figure_that_disagrees_with_the_computed_one_is_reported_with_both_values()
    {
        // Solingen (05122), 2016-06: 300 LZB in measures of 3000 LZB → K3E2 = 10.0 %; the BA published 10.4 and, for Wuppertal, agrees.
        await SendAsync(fixture.Statistik,
        [
            Row("05122", "2016-06", "lzb_in_measures", "300"), Row("05122", "2016-06", "lzb_stock", "3000"), Row("05122", "2016-06", "K3E2", "10.4"),
            Row("05124", "2016-06", "lzb_in_measures", "1234"), Row("05124", "2016-06", "lzb_stock", "9000"), Row("05124", "2016-06", "K3E2", "13.7"),
        ]);

        var solingen = await fixture.Reader.ComparePublishedAsync(new ComparePublishedRequest { JobcenterId = "jc-05122", FromMonth = "2016-06", ToMonth = "2016-06" });
        var wuppertal = await fixture.Reader.ComparePublishedAsync(new ComparePublishedRequest { JobcenterId = "jc-05124", FromMonth = "2016-06", ToMonth = "2016-06" });

        var difference = Assert.Single(solingen.Differences);
        Assert.Equal(("K3E2", "10.4", "10.0", "10"), (difference.Figure, difference.Published, difference.Computed, difference.ComputedExact));
        Assert.Equal((1L, 0), (wuppertal.Compared, wuppertal.Differences.Count));   // 1234 / 9000 = 13.71 % → 13.7
    }

    [Fact]
    public async Task A_group_of_all_zkT_of_NRW_takes_its_members_from_the_registry_as_of_a_date_and_names_a_missing_one()
    {
        var group = new JobcenterGroup { Kind = GroupKind.ZktOfState, State = "DE-NW", MembersAsOf = "2016-06-30" };

        var series = await fixture.Reader.GetSeriesAsync(new GetSeriesRequest
        {
            Subject = new Subject { Group = group }, Code = "elb_stock", FromMonth = "2010-01", ToMonth = "2010-01",
        });

        Assert.Equal(18, series.Members.Count);
        Assert.Contains("jc-05554", series.Members);
        Assert.DoesNotContain("jc-05334", series.Members);   // StädteRegion Aachen is a gE
        Assert.Equal("", series.Points[0].Value);
        Assert.Matches("^elb_stock 2010-01 missing for 05[0-9]{3}$", series.Points[0].Missing);
    }
}
