using Kpi.Benchmarks;

// One subcommand per file; see each class for what it measures.
return args.FirstOrDefault() switch
{
    "compute" => ComputeBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Kpi.Benchmarks <subcommand> [options]
          compute [--runs 5] [--check]   every steering value and figure of 53 jobcenters × 15 years, exactly (target <= 2 s)
        """);
    return 2;
}
