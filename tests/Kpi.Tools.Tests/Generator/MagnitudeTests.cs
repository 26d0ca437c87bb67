using Kpi.DataGenerator.Jobcenters;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Generator;

/// <summary>The generated history against DOMAIN.md § 6.</summary>
public class MagnitudeTests(GeneratedHistory history) : IClassFixture<GeneratedHistory>
{
    private static readonly string[] CountCodes =
    [
        "elb_stock", "elb_intakes", "elb_exits", "integrations", "integrations_single_parents", "integrations_lzb",
        "single_parents_stock", "lzb_stock", "lzb_intakes", "lzb_exits", "lzb_in_measures", "entries_marginal_employment",
        "entries_funded_employment", "continued_employments",
    ];

    private static readonly int[] Years = Enumerable.Range(2012, 14).ToArray();

    [Fact]
    public void Covers_the_53_nrw_jobcenters_2011_to_2025_with_16_quantities()
    {
        Assert.Equal(53, NrwJobcenters.All.Count);
        Assert.Equal(NrwJobcenters.All.Select(j => j.Ags), history.Jobcenters);
        Assert.Equal(53 * 180 * (14 * 3 + 2), history.Count);
    }

    [Fact]
    public void Women_and_men_add_up_to_the_total_for_every_count()
    {
        foreach (var jobcenter in history.Jobcenters)
            foreach (var month in Enumerable.Range(2011, 15).SelectMany(GeneratedHistory.MonthsOf))
                foreach (var code in CountCodes)
                    Assert.Equal(history[jobcenter, month, code], history[jobcenter, month, code, Sex.Women] + history[jobcenter, month, code, Sex.Men]);
    }

    [Fact]
    public void Benefits_in_eur_have_no_sexes()
    {
        Assert.False(history.Has("05554", "2015-06", "living_cost_benefits", Sex.Women));
        Assert.False(history.Has("05554", "2015-06", "housing_benefits", Sex.Men));
        var perElb = history["05554", "2015-06", "living_cost_benefits"] / (double)history["05554", "2015-06", "elb_stock"];
        Assert.InRange(perElb, 300, 450);
    }

    [Fact]
    public void Borken_has_about_10785_elb_in_2015()
    {
        Assert.InRange(history.YearMean("05554", 2015, "elb_stock"), 10_785 * 0.85, 10_785 * 1.15);
    }

    [Fact]
    public void Elb_ranges_from_5000_to_big_cities_far_above_60000()
    {
        var means = history.Jobcenters.ToDictionary(j => j, j => history.YearMean(j, 2015, "elb_stock"));
        Assert.All(means.Values, mean => Assert.InRange(mean, 4_500, 100_000));
        Assert.All(new[] { "05315", "05913", "05113" }, city => Assert.True(means[city] > 60_000, $"{city}: {means[city]:N0}"));
        Assert.Equal(["05315", "05913", "05113"], means.OrderByDescending(m => m.Value).Take(3).Select(m => m.Key));
    }

    [Fact]
    public void The_yearly_integrationsquote_stays_between_15_and_36_percent_everywhere()
    {
        foreach (var jobcenter in history.Jobcenters)
            foreach (var year in Years)
                Assert.InRange(history.YearRate(jobcenter, year, "integrations", "elb_stock"), 15, 36);
    }

    [Fact]
    public void Recklinghausen_is_lowest_and_heinsberg_highest_in_2018_19()
    {
        var k2 = history.Jobcenters.ToDictionary(j => j,
            j => (history.YearRate(j, 2018, "integrations", "elb_stock") + history.YearRate(j, 2019, "integrations", "elb_stock")) / 2);
        Assert.Equal("05562", k2.MinBy(x => x.Value).Key);
        Assert.Equal("05370", k2.MaxBy(x => x.Value).Key);
        Assert.InRange(k2["05562"], 16.5, 19.5);
        Assert.InRange(k2["05370"], 31.5, 34.5);
    }

    [Fact]
    public void Women_integrate_less_than_men_long_term_recipients_and_single_parents_less_than_all()
    {
        foreach (var jobcenter in history.Jobcenters)
        {
            var all = history.YearRate(jobcenter, 2014, "integrations", "elb_stock");
            var women = history.YearRate(jobcenter, 2014, "integrations", "elb_stock", Sex.Women);
            var men = history.YearRate(jobcenter, 2014, "integrations", "elb_stock", Sex.Men);
            Assert.True(women < all && all < men, $"{jobcenter}: women {women:N1}, all {all:N1}, men {men:N1}");
            Assert.InRange(women / men, 0.55, 0.8);
            var lzb = history.YearRate(jobcenter, 2014, "integrations_lzb", "lzb_stock");
            Assert.InRange(lzb / all, 0.55, 0.8);
            var singleParents = history.YearRate(jobcenter, 2014, "integrations_single_parents", "single_parents_stock");
            Assert.True(singleParents < all, $"{jobcenter}: single parents {singleParents:N1}, all {all:N1}");
        }
    }

