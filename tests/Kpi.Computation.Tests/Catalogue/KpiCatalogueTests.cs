namespace Kpi.Computation.Tests.Catalogue;

public class KpiCatalogueTests
{
    [Fact]
    public void Holds_exactly_the_base_quantities()
    {
        string[] expected =
        [
            "elb_stock", "elb_intakes", "elb_exits", "integrations", "integrations_single_parents", "integrations_lzb",
            "single_parents_stock", "lzb_stock", "lzb_intakes", "lzb_exits", "lzb_in_measures", "living_cost_benefits",
            "housing_benefits", "entries_marginal_employment", "entries_funded_employment", "continued_employments",
        ];

        Assert.Equal(expected, KpiCatalogue.Quantities.Select(q => q.Code));
        Assert.Equal(["elb_stock", "single_parents_stock", "lzb_stock", "lzb_in_measures"],
            KpiCatalogue.Quantities.Where(q => q.Kind == QuantityKind.Stock).Select(q => q.Code));
        Assert.Equal(["living_cost_benefits", "housing_benefits"], KpiCatalogue.Quantities.Where(q => !q.BySex).Select(q => q.Code));
        Assert.All(KpiCatalogue.Quantities.Where(q => !q.BySex), q => Assert.Equal("EUR", q.Unit));
        Assert.All(KpiCatalogue.Quantities, q => Assert.False(string.IsNullOrWhiteSpace(q.NameDe + q.NameEn)));
    }

    [Fact]
    public void Holds_exactly_the_figures_with_their_forms()
    {
        var forms = KpiCatalogue.Figures.ToDictionary(f => f.Id, f => f.Form);

        Assert.Equal(["K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4", "K3", "K3E1", "K3E2", "K3E3", "K3E4"], forms.Keys);
        Assert.Equal(["K1", "K1E1", "K1E2", "K3"], Ids(f => f.Form == FigureForm.ChangeVsPriorYear));
        Assert.Equal(["K2", "K2E1", "K2E2", "K2E4", "K3E1"], Ids(f => f.Form == FigureForm.RateOfTwelveMonths));
        Assert.Equal(["K1E3", "K1E4", "K3E3", "K3E4"], Ids(f => f.Form == FigureForm.MeanOfMonthlyRates));
        Assert.Equal(FigureForm.RatioOfTwelveMonthSums, forms["K2E3"]);
        Assert.Equal(FigureForm.MonthlyRatio, forms["K3E2"]);
        Assert.All(KpiCatalogue.Figures, f => Assert.Equal("%", f.Unit));
        Assert.All(KpiCatalogue.Figures.SelectMany(f => f.Quantities), code => Assert.NotNull(KpiCatalogue.FindQuantity(code)));
    }

    [Fact]
    public void Names_the_figures_as_the_Verordnung_does()
    {
        Assert.Equal("Integrationsquote", KpiCatalogue.FindFigure("K2")!.NameDe);
        Assert.Equal("Veränderung des Bestands an Langzeitleistungsbeziehenden", KpiCatalogue.FindFigure("K3")!.NameDe);
        Assert.Equal("Kontinuierliche Beschäftigung nach Integration", KpiCatalogue.FindFigure("K2E3")!.NameDe);
    }

    [Fact]
    public void Marks_the_unverified_rules_and_names_the_averaging_rule()
    {
        Assert.Equal(["K1E3", "K1E4", "K2E3", "K3E3", "K3E4"], Ids(f => !f.Verified));
        Assert.Equal(["K1E3", "K1E4", "K3E3", "K3E4"], Ids(f => f.AveragingRule == AveragingRule.StockWeightedMean));
        Assert.Equal("stock_weighted_mean", AveragingRule.StockWeightedMean.Code());
        Assert.Equal("simple_mean", AveragingRule.StockWeightedMean.Other().Code());
    }

    [Fact]
    public void Gives_the_direction_of_better()
    {
        Assert.Equal(["K1", "K1E1", "K1E2", "K1E3", "K3", "K3E3"], Ids(f => f.Polarity == Polarity.LowerIsBetter));
        Assert.Equal(["K2E1", "K2E2"], Ids(f => f.Polarity == Polarity.Context));
    }

    [Fact]
    public void Finds_by_code_and_not_otherwise()
    {
        Assert.Equal(QuantityKind.Flow, KpiCatalogue.FindQuantity("integrations")!.Kind);
        Assert.Null(KpiCatalogue.FindQuantity("K2"));
        Assert.Null(KpiCatalogue.FindFigure("k2"));
        Assert.Null(KpiCatalogue.FindFigure("K4"));
    }

    private static IEnumerable<string> Ids(Func<FigureDefinition, bool> predicate) => KpiCatalogue.Figures.Where(predicate).Select(f => f.Id);
}
