using Xunit.Abstractions;
using Zielsteuerung.Kpi.V1;

namespace Demo.Tests;

/// <summary>The first load's KPI data: what the seeds' targets need, readable.</summary>
[Collection(DemoCollection.Name)]
public sealed class KpiDataTests(DemoFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_KPI_data_give_the_steering_values_of_the_seeds_targets_with_their_prior_years()
    {
        var jobcenter = await fixture.KpiAs("jc-05554");
        var borken = await jobcenter.GetSteeringValuesAsync(new GetSteeringValuesRequest
        {
            Subject = new Subject { JobcenterId = "jc-05554" }, Code = "K2", Measure = SteeringMeasure.Jfw, Year = 2018, Basis = DataBasis.Final,
        });
        Assert.Equal(12, borken.Months.Count);
        Assert.All(borken.Months, m => Assert.True(m is { Value.Length: > 0, PriorYearValue.Length: > 0, ChangePercent.Length: > 0 }, $"{m}"));
        output.WriteLine($"K2 Kreis Borken 2018-12 (JFW, final): {borken.Months[11].Value} % (2017: {borken.Months[11].PriorYearValue} %)");

        // BMAS–NRW 2016's K2 target: the zkT of NRW on average, t-0, against 2015; and the years before for the forecast
        // (a JFW needs the prior December: from 2012 on, the data starting in 2011-01).
        var ministry = await fixture.KpiAs("bmas");
        foreach (var year in Enumerable.Range(2012, 5))
        {
            var zkt = await ministry.GetSteeringValuesAsync(new GetSteeringValuesRequest
            {
                Subject = new Subject { Group = new JobcenterGroup { Kind = GroupKind.ZktOfState, State = "DE-NW", Aggregation = Aggregation.MeanOfMembers } },
                Code = "K2", Measure = SteeringMeasure.Jfw, Year = year, Basis = DataBasis.T0,
            });
            Assert.True(zkt.Months.Count == 12 && zkt.Months[11].Value.Length > 0, $"{year}: {zkt}");
        }
    }
}