    [Fact]
    public void Long_term_recipients_are_61_to_76_percent_of_elb_in_2018_19_and_single_parents_10_to_15()
    {
        foreach (var jobcenter in history.Jobcenters)
        {
            var lzb = (history.YearMean(jobcenter, 2018, "lzb_stock") + history.YearMean(jobcenter, 2019, "lzb_stock"))
                / (history.YearMean(jobcenter, 2018, "elb_stock") + history.YearMean(jobcenter, 2019, "elb_stock"));
            Assert.InRange(lzb, 0.58, 0.79);
            var singleParents = history.YearMean(jobcenter, 2015, "single_parents_stock") / history.YearMean(jobcenter, 2015, "elb_stock");
            Assert.InRange(singleParents, 0.09, 0.16);
            var measures = history.YearMean(jobcenter, 2015, "lzb_in_measures") / history.YearMean(jobcenter, 2015, "lzb_stock");
            Assert.InRange(measures, 0.07, 0.16);
        }
    }

    [Fact]
    public void Stocks_follow_their_intakes_and_exits()
    {
        foreach (var jobcenter in history.Jobcenters)
        {
            var months = Enumerable.Range(2011, 15).SelectMany(GeneratedHistory.MonthsOf).ToList();
            for (var i = 1; i < months.Count; i++)
            {
                Assert.Equal(history[jobcenter, months[i], "elb_stock"],
                    history[jobcenter, months[i - 1], "elb_stock"] + history[jobcenter, months[i], "elb_intakes"] - history[jobcenter, months[i], "elb_exits"]);
                Assert.Equal(history[jobcenter, months[i], "lzb_stock"],
                    history[jobcenter, months[i - 1], "lzb_stock"] + history[jobcenter, months[i], "lzb_intakes"] - history[jobcenter, months[i], "lzb_exits"]);
            }
        }
    }

    [Fact]
    public void Continued_employments_are_60_to_75_percent_of_the_integrations_a_year_before()
    {
        foreach (var jobcenter in history.Jobcenters)
            foreach (var year in Years)
                Assert.InRange(history.YearSum(jobcenter, year, "continued_employments") / (double)history.YearSum(jobcenter, year - 1, "integrations"), 0.55, 0.8);
    }

    [Fact]
    public void The_refugees_raise_elb_by_10_to_20_percent_with_lower_integration_rates_at_first()
    {
        double Nrw(int year, Func<string, double> perJobcenter) => history.Jobcenters.Sum(perJobcenter);
        var elb2015 = Nrw(2015, j => history.YearMean(j, 2015, "elb_stock"));
        var elb2017 = Nrw(2017, j => history.YearMean(j, 2017, "elb_stock"));
        Assert.InRange(elb2017 / elb2015, 1.08, 1.20);

        double K2(int year) => 100 * Nrw(year, j => history.YearSum(j, year, "integrations")) / Nrw(year, j => history.YearMean(j, year, "elb_stock"));
        Assert.True(K2(2016) < K2(2015) - 0.5, $"K2 2015 {K2(2015):N1}, 2016 {K2(2016):N1}");
        Assert.True(K2(2019) > K2(2017) + 0.5, $"K2 2017 {K2(2017):N1}, 2019 {K2(2019):N1}");
    }

    [Fact]
    public void Covid_lowers_integrations_in_2020_and_raises_the_stock()
    {
        double NrwSum(int year, string code) => history.Jobcenters.Sum(j => history.YearSum(j, year, code));
        Assert.True(NrwSum(2020, "integrations") < 0.9 * NrwSum(2019, "integrations"), $"2019 {NrwSum(2019, "integrations"):N0}, 2020 {NrwSum(2020, "integrations"):N0}");
        double NrwStock(string month) => history.Jobcenters.Sum(j => history[j, month, "elb_stock"]);
        Assert.True(NrwStock("2020-08") > 1.02 * NrwStock("2019-08"), $"Aug 2019 {NrwStock("2019-08"):N0}, Aug 2020 {NrwStock("2020-08"):N0}");
        Assert.True(NrwSum(2022, "integrations") > 1.04 * NrwSum(2020, "integrations"), $"2020 {NrwSum(2020, "integrations"):N0}, 2022 {NrwSum(2022, "integrations"):N0}");
    }

    [Fact]
    public void Integrations_are_seasonal_with_a_low_december()
    {
        double NrwMonth(int month) => history.Jobcenters.Sum(j => Enumerable.Range(2012, 8).Sum(y => history[j, $"{y}-{month:D2}", "integrations"]));
        Assert.True(NrwMonth(12) < 0.8 * NrwMonth(11));
        Assert.True(NrwMonth(9) > NrwMonth(7));
        Assert.True(NrwMonth(3) > NrwMonth(1));
        double NrwStock(int month) => history.Jobcenters.Sum(j => history[j, $"2014-{month:D2}", "elb_stock"]);
        Assert.True(NrwStock(2) > NrwStock(10));
    }
}
