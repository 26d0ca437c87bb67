namespace Kpi.DataGenerator.Model;

/// <summary>The 16 base quantities, in the order they are written.</summary>
internal enum Quantity
{
    ElbStock,
    ElbIntakes,
    ElbExits,
    Integrations,
    IntegrationsSingleParents,
    IntegrationsLzb,
    SingleParentsStock,
    LzbStock,
    LzbIntakes,
    LzbExits,
    LzbInMeasures,
    LivingCostBenefits,
    HousingBenefits,
    EntriesMarginalEmployment,
    EntriesFundedEmployment,
    ContinuedEmployments,
}

/// <summary>How a quantity's t-0 value (ohne Wartezeit) differs from its final one.</summary>
internal enum LateReports
{
    /// <summary>A stock at the month's end: t-0 mostly equals final.</summary>
    Few,
    /// <summary>A flow, or people in measures: later reports add 0.5–2 %.</summary>
    Many,
}

internal sealed record QuantityInfo(Quantity Quantity, string Code, bool BySex, LateReports LateReports);

internal static class Quantities
{
    public const int Count = 16;

    public static readonly IReadOnlyList<QuantityInfo> All =
    [
        new(Quantity.ElbStock, "elb_stock", true, LateReports.Few),
        new(Quantity.ElbIntakes, "elb_intakes", true, LateReports.Many),
        new(Quantity.ElbExits, "elb_exits", true, LateReports.Many),
        new(Quantity.Integrations, "integrations", true, LateReports.Many),
        new(Quantity.IntegrationsSingleParents, "integrations_single_parents", true, LateReports.Many),
        new(Quantity.IntegrationsLzb, "integrations_lzb", true, LateReports.Many),
        new(Quantity.SingleParentsStock, "single_parents_stock", true, LateReports.Few),
        new(Quantity.LzbStock, "lzb_stock", true, LateReports.Few),
        new(Quantity.LzbIntakes, "lzb_intakes", true, LateReports.Many),
        new(Quantity.LzbExits, "lzb_exits", true, LateReports.Many),
        new(Quantity.LzbInMeasures, "lzb_in_measures", true, LateReports.Many),
        new(Quantity.LivingCostBenefits, "living_cost_benefits", false, LateReports.Many),
        new(Quantity.HousingBenefits, "housing_benefits", false, LateReports.Many),
        new(Quantity.EntriesMarginalEmployment, "entries_marginal_employment", true, LateReports.Many),
        new(Quantity.EntriesFundedEmployment, "entries_funded_employment", true, LateReports.Many),
        new(Quantity.ContinuedEmployments, "continued_employments", true, LateReports.Many),
    ];

    public static QuantityInfo Of(Quantity quantity) => All[(int)quantity];
}
