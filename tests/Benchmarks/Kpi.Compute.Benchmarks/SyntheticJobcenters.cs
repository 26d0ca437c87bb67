using Kpi.Computation;

namespace Kpi.Compute.Benchmarks;

/// <summary>
/// Base quantities of made-up jobcenters with the magnitudes of DOMAIN.md § 6: 5,000–60,000 ELB with a seasonal swing
/// and a trend, LZB 61–76 % of them, about 2 % of the ELB integrated a month, benefits in EUR with cents.
/// Deterministic (seeded).
/// </summary>
internal static class SyntheticJobcenters
{
    public static QuantityTable[] Create(int count, YearMonth first, YearMonth last, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Create(random, first, last)).ToArray();
    }

    private static QuantityTable Create(Random random, YearMonth first, YearMonth last)
    {
        var table = new QuantityTable();
        var baseElb = random.Next(5_000, 60_001);
        var lzbShare = 0.61 + random.NextDouble() * 0.15;
        var yearlyTrend = -0.03 + random.NextDouble() * 0.04;
        var integrationRate = 0.015 + random.NextDouble() * 0.01;
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            var years = month.MonthsSince(first) / 12.0;
            var season = 1 + 0.03 * Math.Cos(2 * Math.PI * (month.Month - 1) / 12);
            double Noise(double spread) => 1 + (random.NextDouble() * 2 - 1) * spread;
            var elb = baseElb * Math.Pow(1 + yearlyTrend, years) * season * Noise(0.005);
            var lzb = elb * lzbShare * Noise(0.005);
            var singleParents = elb * 0.1 * Noise(0.01);
            var integrations = elb * integrationRate * Noise(0.08);

            Set(table, "elb_stock", month, elb);
            Set(table, "elb_intakes", month, elb * 0.030 * Noise(0.1));
            Set(table, "elb_exits", month, elb * 0.032 * Noise(0.1));
            Set(table, "integrations", month, integrations);
            Set(table, "integrations_single_parents", month, singleParents * 0.015 * Noise(0.1));
            Set(table, "integrations_lzb", month, lzb * 0.012 * Noise(0.1));
            Set(table, "single_parents_stock", month, singleParents);
            Set(table, "lzb_stock", month, lzb);
            Set(table, "lzb_intakes", month, lzb * 0.020 * Noise(0.1));
            Set(table, "lzb_exits", month, lzb * 0.025 * Noise(0.1));
            Set(table, "lzb_in_measures", month, lzb * 0.10 * Noise(0.05));
            SetEuros(table, "living_cost_benefits", month, elb * 450 * Noise(0.02));
            SetEuros(table, "housing_benefits", month, elb * 380 * Noise(0.02));
            Set(table, "entries_marginal_employment", month, elb * 0.006 * Noise(0.15));
            Set(table, "entries_funded_employment", month, elb * 0.003 * Noise(0.15));
            Set(table, "continued_employments", month, integrations * 0.7 * Noise(0.05));
        }

        return table;
    }

    private static void Set(QuantityTable table, string code, YearMonth month, double value) => table.Set(code, month, (long)Math.Round(value));

    private static void SetEuros(QuantityTable table, string code, YearMonth month, double euros) =>
        table.Set(code, month, new Rational((long)Math.Round(euros * 100), 100));
}
