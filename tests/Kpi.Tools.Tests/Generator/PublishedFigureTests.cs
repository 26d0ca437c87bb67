using System.Numerics;
using Kpi.Csv;
using Kpi.DataGenerator;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tools.Tests.Generator;

public class PublishedFigureTests
{
    private static readonly string[] ChangeFigures = ["K1", "K1E1", "K1E2", "K3"];

    private static readonly List<KpiCsvRecord> Rows = new KpiDataGenerator(new GeneratorOptions
    {
        Published = true, Jobcenters = ["05554", "05113", "05966"], To = "2019-12",
    }).Rows().ToList();

    [Fact]
    public void Start_once_12_months_of_history_precede_and_k1_k1e1_are_total_only()
    {
        var figures = Rows.Where(r => r.Code.StartsWith('K')).ToList();
        Assert.Equal("2012-01", figures.Min(r => r.Month));
        Assert.Equal(15, figures.Select(r => r.Code).Distinct().Count());
        Assert.All(figures.Where(r => r.Code is "K1" or "K1E1"), r => Assert.Equal(Sex.Total, r.Sex));
        Assert.Equal(3 * 96 * 41 * 2, figures.Count);
        Assert.All(figures, r => Assert.Matches(@"^-?\d+\.\d$", r.Value));
    }

    [Fact]
    public void Every_published_row_satisfies_the_services_consistency_rule()
    {
        foreach (var row in Rows.Where(r => r.Code.StartsWith('K')))
        {
            var percent = Exact.Parse(row.Numerator!) * 100 / Exact.Parse(row.Denominator!);
            if (ChangeFigures.Contains(row.Code)) percent -= 100;
            Assert.True(percent.RoundHalfAwayFromZero(1) == Exact.Parse(row.Value), $"{row}: exact {percent}");
        }
    }

    [Fact]
    public void K2_is_the_12_month_integrations_over_the_mean_stock_lagged_one_month()
    {
        var values = Rows.Where(r => r.Jobcenter == "05554" && r.Sex == Sex.Total && r.Basis == DataBasis.Final)
            .ToDictionary(r => (r.Month, r.Code), r => r);
        string Month(int i) => $"{2017 + (i - 1) / 12}-{(i - 1) % 12 + 1:D2}";
        var integrations = Enumerable.Range(7, 12).Sum(i => long.Parse(values[(Month(i), "integrations")].Value)); // 2017-07 … 2018-06
        var stock = Enumerable.Range(6, 12).Sum(i => long.Parse(values[(Month(i), "elb_stock")].Value));          // 2017-06 … 2018-05

        var k2 = values[("2018-06", "K2")];
        Assert.Equal($"{integrations}", k2.Numerator);
        var expected = (new Exact(integrations) * 100 / (new Exact(stock) / 12)).RoundHalfAwayFromZero(1);
        Assert.True(expected == Exact.Parse(k2.Value), $"{k2} vs {expected}");
        Assert.InRange(double.Parse(k2.Value, System.Globalization.CultureInfo.InvariantCulture), 25, 35);
    }

    [Fact]
    public void K3e2_is_the_months_share_of_lzb_in_measures()
    {
        var values = Rows.Where(r => r.Jobcenter == "05113" && r.Month == "2019-03" && r.Sex == Sex.Women && r.Basis == DataBasis.T0)
            .ToDictionary(r => r.Code);
        Assert.Equal(values["lzb_in_measures"].Value, values["K3E2"].Numerator);
        Assert.Equal(values["lzb_stock"].Value, values["K3E2"].Denominator);
    }

    [Fact]
    public void The_revisions_k3e2_follows_its_corrected_lzb_in_measures()
    {
        var rows = new KpiDataGenerator(new GeneratorOptions { Revision = true }).Rows().ToList();
        var measures = rows.Where(r => r.Code == "lzb_in_measures").ToDictionary(r => (r.Jobcenter, r.Month, r.Sex, r.Basis), r => r.Value);
        var k3e2 = rows.Where(r => r.Code == "K3E2").ToList();
        Assert.Equal(measures.Count, k3e2.Count);
        Assert.All(k3e2, r => Assert.Equal(measures[(r.Jobcenter, r.Month, r.Sex, r.Basis)], r.Numerator));
    }

    /// <summary>An exact fraction, independent of the generator's decimal arithmetic.</summary>
    private readonly struct Exact(BigInteger numerator, BigInteger denominator) : IEquatable<Exact>
    {
        public BigInteger Numerator { get; } = numerator;
        public BigInteger Denominator { get; } = denominator;

        public Exact(long whole) : this(whole, BigInteger.One) { }

        public static Exact Parse(string text)
        {
            var point = text.IndexOf('.');
            if (point < 0) return new Exact(BigInteger.Parse(text), 1);
            var decimals = text.Length - point - 1;
            return new Exact(BigInteger.Parse(text.Remove(point, 1)), BigInteger.Pow(10, decimals));
        }

        public static Exact operator *(Exact a, long b) => new(a.Numerator * b, a.Denominator);
        public static Exact operator /(Exact a, Exact b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
        public static Exact operator /(Exact a, long b) => new(a.Numerator, a.Denominator * b);
        public static Exact operator -(Exact a, long b) => new(a.Numerator - b * a.Denominator, a.Denominator);

        public static bool operator ==(Exact a, Exact b) => a.Numerator * b.Denominator == b.Numerator * a.Denominator;
        public static bool operator !=(Exact a, Exact b) => !(a == b);

        public Exact RoundHalfAwayFromZero(int decimals)
        {
            var scale = BigInteger.Pow(10, decimals);
            var scaled = BigInteger.Abs(Numerator * scale) * 2 + BigInteger.Abs(Denominator);
            var rounded = scaled / (BigInteger.Abs(Denominator) * 2);
            var negative = Numerator.Sign * Denominator.Sign < 0;
            return new Exact(negative ? -rounded : rounded, scale);
        }

        public bool Equals(Exact other) => this == other;
        public override bool Equals(object? obj) => obj is Exact other && this == other;
        public override int GetHashCode() => 0;
        public override string ToString() => $"{(double)Numerator / (double)Denominator}";
    }
}
