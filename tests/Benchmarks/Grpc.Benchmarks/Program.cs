using Zielsteuerung.Grpc.Benchmarks;

// The gRPC benchmark's .NET side; tests/Benchmarks/grpc-bench.sh drives it (see docs/bench/grpc.md).
//   serve ours|kestrel          our runtime's Echo server, or the bare Kestrel reference; prints "PORT <n>"
//   request-file <path>         the h2load request body: one gRPC frame of the benchmark's EchoRequest
//   descriptors <path>          FileDescriptorSet of echo.proto for the python grpcio server
//   client <url> [options]      our GrpcChannel as load generator (--raw: bare HttpClient); prints one JSON line
var command = args.FirstOrDefault();
return command switch
{
    "serve" when args.Length >= 2 => await BenchServers.ServeAsync(args[1], Option(args, "--port", 0)),
    "request-file" when args.Length >= 2 => BenchMessages.WriteRequestFile(args[1]),
    "descriptors" when args.Length >= 2 => BenchMessages.WriteDescriptors(args[1]),
    "client" when args.Length >= 2 => await LoadClient.RunAsync(new Uri(args[1]), new LoadClient.Settings(
        Concurrency: Option(args, "--concurrency", 64),
        Channels: Option(args, "--channels", 1),
        Seconds: Option(args, "--seconds", 10),
        WarmupSeconds: Option(args, "--warmup", 2),
        Rps: Option(args, "--rps", 0),
        Raw: args.Contains("--raw"))),
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
        usage: Grpc.Benchmarks serve (ours|kestrel) [--port N]
               Grpc.Benchmarks request-file PATH
               Grpc.Benchmarks descriptors PATH
               Grpc.Benchmarks client URL [--concurrency N] [--channels C] [--seconds S] [--warmup S] [--rps R] [--raw]
        """);
    return 2;
}
