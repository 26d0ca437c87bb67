using Kpi.Ingest.Benchmarks;

return await IngestBenchmark.RunAsync(args);
