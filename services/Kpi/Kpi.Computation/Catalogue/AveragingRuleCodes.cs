namespace Kpi.Computation;

/// <summary>The names the contract gives the averaging rules ("stock_weighted_mean", "simple_mean").</summary>
public static class AveragingRuleCodes
{
    public const string StockWeightedMean = "stock_weighted_mean";
    public const string SimpleMean = "simple_mean";

    /// <summary>The rule's name; "" for <see cref="AveragingRule.None"/>.</summary>
    public static string Code(this AveragingRule rule) => rule switch
    {
        AveragingRule.StockWeightedMean => StockWeightedMean,
        AveragingRule.SimpleMean => SimpleMean,
        _ => "",
    };

    /// <summary>The rule that is not <paramref name="rule"/>, for means of monthly rates.</summary>
    public static AveragingRule Other(this AveragingRule rule) => rule switch
    {
        AveragingRule.StockWeightedMean => AveragingRule.SimpleMean,
        AveragingRule.SimpleMean => AveragingRule.StockWeightedMean,
        _ => AveragingRule.None,
    };
}
