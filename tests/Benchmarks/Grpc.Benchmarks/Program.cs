using Zielsteuerung.Grpc.Benchmarks;

// The reference servers of tests/Benchmarks/party-registry-bench.sh (see docs/bench/party-registry.md).
//   serve grpc-dotnet|kestrel   grpc-dotnet's unary Echo server, or the bare Kestrel reference; prints "PORT <n>"
//   request-file <path>         the h2load request body: one gRPC frame of the benchmark's EchoRequest
return args switch
{
    ["serve", var kind, ..] => await BenchServers.ServeAsync(kind, Option(args, "--port", 0)),
    ["request-file", var path] => BenchMessages.WriteRequestFile(path),
    _ => Usage(),
};

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Grpc.Benchmarks serve (grpc-dotnet|kestrel|kestrel-routed) [--port N]
               Grpc.Benchmarks request-file PATH
        """);
    return 2;
}
