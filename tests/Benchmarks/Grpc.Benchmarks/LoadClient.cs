using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.Reflection;
using Zielsteuerung.Testing.V1;

namespace Zielsteuerung.Grpc.Benchmarks;

/// <summary>
/// Our GrpcChannel as a load generator: <see cref="Settings.Concurrency"/> callers issuing unary Echo calls back
/// to back (closed loop), or, with <see cref="Settings.Rps"/>, calls started on a fixed schedule (at most
/// <see cref="Settings.Concurrency"/> in flight) whose latency counts from the scheduled start, so a stalled server
/// cannot hide its queueing (coordinated omission).
/// </summary>
internal static class LoadClient
{
    /// <param name="Raw">Instead of our client, bare HttpClient (SocketsHttpHandler) posting the pre-encoded request
    /// frame: the client-side transport's ceiling, to tell our runtime's cost from HttpClient's.</param>
    public sealed record Settings(int Concurrency, int Channels, int Seconds, int WarmupSeconds, int Rps, bool Raw);

    private static readonly Method<EchoRequest, EchoResponse> Unary = Method.Create<EchoRequest, EchoResponse>(
        EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo").FindMethodByName("Unary"));

    public static async Task<int> RunAsync(Uri target, Settings settings)
    {
        // Like h2load's -c, callers are spread over several connections: one channel (connection pool) each,
        // as SocketsHttpHandler opens a second HTTP/2 connection only once the first has no free stream.
        var channels = Enumerable.Range(0, settings.Channels).Select(_ => GrpcChannel.ForAddress(target)).ToArray();
        var raws = Enumerable.Range(0, settings.Channels).Select(_ => new RawClient(target)).ToArray();
        try
        {
            var calls = Enumerable.Range(0, settings.Channels).Select(i => settings.Raw ? raws[i].CallAsync : UnaryCall(channels[i].CreateCallInvoker())).ToArray();
            var check = await channels[0].CreateCallInvoker().AsyncUnaryCall(Unary, null, default, BenchMessages.Request);
            if (check.Message != BenchMessages.Request.Message)
            {
                Console.Error.WriteLine("the server answered a different message");
                return 1;
            }
            return await MeasureAsync(calls, settings);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
            foreach (var raw in raws)
            {
                raw.Dispose();
            }
        }
    }

    private static Func<Task> UnaryCall(CallInvoker invoker) => async () =>
    {
        using var call = invoker.AsyncUnaryCall(Unary, null, default, BenchMessages.Request);
        await call.ResponseAsync;
    };

    private static async Task<int> MeasureAsync(Func<Task>[] calls, Settings settings)
    {
        var recorder = new Recorder();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var warmupEnd = Stopwatch.GetTimestamp() + settings.WarmupSeconds * Stopwatch.Frequency;
        var end = warmupEnd + settings.Seconds * Stopwatch.Frequency;
        if (settings.Rps > 0)
        {
            await OpenLoopAsync(calls, settings.Rps, settings.Concurrency, warmupEnd, end, recorder);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(i =>
                Task.Run(() => ClosedLoopAsync(calls[i % calls.Length], warmupEnd, end, recorder))));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var latencies = recorder.Latencies();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"calls":{{latencies.Length}},"errors":{{recorder.Errors}},"seconds":{{settings.Seconds}},"calls_per_second":{{latencies.Length / (double)settings.Seconds:F0}},"p50_ms":{{Percentile(latencies, 0.50):F3}},"p99_ms":{{Percentile(latencies, 0.99):F3}},"concurrency":{{settings.Concurrency}},"channels":{{settings.Channels}},"rps":{{settings.Rps}},"raw":{{(settings.Raw ? "true" : "false")}},"allocated_bytes_per_call":{{allocated / Math.Max(1, latencies.Length)}},"gen0_collections":{{gen0}}}"""));
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

    /// <summary>
    /// Calls started on a fixed schedule by several schedulers (so one thread's hiccup does not delay them all),
    /// with at most <paramref name="maxInFlight"/> calls outstanding, as h2load's --rps keeps within -c × -m: when the
    /// server falls behind, calls wait for a slot and that wait counts in their latency.
    /// </summary>
    private static Task OpenLoopAsync(Func<Task>[] calls, int rps, int maxInFlight, long warmupEnd, long end, Recorder recorder)
    {
        var schedulers = Math.Max(4, calls.Length);
        var slots = new SemaphoreSlim(maxInFlight);
        var begin = Stopwatch.GetTimestamp();
        var interval = (double)Stopwatch.Frequency * schedulers / rps;
        return Task.WhenAll(Enumerable.Range(0, schedulers).Select(s => Task.Run(() =>
            ScheduleAsync(calls[s % calls.Length], slots, begin + (long)(s * interval / schedulers), interval, warmupEnd, end, recorder))));
    }

    private static async Task ScheduleAsync(Func<Task> invoker, SemaphoreSlim slots, long begin, double interval, long warmupEnd, long end, Recorder recorder)
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
            await slots.WaitAsync();
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
            finally
            {
                slots.Release();
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
