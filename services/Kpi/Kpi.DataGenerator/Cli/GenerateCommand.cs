using System.CommandLine;
using System.Text;

namespace Kpi.DataGenerator.Cli;

/// <summary>kpi-generate's command line.</summary>
public static class GenerateCommand
{
    public static RootCommand Create()
    {
        var defaults = new GeneratorOptions();
        var seed = new Option<long>("--seed") { Description = "Seed of the noise; the same seed and options give byte-identical output", DefaultValueFactory = _ => defaults.Seed };
        var from = new Option<string>("--from") { Description = "First month written, yyyy-MM (the model starts in 2011-01)", DefaultValueFactory = _ => defaults.From };
        var to = new Option<string>("--to") { Description = "Last month written, yyyy-MM", DefaultValueFactory = _ => defaults.To };
        var jobcenters = new Option<string>("--jobcenters") { Description = "all, or a comma list of keys (jc-05554) or AGS (05554)", DefaultValueFactory = _ => "all" };
        var basis = new Option<string>("--basis") { Description = "both | t-0 | final", DefaultValueFactory = _ => "both" };
        basis.AcceptOnlyFromAmong("both", "t-0", "final");
        var published = new Option<bool>("--published") { Description = "Also the published figures K1 … K3E4 (months with 12 months of history)" };
        var revision = new Option<bool>("--revision") { Description = "Instead of the history: a correction delivery (lzb_in_measures and K3E2, 2023-07 … 2023-09, 20 jobcenters)" };
        var output = new Option<FileInfo?>("--out") { Description = "The CSV file to write (default: standard output)" };

        var root = new RootCommand("Writes deterministic synthetic KPI deliveries of the 53 NRW jobcenters as CSV (docs/kpi-csv.md).")
        {
            seed, from, to, jobcenters, basis, published, revision, output,
        };
        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new GeneratorOptions
            {
                Seed = parseResult.GetValue(seed),
                From = parseResult.GetValue(from)!,
                To = parseResult.GetValue(to)!,
                Jobcenters = (parseResult.GetValue(jobcenters) ?? "all").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Basis = parseResult.GetValue(basis) switch { "t-0" => BasisSelection.T0, "final" => BasisSelection.Final, _ => BasisSelection.Both },
                Published = parseResult.GetValue(published),
                Revision = parseResult.GetValue(revision),
            };
            KpiDataGenerator generator;
            try
            {
                generator = new KpiDataGenerator(options);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
            var file = parseResult.GetValue(output);
            await using var writer = file is null
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16)
                : new StreamWriter(file.FullName, false, new UTF8Encoding(false), 1 << 16);
            var rows = generator.WriteCsv(writer);
            if (file is not null)
                await Console.Error.WriteLineAsync($"{rows:N0} rows written to {file.FullName}");
            return 0;
        });
        return root;
    }
}
