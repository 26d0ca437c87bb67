using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Zielsteuerung.Testing;

/// <summary>One span as an OTLP exporter sent it.</summary>
public sealed record ExportedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An OTLP/HTTP (protobuf) endpoint on 127.0.0.1 that keeps the spans it receives, so tests can look at the traces a
/// service exports, as the Aspire dashboard would receive them. It decodes only the fields it needs
/// (opentelemetry/proto/collector/trace/v1 ExportTraceServiceRequest).
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();

    private OtlpCollector(WebApplication app) => _app = app;

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT (with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).</summary>
    public string Endpoint => _app.Urls.First(url => url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));

    public IReadOnlyCollection<ExportedSpan> Spans => _spans;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            foreach (var span in DecodeTraces(body.ToArray()))
            {
                collector._spans.Enqueue(span);
            }

            context.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost("/v1/{signal}", (HttpContext context) => context.Response.ContentType = "application/x-protobuf");
        await app.StartAsync();
        return collector;
    }

    /// <summary>Waits until the spans received satisfy <paramref name="condition"/>; the exporter sends in batches.</summary>
    public async Task<IReadOnlyCollection<ExportedSpan>> WaitForAsync(Func<IReadOnlyCollection<ExportedSpan>, bool> condition, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var spans = _spans.ToArray();
            if (condition(spans))
            {
                return spans;
            }
        }

        return _spans.ToArray();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }   Resource { repeated KeyValue attributes = 1; }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }          InstrumentationScope { string name = 1; }
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6; repeated KeyValue attributes = 9; }
    // KeyValue { string key = 1; AnyValue value = 2; }                                 AnyValue { string string_value = 1; int64 int_value = 3; }
    internal static IEnumerable<ExportedSpan> DecodeTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var resource = Fields(resourceSpans, 1).Select(r => Attributes(r, 1)).FirstOrDefault() ?? new Dictionary<string, string>();
            var service = resource.GetValueOrDefault("service.name", "");
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => String(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in Fields(scopeSpans, 2))
                {
                    yield return new ExportedSpan(service, scope, Hex(span, 1), Hex(span, 2), Hex(span, 4), String(span, 5), (int)Varint(span, 6),
                        Attributes(span, 9));
                }
            }
        }
    }

    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var pair in Fields(message, field))
        {
            var value = Fields(pair, 2).FirstOrDefault() ?? [];
            attributes[String(pair, 1)] = Fields(value, 1).Any() ? String(value, 1) : Varint(value, 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return attributes;
    }

    private static string String(byte[] message, int field) => Fields(message, field).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault() ?? "";

    private static string Hex(byte[] message, int field) => Convert.ToHexStringLower(Fields(message, field).FirstOrDefault() ?? []);

    private static ulong Varint(byte[] message, int field)
    {
        var input = new CodedInputStream(message);
        ulong value = 0;
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                value = input.ReadUInt64();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return value;
    }

    // The length-delimited occurrences of one field (messages, strings, bytes).
    private static IEnumerable<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
