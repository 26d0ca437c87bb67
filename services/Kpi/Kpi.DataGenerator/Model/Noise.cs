namespace Kpi.DataGenerator.Model;

/// <summary>A seeded SplitMix64 stream. Only + − × ÷ on doubles (no Math.Exp/Log/Sin), so that the same seed gives the
/// same numbers on every platform and runtime.</summary>
internal sealed class Noise(ulong seed)
{
    private ulong _state = seed;

    public static ulong Mix(ulong a, ulong b) => new Noise(a ^ (b * 0x9E3779B97F4A7C15UL)).NextUInt64();

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double Uniform() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double from, double to) => from + (to - from) * Uniform();

    /// <summary>About standard normal (Irwin–Hall of 4: mean 0, variance 1, within ±3.5).</summary>
    public double Normal() => (Uniform() + Uniform() + Uniform() + Uniform() - 2.0) * 1.7320508075688772;

    /// <summary>1 + relative noise with the given standard deviation.</summary>
    public double Factor(double standardDeviation) => 1.0 + standardDeviation * Normal();
}
