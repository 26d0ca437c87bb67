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
    /// <param name="Raw">Instead of our client, bare HttpClient (SocketsHttpHandler) posting the pre-encoded request
    /// frame: the client-side transport's ceiling, to tell our runtime's cost from HttpClient's.</param>
    public sealed record Settings(int Concurrency, int Seconds, int WarmupSeconds, int Rps, bool Raw);

    private static readonly Method<EchoRequest, EchoResponse> Unary = Method.Create<EchoRequest, EchoResponse>(
        EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo").FindMethodByName("Unary"));

    public static async Task<int> RunAsync(Uri target, Settings settings)
    {
        using var channel = GrpcChannel.ForAddress(target);
        using var raw = new RawClient(target);
        var grpc = channel.CreateCallInvoker();
        Func<Task> call = settings.Raw
            ? raw.CallAsync
            : async () =>
            {
                using var unary = grpc.AsyncUnaryCall(Unary, null, default, BenchMessages.Request);
                await unary.ResponseAsync;
            };
        var check = await grpc.AsyncUnaryCall(Unary, null, default, BenchMessages.Request);
        if (check.Message != BenchMessages.Request.Message)
        {
            Console.Error.WriteLine("the server answered a different message");
            return 1;
        }
        var invoker = call;

        var recorder = new Recorder();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
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

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var latencies = recorder.Latencies();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"calls":{{latencies.Length}},"errors":{{recorder.Errors}},"seconds":{{settings.Seconds}},"calls_per_second":{{latencies.Length / (double)settings.Seconds:F0}},"p50_ms":{{Percentile(latencies, 0.50):F3}},"p99_ms":{{Percentile(latencies, 0.99):F3}},"concurrency":{{settings.Concurrency}},"rps":{{settings.Rps}},"raw":{{(settings.Raw ? "true" : "false")}},"allocated_bytes_per_call":{{allocated / Math.Max(1, latencies.Length)}},"gen0_collections":{{gen0}}}"""));
        return recorder.Errors == 0 ? 0 : 1;
    }

    private static async Task ClosedLoopAsync(Func<Task> invoker, long warmupEnd, long end, Recorder recorder)
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
                await invoker();
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or InvalidOperationException)
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

    /// <summary>Several schedulers, each starting its share of the calls, so one thread's hiccup does not delay them all.</summary>
    private static Task OpenLoopAsync(Func<Task> invoker, int rps, long warmupEnd, long end, Recorder recorder)
    {
        const int Schedulers = 4;
        var begin = Stopwatch.GetTimestamp();
        var interval = (double)Stopwatch.Frequency * Schedulers / rps;
        return Task.WhenAll(Enumerable.Range(0, Schedulers).Select(s =>
            Task.Run(() => ScheduleAsync(invoker, begin + (long)(s * interval / Schedulers), interval, warmupEnd, end, recorder))));
    }

    private static async Task ScheduleAsync(Func<Task> invoker, long begin, double interval, long warmupEnd, long end, Recorder recorder)
    {
        var latencies = new List<long>();
        var errors = 0;
        var pending = new List<Task>();
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
                await invoker();
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or InvalidOperationException)
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

/// <summary>
/// HTTP/2 POST of the pre-encoded request frame with HttpClient alone; checks grpc-status 0. For diagnosing our
/// client, one of its habits can be switched on: ZS_RAW_CTS=1 (a CancellationTokenSource per call whose token
/// every HttpClient operation gets).
/// </summary>
internal sealed class RawClient(Uri target) : IDisposable
{
    private static readonly bool PerCallCts = Environment.GetEnvironmentVariable("ZS_RAW_CTS") == "1";

    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseCookies = false });
    private readonly Uri _uri = new(target, BenchMessages.UnaryPath);
    private readonly byte[] _frame = BenchMessages.Frame(BenchMessages.Request);

    public async Task CallAsync()
    {
        using var cts = PerCallCts ? new CancellationTokenSource() : null;
        var token = cts?.Token ?? CancellationToken.None;
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri)
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(_frame),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _invoker.SendAsync(request, token);
        await using var body = await response.Content.ReadAsStreamAsync(token);
        var buffer = new byte[256];
        while (await body.ReadAsync(buffer, token) > 0)
        {
        }
        if (!response.TrailingHeaders.NonValidated.TryGetValues("grpc-status", out var status) || status.ToString() != "0")
        {
            throw new InvalidOperationException("grpc-status is not 0");
        }
    }

    public void Dispose() => _invoker.Dispose();
}
