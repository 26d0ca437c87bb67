namespace Kpi.Computation.Tests;

public class CatalogueTests
{
    [Fact]
    public void Lists_sixteen_quantities_and_the_fifteen_figures()
    {
        Assert.Equal(16, KpiCatalogue.Quantities.Count);
        Assert.Equal(
            ["K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4", "K3", "K3E1", "K3E2", "K3E3", "K3E4"],
            KpiCatalogue.Figures.Select(f => f.Id));
    }

    [Fact]
    public void Every_quantity_a_figure_needs_is_in_the_catalogue()
    {
        Assert.All(KpiCatalogue.Figures.SelectMany(f => f.Quantities), code => Assert.NotNull(KpiCatalogue.FindQuantity(code)));
    }

    [Fact]
    public void The_exit_rates_lag_their_denominator_and_the_intake_rates_do_not()
    {
        Assert.Equal(1, KpiCatalogue.FindFigure("K1E4")!.DenominatorLag);
        Assert.Equal(1, KpiCatalogue.FindFigure("K3E4")!.DenominatorLag);
        Assert.Equal(0, KpiCatalogue.FindFigure("K1E3")!.DenominatorLag);
        Assert.Equal(0, KpiCatalogue.FindFigure("K3E3")!.DenominatorLag);
        Assert.Null(KpiCatalogue.FindFigure("K4"));
    }
}
