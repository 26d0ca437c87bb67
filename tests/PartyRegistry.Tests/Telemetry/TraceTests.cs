using Zielsteuerung.Testing;
using PartyRegistry.Tests.Integration;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.Tests.Telemetry;

/// <summary>What a newcomer sees in the dashboard: a party change is one trace, from the gRPC call to the broker.</summary>
[Collection(RegistryCollection.Name)]
public sealed class TraceTests(RegistryFixture fixture)
{
    private const int ServerKind = 2;
    private const int ClientKind = 3;
    private const int ProducerKind = 4;

    [Fact]
    public async Task A_party_change_is_one_trace_of_the_grpc_call_its_statements_the_outbox_relay_and_the_publish()
    {
        var (_, jobcenter) = await TestParties.RegisterZktAsync(fixture.Client);
        await fixture.Client.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = jobcenter.Id, ExpectedVersion = 1, EffectiveDate = "2022-01-01", Vergleichstyp = "IIb",
        });

        bool IsCall(ExportedSpan span) => span.Kind == ServerKind && span.Scope == "Microsoft.AspNetCore"
            && span.Attributes.GetValueOrDefault("http.route") == "/zielsteuerung.parties.v1.PartyRegistry/RecordChange"
            && span.Attributes.GetValueOrDefault("grpc.status_code") == "0";
        IEnumerable<ExportedSpan> Trace(IReadOnlyCollection<ExportedSpan> spans) =>
            spans.Where(IsCall).Select(call => spans.Where(s => s.TraceId == call.TraceId)).FirstOrDefault(t => t.Any(s => s.Scope == "MassTransit"))
            ?? [];

        var spans = await fixture.Traces.WaitForAsync(all => Trace(all).Any(), TimeSpan.FromSeconds(30));
        var trace = Trace(spans).ToList();
        Assert.True(trace.Count > 0, "no trace of a RecordChange call with a MassTransit span; spans received: "
            + string.Join(", ", spans.Select(s => $"{s.Scope}:{s.Name}").Distinct().Take(40)));

        var call = Assert.Single(trace, IsCall);
        Assert.Equal("party-registry", call.Service);
        bool Under(ExportedSpan span, ExportedSpan ancestor) =>
            span.ParentSpanId == ancestor.SpanId || trace.Any(parent => parent.SpanId == span.ParentSpanId && Under(parent, ancestor));
        Assert.Contains(trace, s => s.Scope == "Npgsql" && s.Kind == ClientKind && Under(s, call)
            && s.Attributes.GetValueOrDefault("db.system.name", s.Attributes.GetValueOrDefault("db.system", "")) == "postgresql");
        var relay = Assert.Single(trace, s => s.Scope == "Zielsteuerung.Messaging");
        Assert.True(Under(relay, call), "the outbox relay's span continues the call's trace");
        Assert.Contains(trace, s => s.Scope == "MassTransit" && s.Kind == ProducerKind && Under(s, relay));
    }
}
