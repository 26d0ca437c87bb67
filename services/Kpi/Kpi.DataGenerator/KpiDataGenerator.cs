using Kpi.Csv;
using Kpi.DataGenerator.Jobcenters;
using Kpi.DataGenerator.Model;
using Kpi.DataGenerator.Output;
using Zielsteuerung.Kpi.V1;

namespace Kpi.DataGenerator;

/// <summary>Synthetic monthly deliveries of the NRW jobcenters (see docs/kpi-csv.md): streamed, deterministic.
/// Rows come month by month, within a month jobcenter by jobcenter (AGS order), then code, sex and basis.</summary>
public sealed class KpiDataGenerator
{
    private readonly GeneratorOptions _options;
    private readonly IReadOnlyList<Jobcenter> _jobcenters;
    private readonly int _from, _to;

    public KpiDataGenerator(GeneratorOptions options)
    {
        _options = options;
        _jobcenters = SelectJobcenters(options.Jobcenters);
        _from = ParseMonth(options.From, "from");
        _to = ParseMonth(options.To, "to");
        if (_from < JobcenterSimulation.Start)
            throw new ArgumentException($"--from {options.From} is before the generator's first month {GeneratorOptions.FirstMonth}");
        if (_from > _to)
            throw new ArgumentException($"--from {options.From} is after --to {options.To}");
    }

    public IReadOnlyList<Jobcenter> Jobcenters => _jobcenters;

    public IEnumerable<KpiCsvRecord> Rows() => _options.Revision ? RevisionRows() : HistoryRows();

    /// <summary>A title line, the header and the rows; returns the number of rows.</summary>
    public long WriteCsv(TextWriter writer)
    {
        var csv = new KpiCsvWriter(writer);
        csv.WriteComment(Title());
        csv.WriteHeader();
        long count = 0;
        foreach (var row in Rows())
        {
            csv.Write(row);
            count++;
        }
        writer.Flush();
        return count;
    }

    public string Title()
    {
        var what = _options.Revision
            ? $"correction of {string.Join(", ", RevisionCodes)} for {_options.RevisionFrom} … {_options.RevisionTo}"
            : $"{_options.From} … {_options.To}{(_options.Published ? ", with published figures" : "")}";
        return $"Synthetische Daten (kpi-generate, seed {_options.Seed}): Kennzahlen nach § 48a SGB II, Grundgrößen, {what}";
    }

    internal static readonly string[] RevisionCodes = ["lzb_in_measures", "K3E2"];

    private IEnumerable<KpiCsvRecord> HistoryRows()
    {
        var simulations = _jobcenters.Select(NewSimulation).ToArray();
        var figures = _options.Published ? _jobcenters.Select(_ => new PublishedFigures()).ToArray() : null;
        for (var month = JobcenterSimulation.Start; month <= _to; month++)
        {
            var monthText = MonthIndex.Format(month);
            for (var j = 0; j < simulations.Length; j++)
            {
                var quantities = simulations[j].Next();
                figures?[j].Add(quantities);
                if (month < _from) continue;
                var ags = _jobcenters[j].Ags;
                foreach (var row in QuantityRows(ags, monthText, quantities))
                    yield return row;
                if (figures is not null)
                    foreach (var row in figures[j].Rows(ags, monthText, month, Bases()))
                        yield return row;
            }
        }
    }

    private IEnumerable<KpiCsvRecord> RevisionRows()
    {
        var from = ParseMonth(_options.RevisionFrom, "revision from");
        var to = ParseMonth(_options.RevisionTo, "revision to");
        var revised = RevisedJobcenters();
        var simulations = revised.Select(NewSimulation).ToArray();
        var changes = new Noise(Noise.Mix((ulong)_options.Seed, 0xC0FFEE));
        for (var month = JobcenterSimulation.Start; month <= to; month++)
        {
            var monthText = MonthIndex.Format(month);
            for (var j = 0; j < simulations.Length; j++)
            {
                var quantities = simulations[j].Next();
                if (month < from) continue;
                var factor = 1 + (changes.Uniform() < 0.5 ? -1 : 1) * changes.Uniform(0.01, 0.05);
                Revise(quantities, Quantity.LzbInMeasures, factor);
                var ags = revised[j].Ags;
                foreach (var row in QuantityRows(ags, monthText, quantities, Quantity.LzbInMeasures))
                    yield return row;
                foreach (var row in PublishedFigures.ActivationRows(ags, monthText, quantities, Bases()))
                    yield return row;
            }
        }
    }

