namespace Kpi.DataGenerator.Model;

/// <summary>One jobcenter month by month from <see cref="Start"/>: stocks follow the jobcenter's profile and the
/// <see cref="Economy"/>, flows keep stock(m) = stock(m−1) + intakes − exits, integrations follow the Integrationsquote.
/// The noise is drawn in the same order whatever is written, so a subset of the output equals the same part of the
/// full output.</summary>
internal sealed class JobcenterSimulation
{
    public static readonly int Start = MonthIndex.Of(Economy.FirstYear, 1);

    private const int History = 12;

    private readonly JobcenterProfile _profile;
    private readonly Noise _noise;
    private readonly double _intakeRate, _lzbIntakeRate, _singleParentShare, _measureShare, _continuedRate, _marginalRate;
    private readonly double _womenElb, _womenIntegrations, _drift, _ukraineFactor;
    private readonly long[,] _integrationsBySex = new long[History, 3];

    private int _month;
    private long _elb, _lzb, _singleParents;
    private double _elbNoise, _lzbNoise, _singleParentNoise;

    public JobcenterSimulation(string ags, JobcenterProfile profile, ulong seed)
    {
        _profile = profile;
        _noise = new Noise(Noise.Mix(seed, ulong.Parse(ags, System.Globalization.CultureInfo.InvariantCulture)));
        _intakeRate = _noise.Uniform(0.030, 0.038);
        _lzbIntakeRate = _noise.Uniform(0.016, 0.022);
        _singleParentShare = _noise.Uniform(0.10, 0.15);
        _measureShare = _noise.Uniform(0.08, 0.15);
        _continuedRate = _noise.Uniform(0.60, 0.75);
        _marginalRate = _noise.Uniform(0.0045, 0.0065);
        _womenElb = _noise.Uniform(0.49, 0.52);
        _womenIntegrations = _noise.Uniform(0.38, 0.41);
        _drift = _noise.Uniform(-0.006, 0.006);
        _ukraineFactor = _noise.Uniform(0.7, 1.3);

        _month = Start;
        _elb = Round(ElbLevel(Start - 1));
        _lzb = Round(LzbLevel(Start - 1));
        _singleParents = Round(SingleParentLevel(Start - 1));
    }

    public MonthQuantities Next()
    {
        var t = _month++;
        var q = new MonthQuantities(t);
        var elbPrev = _elb;
        var lzbPrev = _lzb;
        var singleParentsPrev = _singleParents;

        _elbNoise = 0.7 * _elbNoise + 0.003 * _noise.Normal();
        var (elbIntakes, elbExits) = Flows(elbPrev, ElbLevel(t) * (1 + _elbNoise), _intakeRate * Economy.IntakeSeasonOf(t));
        _elb = elbPrev + elbIntakes - elbExits;
        var womenElb = WomenShareOfElb(t);
        SetStock(q, Quantity.ElbStock, _elb, womenElb);
        SetFlow(q, Quantity.ElbIntakes, elbIntakes, womenElb - 0.03);
        SetFlow(q, Quantity.ElbExits, elbExits, womenElb - 0.03);

        var integrationRate = _profile.K2 / 100 / 12 * Economy.IntegrationFactor(t);
        var integrations = Count(elbPrev * integrationRate * NewcomerIntegration(t));
        var womenIntegrations = _womenIntegrations * womenElb / _womenElb;
        SetFlow(q, Quantity.Integrations, integrations, womenIntegrations);

        _singleParentNoise = 0.8 * _singleParentNoise + 0.004 * _noise.Normal();
        _singleParents = Round(SingleParentLevel(t) * (1 + _singleParentNoise));
        SetStock(q, Quantity.SingleParentsStock, _singleParents, _noise.Uniform(0.91, 0.93));
        SetFlow(q, Quantity.IntegrationsSingleParents, Math.Min(Count(singleParentsPrev * integrationRate * 0.80), integrations), 0.87);

        _lzbNoise = 0.8 * _lzbNoise + 0.002 * _noise.Normal();
        var lzbTarget = Math.Min(LzbLevel(t) * (1 + _lzbNoise), 0.9 * _elb);
        var (lzbIntakes, lzbExits) = Flows(lzbPrev, lzbTarget, _lzbIntakeRate);
        _lzb = lzbPrev + lzbIntakes - lzbExits;
        SetStock(q, Quantity.LzbStock, _lzb, 0.53);
        SetFlow(q, Quantity.LzbIntakes, lzbIntakes, 0.52);
        SetFlow(q, Quantity.LzbExits, lzbExits, 0.50);
        SetFlow(q, Quantity.IntegrationsLzb, Math.Min(Count(lzbPrev * integrationRate * 0.66), integrations), 0.40);
        var measures = _lzb * _measureShare * Economy.MeasureSeasonOf(t) * CovidMeasures(t);
        SetFlow(q, Quantity.LzbInMeasures, Math.Min(Count(measures), _lzb), 0.45);

        SetAmount(q, Quantity.LivingCostBenefits, _elb * Economy.RegelbedarfOf(t) * 0.92 * _noise.Factor(0.01));
        var heating = MonthIndex.Month(t) <= 2 ? 1.03 : 1.0;
        SetAmount(q, Quantity.HousingBenefits, _elb * Economy.HousingPerElb(t) * _profile.RentLevel * heating * _noise.Factor(0.012));

        var covid = MonthIndex.Year(t) is 2020 or 2021 ? Economy.IntegrationFactor(t) / Economy.IntegrationFactor(t - 24) : 1.0;
        SetFlow(q, Quantity.EntriesMarginalEmployment, Count(elbPrev * _marginalRate * Economy.IntakeSeasonOf(t) * covid), 0.55);
        SetFlow(q, Quantity.EntriesFundedEmployment, Count(elbPrev * Economy.FundedEmploymentRate(t)), 0.40);

        SetContinuedEmployments(q, t);
        return q;
    }

