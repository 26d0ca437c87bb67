namespace Kpi.DataGenerator.Model;

/// <summary>The common course of the years for all jobcenters (relative factors, 2015 = 1): the slow decline of the
/// stock 2011–2019, the refugees recognised from late 2015 on, COVID-19 in 2020/21, the Ukrainians moving to SGB II in
/// June 2022, seasonality, and the Regelbedarf.</summary>
internal static class Economy
{
    private static readonly (int Month, double Value)[] StructuralAnchors =
    [
        (At(2010, 7), 1.06), (At(2011, 7), 1.05), (At(2012, 7), 1.03), (At(2013, 7), 1.02), (At(2014, 7), 1.01),
        (At(2015, 7), 1.00), (At(2016, 7), 0.995), (At(2017, 7), 0.98), (At(2018, 7), 0.95), (At(2019, 7), 0.92),
        (At(2020, 7), 0.905), (At(2021, 7), 0.89), (At(2022, 7), 0.87), (At(2023, 7), 0.86), (At(2024, 7), 0.87),
        (At(2025, 7), 0.88),
    ];

    // Share of the jobcenter's own refugee surplus (its profile's RefugeeRise) reached at a month.
    private static readonly (int Month, double Value)[] RefugeeAnchors =
    [
        (At(2015, 8), 0.0), (At(2016, 6), 0.4), (At(2017, 12), 1.0), (At(2020, 12), 0.75), (At(2025, 12), 0.5),
    ];

    private static readonly (int Month, double Value)[] CovidStockAnchors =
    [
        (At(2020, 3), 0.0), (At(2020, 5), 0.07), (At(2020, 12), 0.07), (At(2021, 12), 0.02), (At(2022, 6), 0.0),
    ];

    private static readonly (int Month, double Value)[] UkraineAnchors =
    [
        (At(2022, 5), 0.0), (At(2022, 6), 0.04), (At(2022, 8), 0.07), (At(2023, 6), 0.08), (At(2025, 12), 0.07),
    ];

    // Integrations per ELB: the general labour market (the 2018/19 profile value = 1).
    private static readonly double[] IntegrationYear =
        [1.04, 1.02, 0.99, 1.00, 1.00, 1.00, 1.00, 1.02, 1.02, 1.00, 0.97, 1.00, 0.98, 0.95, 0.93];

    private static readonly double[] CovidIntegrations2020 = [1, 1, 0.9, 0.62, 0.72, 0.85, 0.92, 0.95, 0.95, 0.95, 0.9, 0.9];
    private static readonly double[] CovidIntegrations2021 = [0.85, 0.85, 0.88, 0.92, 0.92, 0.94, 0.97, 0.97, 0.98, 0.98, 0.98, 0.97];

    // Spring and autumn (training starts in August/September) high, December low; mean 1.
    private static readonly double[] IntegrationSeason = [0.95, 0.98, 1.08, 1.05, 1.03, 0.97, 0.98, 1.12, 1.15, 1.05, 0.97, 0.67];

    // Higher in winter.
    private static readonly double[] StockSeason = [1.012, 1.015, 1.010, 1.003, 0.997, 0.993, 0.995, 0.995, 0.990, 0.988, 0.992, 1.000];

    private static readonly double[] IntakeSeason = [1.15, 1.0, 0.98, 0.95, 0.95, 1.0, 1.08, 1.02, 0.97, 0.95, 0.95, 1.0];

    private static readonly double[] MeasureSeason = [0.93, 1.0, 1.04, 1.05, 1.05, 1.02, 0.95, 0.95, 1.02, 1.05, 1.04, 0.92];

    // Regelbedarf of a single adult, EUR per month (Regelbedarfsstufe 1).
    private static readonly double[] Regelbedarf = [364, 374, 382, 391, 399, 404, 409, 416, 424, 432, 446, 449, 502, 563, 563];

    public const int FirstYear = 2011;

    public static double Structural(int month) => Interpolate(StructuralAnchors, month);

    public static double RefugeeShare(int month) => Interpolate(RefugeeAnchors, month);

    public static double CovidStock(int month) => Interpolate(CovidStockAnchors, month);

    public static double Ukraine(int month) => Interpolate(UkraineAnchors, month);

    public static double StockSeasonOf(int month) => StockSeason[MonthIndex.Month(month) - 1];

    public static double IntakeSeasonOf(int month) => IntakeSeason[MonthIndex.Month(month) - 1];

    public static double MeasureSeasonOf(int month) => MeasureSeason[MonthIndex.Month(month) - 1];

    /// <summary>Integrations per ELB relative to the jobcenter's 2018/19 rate, without the refugees' own lower rate.</summary>
    public static double IntegrationFactor(int month)
    {
        var calendar = MonthIndex.Month(month) - 1;
        var factor = ByYear(IntegrationYear, month) * IntegrationSeason[calendar];
        return MonthIndex.Year(month) switch
        {
            2020 => factor * CovidIntegrations2020[calendar],
            2021 => factor * CovidIntegrations2021[calendar],
            _ => factor,
        };
    }

    /// <summary>How well recognised refugees integrate relative to the other ELB: low at first, approaching the others.</summary>
    public static double RefugeeIntegrationRelative(int month) =>
        Interpolate([(At(2016, 1), 0.3), (At(2019, 12), 0.9), (At(2025, 12), 0.95)], month);

    public static double RegelbedarfOf(int month) => ByYear(Regelbedarf, month);

    /// <summary>Housing and heating costs per ELB and month, EUR, before the jobcenter's rent level.</summary>
    public static double HousingPerElb(int month)
    {
        var years = (month - At(2011, 1)) / 12.0;
        var energy = MonthIndex.Year(month) >= 2023 ? 1.08 : 1.0;
        return 265.0 * (1.0 + 0.025 * years) * energy;
    }

    /// <summary>Entries into publicly funded employment per ELB and month: cut by the 2012 instrument reform, raised by
    /// the Teilhabechancengesetz (§ 16i) from 2019.</summary>
    public static double FundedEmploymentRate(int month) =>
        Interpolate([(At(2011, 1), 0.0045), (At(2013, 1), 0.0028), (At(2018, 12), 0.0026), (At(2019, 6), 0.0036), (At(2025, 12), 0.0030)], month);

    private static int At(int year, int month) => MonthIndex.Of(year, month);

    private static double ByYear(double[] values, int month) =>
        values[Math.Clamp(MonthIndex.Year(month) - FirstYear, 0, values.Length - 1)];

    private static double Interpolate((int Month, double Value)[] anchors, int month)
    {
        if (month <= anchors[0].Month) return anchors[0].Value;
        for (var i = 1; i < anchors.Length; i++)
        {
            if (month > anchors[i].Month) continue;
            var (m0, v0) = anchors[i - 1];
            var (m1, v1) = anchors[i];
            return v0 + (v1 - v0) * (month - m0) / (m1 - m0);
        }
        return anchors[^1].Value;
    }
}