    private List<Jobcenter> RevisedJobcenters()
    {
        var noise = new Noise(Noise.Mix((ulong)_options.Seed, 0x5EC0));
        return _jobcenters
            .Select(jc => (Jobcenter: jc, Order: noise.Uniform()))
            .OrderBy(x => x.Order)
            .Take(_options.RevisionJobcenterCount)
            .Select(x => x.Jobcenter)
            .OrderBy(jc => jc.Ags, StringComparer.Ordinal)
            .ToList();
    }

    private static void Revise(MonthQuantities quantities, Quantity quantity, double factor)
    {
        foreach (var basis in new[] { MonthQuantities.Final, MonthQuantities.T0 })
        {
            var women = (long)Math.Round(quantities[quantity, MonthQuantities.Women, basis] * factor, MidpointRounding.AwayFromZero);
            var men = (long)Math.Round(quantities[quantity, MonthQuantities.Men, basis] * factor, MidpointRounding.AwayFromZero);
            quantities[quantity, MonthQuantities.Women, basis] = women;
            quantities[quantity, MonthQuantities.Men, basis] = men;
            quantities[quantity, MonthQuantities.Total, basis] = women + men;
        }
    }

    private IEnumerable<KpiCsvRecord> QuantityRows(string ags, string month, MonthQuantities quantities, Quantity? only = null)
    {
        foreach (var info in Model.Quantities.All)
        {
            if (only is { } wanted && info.Quantity != wanted) continue;
            for (var sex = MonthQuantities.Total; sex <= (info.BySex ? MonthQuantities.Men : MonthQuantities.Total); sex++)
                foreach (var (basis, basisIndex) in Bases())
                    yield return new KpiCsvRecord(ags, month, info.Code, SexOf(sex), basis,
                        RowStrings.Count(quantities[info.Quantity, sex, basisIndex]));
        }
    }

    internal static Sex SexOf(int sex) => sex switch
    {
        MonthQuantities.Women => Sex.Women,
        MonthQuantities.Men => Sex.Men,
        _ => Sex.Total,
    };

    private static readonly (DataBasis, int)[] BothBases = [(DataBasis.T0, MonthQuantities.T0), (DataBasis.Final, MonthQuantities.Final)];
    private static readonly (DataBasis, int)[] T0Basis = [(DataBasis.T0, MonthQuantities.T0)];
    private static readonly (DataBasis, int)[] FinalBasis = [(DataBasis.Final, MonthQuantities.Final)];

    private (DataBasis Basis, int Index)[] Bases() => _options.Basis switch
    {
        BasisSelection.T0 => T0Basis,
        BasisSelection.Final => FinalBasis,
        _ => BothBases,
    };

    private JobcenterSimulation NewSimulation(Jobcenter jobcenter) =>
        new(jobcenter.Ags, JobcenterProfiles.For(jobcenter.Ags), (ulong)_options.Seed);

    private static IReadOnlyList<Jobcenter> SelectJobcenters(IReadOnlyList<string> wanted)
    {
        if (wanted.Count == 0 || (wanted.Count == 1 && wanted[0].Equals("all", StringComparison.OrdinalIgnoreCase)))
            return NrwJobcenters.All;
        var selected = new List<Jobcenter>();
        foreach (var name in wanted)
        {
            var jobcenter = NrwJobcenters.Find(name)
                ?? throw new ArgumentException($"jobcenter '{name}' is not an NRW jobcenter of nrw-parties.csv (a key like jc-05554 or an AGS like 05554)");
            if (!selected.Contains(jobcenter)) selected.Add(jobcenter);
        }
        selected.Sort((a, b) => string.CompareOrdinal(a.Ags, b.Ags));
        return selected;
    }

    private static int ParseMonth(string text, string what) =>
        MonthIndex.TryParse(text, out var month) ? month : throw new ArgumentException($"{what} month '{text}' is not yyyy-MM");
}
