using Kpi.Compute.Benchmarks;

// Every steering value and figure of 53 jobcenters × 15 years, exactly (target ≤ 2 s):  [--runs 5] [--check]
return ComputeBenchmark.Run(args);