    private double ElbLevel(int t)
    {
        var years = (t - MonthIndex.Of(2015, 7)) / 12.0;
        var surplus = _profile.RefugeeRise * Economy.RefugeeShare(t) + Economy.CovidStock(t) + Economy.Ukraine(t) * _ukraineFactor;
        return _profile.Elb2015 * Economy.Structural(t) * (1 + _drift * years) * (1 + surplus) * Economy.StockSeasonOf(t);
    }

    // Refugees and COVID newcomers count as long-term recipients once they have been in need 21 of 24 months.
    private double LzbLevel(int t)
    {
        const int lzbAfter = 21;
        var years = (t - MonthIndex.Of(2015, 7)) / 12.0;
        var surplus = 0.9 * _profile.RefugeeRise * Economy.RefugeeShare(t - lzbAfter)
            + 0.8 * Economy.Ukraine(t - lzbAfter) * _ukraineFactor + 0.5 * Economy.CovidStock(t - lzbAfter);
        var season = 1 + 0.3 * (Economy.StockSeasonOf(t) - 1);
        return _profile.LzbShare * 1.03 * _profile.Elb2015 * Economy.Structural(t) * (1 + _drift * years) * (1 + surplus) * season;
    }

    private double SingleParentLevel(int t)
    {
        var years = (t - MonthIndex.Of(2015, 7)) / 12.0;
        var surplus = Economy.CovidStock(t) + 0.3 * Economy.Ukraine(t) * _ukraineFactor;
        return _singleParentShare * _profile.Elb2015 * Economy.Structural(t) * (1 + _drift * years) * (1 + surplus);
    }

    private double WomenShareOfElb(int t)
    {
        var refugees = _profile.RefugeeRise * Economy.RefugeeShare(t);
        var covid = Economy.CovidStock(t);
        var ukraine = Economy.Ukraine(t) * _ukraineFactor;
        return (_womenElb * (1 + covid) + 0.35 * refugees + 0.65 * ukraine) / (1 + refugees + covid + ukraine);
    }

    // Recognised refugees and Ukrainians integrate less at first.
    private double NewcomerIntegration(int t)
    {
        var refugees = _profile.RefugeeRise * Economy.RefugeeShare(t);
        var ukraine = Economy.Ukraine(t) * _ukraineFactor;
        var all = 1 + refugees + Economy.CovidStock(t) + ukraine;
        var relative = Economy.RefugeeIntegrationRelative(t);
        return (all - refugees * (1 - relative) - ukraine * 0.5) / all;
    }

