using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.Reflection;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Benchmarks;

/// <summary>
/// Our GrpcChannel as a load generator: <see cref="Settings.Concurrency"/> callers issuing unary Echo calls back
/// to back (closed loop), or, with <see cref="Settings.Rps"/>, calls started on a fixed schedule (open loop) whose
/// latency counts from the scheduled start, so a stalled server cannot hide its queueing (coordinated omission).
/// </summary>
internal static class LoadClient
{
    public sealed record Settings(int Concurrency, int Seconds, int WarmupSeconds, int Rps);

    private static readonly Method<EchoRequest, EchoResponse> Unary = Method.Create<EchoRequest, EchoResponse>(
        EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo").FindMethodByName("Unary"));

    public static async Task<int> RunAsync(Uri target, Settings settings)
    {
        using var channel = GrpcChannel.ForAddress(target);
        var invoker = channel.CreateCallInvoker();
        var check = await invoker.AsyncUnaryCall(Unary, null, default, BenchMessages.Request);
        if (check.Message != BenchMessages.Request.Message)
        {
            Console.Error.WriteLine("the server answered a different message");
            return 1;
        }

        var recorder = new Recorder();
        var warmupEnd = Stopwatch.GetTimestamp() + settings.WarmupSeconds * Stopwatch.Frequency;
        var end = warmupEnd + settings.Seconds * Stopwatch.Frequency;
        if (settings.Rps > 0)
        {
            await OpenLoopAsync(invoker, settings.Rps, warmupEnd, end, recorder);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(() => ClosedLoopAsync(invoker, warmupEnd, end, recorder))));
        }

        var latencies = recorder.Latencies();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"calls":{{latencies.Length}},"errors":{{recorder.Errors}},"seconds":{{settings.Seconds}},"calls_per_second":{{latencies.Length / (double)settings.Seconds:F0}},"p50_ms":{{Percentile(latencies, 0.50):F3}},"p99_ms":{{Percentile(latencies, 0.99):F3}},"concurrency":{{settings.Concurrency}},"rps":{{settings.Rps}}}"""));
        return recorder.Errors == 0 ? 0 : 1;
    }

    private static async Task ClosedLoopAsync(CallInvoker invoker, long warmupEnd, long end, Recorder recorder)
    {
        var latencies = new List<long>(1 << 16);
        var errors = 0;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= end)
            {
                break;
            }
            try
            {
                await invoker.AsyncUnaryCall(Unary, null, default, BenchMessages.Request);
            }
            catch (RpcException)
            {
                errors++;
            }
            if (start >= warmupEnd)
            {
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
        }
        recorder.Add(latencies, errors);
    }

    private static async Task OpenLoopAsync(CallInvoker invoker, int rps, long warmupEnd, long end, Recorder recorder)
    {
        var latencies = new List<long>();
        var errors = 0;
        var pending = new List<Task>();
        var begin = Stopwatch.GetTimestamp();
        var interval = (double)Stopwatch.Frequency / rps;
        for (long i = 0; ; i++)
        {
            var scheduled = begin + (long)(i * interval);
            if (scheduled >= end)
            {
                break;
            }
            var wait = scheduled - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }
            pending.Add(CallAsync(scheduled));
        }
        await Task.WhenAll(pending);
        recorder.Add(latencies, errors);

        async Task CallAsync(long scheduled)
        {
            try
            {
                await invoker.AsyncUnaryCall(Unary, null, default, BenchMessages.Request);
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref errors);
            }
            if (scheduled >= warmupEnd)
            {
                var latency = Stopwatch.GetTimestamp() - scheduled;
                lock (latencies)
                {
                    latencies.Add(latency);
                }
            }
        }
    }

    private static double Percentile(long[] sortedTicks, double p) => sortedTicks.Length == 0
        ? double.NaN
        : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(p * sortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;

    private sealed class Recorder
    {
        private readonly List<long> _latencies = [];

        public int Errors { get; private set; }

        public void Add(List<long> latencies, int errors)
        {
            lock (_latencies)
            {
                _latencies.AddRange(latencies);
                Errors += errors;
            }
        }

        public long[] Latencies()
        {
            var all = _latencies.ToArray();
            Array.Sort(all);
            return all;
        }
    }
}
