namespace Monitoring.Reporting;

/// <summary>A value axis with "nice" ticks: steps of 1, 2, 2.5 or 5 × 10^k, in decimal so that labels are exact.</summary>
internal sealed record AxisScale(decimal Min, decimal Max, decimal Step)
{
    private static readonly decimal[] Factors = [1m, 2m, 2.5m, 5m, 10m];

    /// <summary>About <paramref name="ticks"/> ticks covering [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static AxisScale For(decimal low, decimal high, int ticks = 6)
    {
        if (low > high)
        {
            (low, high) = (high, low);
        }

        if (low == high)
        {
            // One value (or a flat line): open the axis around it by a tenth of it, or by 1 around zero.
            var pad = low == 0 ? 1m : Math.Abs(low) / 10m;
            (low, high) = (low - pad, high + pad);
        }

        var raw = (high - low) / (ticks - 1);
        var magnitude = 1m;
        while (magnitude * 10m <= raw)
        {
            magnitude *= 10m;
        }

        while (magnitude > raw)
        {
            magnitude /= 10m;
        }

        var step = Factors.Select(f => f * magnitude).First(s => s >= raw);
        return new AxisScale(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    public IEnumerable<decimal> Ticks()
    {
        for (var tick = Min; tick <= Max; tick += Step)
        {
            yield return tick;
        }
    }

    /// <summary>Digits after the comma the tick labels need (2.5 → 1, 0.25 → 2, 500 → 0).</summary>
    public int Decimals
    {
        get
        {
            var decimals = 0;
            for (var scaled = Step; scaled != Math.Floor(scaled); scaled *= 10m)
            {
                decimals++;
            }

            return decimals;
        }
    }
}
