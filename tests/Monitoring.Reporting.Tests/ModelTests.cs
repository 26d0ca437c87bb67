using static Monitoring.Reporting.Tests.Borken;

namespace Monitoring.Reporting.Tests;

public class ModelTests
{
    [Fact]
    public void Report_provenance_is_the_common_agreement_version_and_every_delivery_once()
    {
        var provenance = ReportProvenance.Of([Integrations().Result, K2().Result, K3E1().Result]);
        Assert.Equal(("zv-2018-0001", 7L), (provenance.AgreementId, provenance.AgreementVersion));
        Assert.Equal(["dlv-000017", "dlv-000021"], provenance.KpiDeliveryIds);
    }

    [Fact]
    public void Results_of_different_agreement_versions_make_no_report()
    {
        var other = K2().Result with { Provenance = new Provenance("zv-2018-0001", 8, ["dlv-000017"]) };
        Assert.Throws<ArgumentException>(() => ReportProvenance.Of([Integrations().Result, other]));
        Assert.Throws<ArgumentException>(() => ReportProvenance.Of([]));
    }

    [Theory]
    [InlineData(MeasureState.Open, "2018-09-30", true)]
    [InlineData(MeasureState.InProgress, "2018-09-30", true)]
    [InlineData(MeasureState.Done, "2018-09-30", false)]
    [InlineData(MeasureState.Dropped, "2018-09-30", false)]
    [InlineData(MeasureState.Open, "2018-11-28", false)] // due today is not overdue
    public void Measure_is_overdue_when_past_due_and_not_finished(MeasureState state, string due, bool overdue)
    {
        var measure = new AgreedMeasure("m", "o", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), state);
        Assert.Equal(overdue, measure.IsOverdue(new DateOnly(2018, 11, 28)));
        Assert.False((measure with { DueOn = null }).IsOverdue(new DateOnly(2018, 11, 28)));
    }

    [Fact]
    public void Indicator_names_and_formats_come_from_the_catalogue_unless_given()
    {
        Assert.Equal("Integrationsquote (K2)", K2().Indicator);
        Assert.Equal(ValueFormat.Percent, K2().ValueFormat);
        Assert.Equal("Integrationen in Erwerbstätigkeit", Integrations().Indicator);
        Assert.Equal(ValueFormat.Count, Integrations().ValueFormat);
        Assert.Equal(ValueFormat.Euro, ValueFormat.For("living_cost_benefits"));
        Assert.Equal(ValueFormat.Count, ValueFormat.For("local_code"));
        Assert.Equal("Integrationsquote der ELB aus den 8 wichtigsten Asylherkunftsländern", RefugeesObserved().Indicator);
        Assert.Equal(ValueFormat.Percent, RefugeesObserved().ValueFormat);
        Assert.Equal("k2_asyl", (RefugeesObserved() with { IndicatorName = null }).Indicator);
    }

    [Fact]
    public void Prior_year_months_come_from_the_prior_year_series_else_from_the_result()
    {
        var k2 = K2();
        Assert.Equal(R("29.1"), k2.PriorYearByMonth()[11]);
        var withoutSeries = (k2 with { PriorYear = null }).PriorYearByMonth();
        Assert.Equal(R("24.25"), withoutSeries[9]);
        Assert.Null(withoutSeries[10]);
    }
}