    private static double CovidMeasures(int t) =>
        t >= MonthIndex.Of(2020, 4) && t <= MonthIndex.Of(2020, 6) ? 0.75 : 1.0;

    /// <summary>Intakes and exits that take the stock from <paramref name="previous"/> to <paramref name="target"/>.</summary>
    private (long Intakes, long Exits) Flows(long previous, double target, double intakeRate)
    {
        var baseIntakes = previous * intakeRate * _noise.Factor(0.03);
        var change = Round(target) - previous;
        var intakes = Round(baseIntakes + Math.Max(0, change) * 0.6);
        var exits = intakes - change;
        var fewestExits = Round(0.5 * baseIntakes);
        if (exits < fewestExits)
        {
            intakes += fewestExits - exits;
            exits = fewestExits;
        }
        return (intakes, exits);
    }

    private void SetContinuedEmployments(MonthQuantities q, int t)
    {
        var slot = (t - Start) % History;
        var hasYearAgo = t - Start >= History;
        for (var sex = MonthQuantities.Women; sex <= MonthQuantities.Men; sex++)
        {
            var yearAgo = hasYearAgo ? _integrationsBySex[slot, sex] : q.Final_(Quantity.Integrations, sex);
            var continued = Count(yearAgo * _continuedRate);
            q[Quantity.ContinuedEmployments, sex, MonthQuantities.Final] = continued;
            _integrationsBySex[slot, sex] = q.Final_(Quantity.Integrations, sex);
        }
        SetT0BySex(q, Quantity.ContinuedEmployments);
    }

    private void SetStock(MonthQuantities q, Quantity quantity, long total, double womenShare)
    {
        Split(q, quantity, MonthQuantities.Final, total, womenShare);
        var t0 = total;
        if (_noise.Uniform() < 0.1) t0 -= Round(total * _noise.Uniform(0, 0.002));
        Split(q, quantity, MonthQuantities.T0, t0, womenShare);
    }

    private void SetFlow(MonthQuantities q, Quantity quantity, long total, double womenShare)
    {
        var women = Math.Clamp(Round(total * womenShare * _noise.Factor(0.02)), 0, total);
        q[quantity, MonthQuantities.Women, MonthQuantities.Final] = women;
        q[quantity, MonthQuantities.Men, MonthQuantities.Final] = total - women;
        SetT0BySex(q, quantity);
    }

    private void SetT0BySex(MonthQuantities q, Quantity quantity)
    {
        var late = LateShare();
        long total = 0, totalT0 = 0;
        for (var sex = MonthQuantities.Women; sex <= MonthQuantities.Men; sex++)
        {
            var final = q[quantity, sex, MonthQuantities.Final];
            var t0 = Round(final * (1 - late));
            q[quantity, sex, MonthQuantities.T0] = t0;
            total += final;
            totalT0 += t0;
        }
        q[quantity, MonthQuantities.Total, MonthQuantities.Final] = total;
        q[quantity, MonthQuantities.Total, MonthQuantities.T0] = totalT0;
    }

    private void SetAmount(MonthQuantities q, Quantity quantity, double euros)
    {
        var final = Round(euros);
        q[quantity, MonthQuantities.Total, MonthQuantities.Final] = final;
        q[quantity, MonthQuantities.Total, MonthQuantities.T0] = Round(final * (1 - LateShare() / 2));
    }

    private static void Split(MonthQuantities q, Quantity quantity, int basis, long total, double womenShare)
    {
        var women = Round(total * womenShare);
        q[quantity, MonthQuantities.Total, basis] = total;
        q[quantity, MonthQuantities.Women, basis] = women;
        q[quantity, MonthQuantities.Men, basis] = total - women;
    }

    /// <summary>The share of a flow reported only after the waiting time: 0.5–2 %.</summary>
    private double LateShare() => _noise.Uniform(0.005, 0.02);

    /// <summary>A count around <paramref name="expected"/> with about Poisson spread (at least 2.5 %).</summary>
    private long Count(double expected)
    {
        if (expected <= 0) return 0;
        var spread = Math.Max(0.025, 1 / Math.Sqrt(expected));
        return Math.Max(0, Round(expected * _noise.Factor(spread)));
    }

    private static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
