using Grpc.Core;
using Zielsteuerung.IntegrationEvents.Kpi;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Testing;
using static Kpi.Tests.Integration.Deliveries;

namespace Kpi.Tests.Integration;

/// <summary>Deliveries row by row: what is stored, what is refused and why, all-or-nothing, and deliveries sent twice.</summary>
[Collection(KpiCollection.Name)]
public sealed class DeliveryTests(KpiFixture fixture)
{
    [Fact]
    public async Task A_partial_delivery_stores_the_valid_rows_and_reports_every_invalid_one_with_its_row_and_reason()
    {
        // Kreis Coesfeld (05558), 2011: nobody else in these tests delivers for it.
        var rows = new List<DeliveryRow>
        {
            Row("05558", "2011-01", "elb_stock", "9812"),                         // 1 valid
            Row("05999", "2011-01", "elb_stock", "100"),                          // 2 no such jobcenter in the registry
            Row("05558", "2099-01", "elb_stock", "100"),                          // 3 future month
            Row("05558", "2011-01", "integrations", "-4"),                        // 4 negative count
            Row("05558", "2011-01", "elb_stok", "100"),                           // 5 unknown code
            Row("05558", "2011-01", "K3E2", "12.5", numerator: "400", denominator: "3000"), // 6 400 / 3000 = 13.3 %, not 12.5
            Row("05558", "2011-01", "elb_stock", "9813"),                         // 7 the same key as row 1
            new() { RowNumber = 0, Malformed = "line 8: 7 fields, expected 8" },  // 8 unreadable
            Row("05558", "2011-02", "elb_stock", "9,5"),                          // 9 a comma: not a decimal of the contract
            Row("05558", "2011-01", "K3E2", "13.3", numerator: "400", denominator: "3000"), // 10 valid published figure
            // 11 valid: 516 / 2666.666… is 19.35 % exactly, the written denominator a hair above it (19.3499…): within its rounding.
            Row("05558", "2011-01", "K3E1", "19.4", numerator: "516", denominator: "2666.666666666667"),
        };

        var report = await SendAsync(fixture.Statistik, rows);

        Assert.Equal(DeliveryState.PartiallyStored, report.State);
        Assert.Equal(11, report.RowsReceived);
        Assert.Equal(3, report.RowsStored);
        Assert.Equal(8, report.RowsRejected);
        Assert.Equal(
            new[] { (2L, "UNKNOWN_JOBCENTER"), (3L, "FUTURE_MONTH"), (4L, "NEGATIVE_VALUE"), (5L, "UNKNOWN_CODE"), (6L, "INCONSISTENT_FIGURE"),
             (7L, "DUPLICATE_ROW"), (8L, "MALFORMED"), (9L, "MALFORMED") },
            report.Errors.Select(e => (e.RowNumber, e.Reason)));
        Assert.Contains("05999", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("gives 13.3, not 12.5", report.Errors[4].Message, StringComparison.Ordinal);
        Assert.Equal("value", report.Errors[7].Field);
        Assert.Equal(["05558"], report.Jobcenters);

        var stored = await fixture.Reader.GetValueAsync(new GetValueRequest { Subject = new Subject { JobcenterId = "jc-05558" }, Code = "elb_stock", Month = "2011-01" });
        Assert.Equal("9812", stored.Value);

        var again = await fixture.Reader.GetDeliveryAsync(new GetDeliveryRequest { DeliveryId = report.DeliveryId, ErrorsPageSize = 3 });
        Assert.Equal(report.Errors.Take(3).Select(e => e.RowNumber), again.Errors.Select(e => e.RowNumber));
        var next = await fixture.Reader.GetDeliveryAsync(new GetDeliveryRequest { DeliveryId = report.DeliveryId, ErrorsPageSize = 100, ErrorsPageToken = again.NextErrorsPageToken });
        Assert.Equal(5, next.Errors.Count);
        Assert.Equal("", next.NextErrorsPageToken);
    }

    [Fact]
    public async Task An_all_or_nothing_delivery_with_one_invalid_row_stores_nothing()
    {
        var rows = Months("2011-01", 12).Select(m => Row("05566", m, "elb_stock", "20000")).Append(Row("05566", "2011-13", "elb_stock", "1")).ToList();

        var report = await SendAsync(fixture.Statistik, rows, DeliveryMode.AllOrNothing);

        Assert.Equal(DeliveryState.Rejected, report.State);
        Assert.Equal(0, report.RowsStored);
        var error = Assert.Single(report.Errors);
        Assert.Equal((13L, "MALFORMED", "month"), (error.RowNumber, error.Reason, error.Field));
        Assert.Equal(0, await fixture.StoredValuesAsync(5566));
        var listed = await fixture.Reader.GetDeliveryAsync(new GetDeliveryRequest { DeliveryId = report.DeliveryId });
        Assert.Equal(DeliveryState.Rejected, listed.State);

        // Corrected, the same rows go in whole.
        rows[^1] = Row("05566", "2012-01", "elb_stock", "20100");
        var corrected = await SendAsync(fixture.Statistik, rows, DeliveryMode.AllOrNothing);
        Assert.Equal(DeliveryState.Stored, corrected.State);
        Assert.Equal(13, await fixture.StoredValuesAsync(5566));
    }

    [Fact]
    public async Task A_delivery_sent_again_by_key_or_by_content_stores_nothing_twice()
    {
        var rows = Months("2011-01", 6).Select(m => Row("05570", m, "lzb_stock", "4100")).ToList();
        var key = "test-" + Guid.NewGuid().ToString("N");

        var first = await SendAsync(fixture.Statistik, rows, idempotencyKey: key);
        var byKey = await SendAsync(fixture.Statistik, rows, idempotencyKey: key);
        var byContent = await SendAsync(fixture.Statistik, rows);

        Assert.Equal(DeliveryState.Stored, first.State);
        Assert.Equal("", first.DuplicateOf);
        Assert.Equal((first.DeliveryId, first.DeliveryId), (byKey.DuplicateOf, byKey.DeliveryId));
        Assert.Equal((first.DeliveryId, first.DeliveryId), (byContent.DuplicateOf, byContent.DeliveryId));
        Assert.Equal(6, await fixture.StoredValuesAsync(5570, "lzb_stock"));
    }

    [Fact]
    public async Task A_stored_delivery_is_announced_after_its_commit_with_what_changed()
    {
        var report = await SendAsync(fixture.Statistik, Months("2011-03", 2).Select(m => Row("05770", m, "integrations", "310")));

        var announced = await fixture.Events.WaitForAsync<KpiDataIngested>(e => e.DeliveryId == report.DeliveryId);

        Assert.Equal(["jc-05770"], announced.JobcenterIds);
        Assert.Equal(["2011-03", "2011-04"], announced.Months);
        Assert.Equal(["integrations"], announced.Codes);
        Assert.Equal(["final"], announced.Bases);
        Assert.Equal(report.Sequence, announced.Sequence);
    }

    [Fact]
    public async Task A_delivery_is_one_trace_from_the_gRPC_call_through_its_span_to_the_COPY()
    {
        var report = await SendAsync(fixture.Statistik, Months("2012-01", 3).Select(m => Row("05711", m, "lzb_exits", "90")));

        var spans = await fixture.Traces.WaitForAsync(all => all.Any(s => s.Name == "kpi.deliver" && s.Attributes.GetValueOrDefault("delivery.id") == report.DeliveryId),
            TimeSpan.FromSeconds(30));

        var delivery = spans.Single(s => s.Name == "kpi.deliver" && s.Attributes.GetValueOrDefault("delivery.id") == report.DeliveryId);
        Assert.Equal(("Stored", "3", "3"), (delivery.Attributes["delivery.state"], delivery.Attributes["delivery.rows_received"], delivery.Attributes["delivery.rows_stored"]));
        var call = spans.Single(s => s.SpanId == delivery.ParentSpanId);
        Assert.Contains("zielsteuerung.kpi.v1.Kpi/Deliver", call.Name, StringComparison.Ordinal);
        var trace = await fixture.Traces.WaitForAsync(all => all.Any(s => s.TraceId == delivery.TraceId && s.Attributes.Values.Any(v => v.StartsWith("COPY kpi_values", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30));
        Assert.Contains(trace, s => s.TraceId == delivery.TraceId && s.Attributes.Values.Any(v => v.StartsWith("COPY kpi_values", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Delivering_needs_kpi_deliver_and_a_token()
    {
        var denied = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, async () => await SendCall(fixture.Reader));
        Assert.Contains("kpi.deliver", denied.Message, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, async () => await SendCall(fixture.Anonymous));
        Assert.Equal(0, await fixture.StoredValuesAsync(5711, "elb_stock"));
    }

    [Fact]
    public async Task A_stream_that_does_not_begin_with_its_header_is_invalid()
    {
        using var call = fixture.Statistik.Deliver();
        await call.RequestStream.WriteAsync(new DeliverRequest { Chunk = new DeliveryChunk { Rows = { Row("05711", "2011-01", "elb_stock", "1") } } });
        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("header", error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task A_local_indicator_is_declared_once_and_delivered_only_for_its_jobcenter()
    {
        var declared = await fixture.Statistik.DeclareLocalIndicatorAsync(new DeclareLocalIndicatorRequest
        {
            JobcenterId = "jc-05554", Name = "vermittlungen-schwerbehinderte", Title = "Vermittlungen von Menschen mit Behinderungen in den ersten Arbeitsmarkt",
            Unit = "Personen", Kind = "flow", DeclaredByAgreement = "zv-2018-borken",
        });
        Assert.Equal("local.jc-05554.vermittlungen-schwerbehinderte", declared.Code);
        var again = await fixture.Statistik.DeclareLocalIndicatorAsync(new DeclareLocalIndicatorRequest
        {
            JobcenterId = "jc-05554", Name = "vermittlungen-schwerbehinderte", Title = declared.Name, Unit = "Personen", Kind = "flow", DeclaredByAgreement = "zv-2018-borken",
        });
        Assert.Equal(declared, again);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => fixture.Statistik.DeclareLocalIndicatorAsync(new DeclareLocalIndicatorRequest
        {
            JobcenterId = "jc-05554", Name = "vermittlungen-schwerbehinderte", Title = "etwas anderes", Unit = "Personen", Kind = "stock",
        }));

        var report = await SendAsync(fixture.Statistik, [Row("05554", "2018-03", declared.Code, "4"), Row("05558", "2018-03", declared.Code, "2")]);

        Assert.Equal(DeliveryState.PartiallyStored, report.State);
        Assert.Equal((2L, "UNKNOWN_CODE"), (report.Errors[0].RowNumber, report.Errors[0].Reason));
        var catalogue = await fixture.Reader.GetCatalogueAsync(new GetCatalogueRequest());
        Assert.Contains(catalogue.LocalIndicators, l => l.Code == declared.Code);
        Assert.Equal(15, catalogue.Figures.Count);
        Assert.Equal(16, catalogue.Quantities.Count);
    }

    [Fact]
    public async Task Two_identical_deliveries_sent_at_once_are_stored_once()
    {
        var rows = Months("2012-01", 12).Select(m => Row("05711", m, "elb_exits", "700")).ToList();

        var both = await Task.WhenAll(SendAsync(fixture.Statistik, rows), SendAsync(fixture.Statistik, rows));

        var stored = Assert.Single(both, r => r.DuplicateOf.Length == 0);
        Assert.Equal(stored.DeliveryId, Assert.Single(both, r => r.DuplicateOf.Length > 0).DuplicateOf);
        Assert.Equal(12, await fixture.StoredValuesAsync(5711, "elb_exits"));
    }

    [Fact]
    public async Task A_delivery_over_the_row_limit_is_RESOURCE_EXHAUSTED_and_stores_nothing()
    {
        var rows = Enumerable.Range(0, KpiFixture.MaxRowsPerDelivery + 1).Select(i => Row("05711", "2013-01", "elb_stock", $"{i}"));

        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync(fixture.Statistik, rows, chunk: 2000));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("20,000 rows", error.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(error.GetRpcStatus()!.GetDetail<Google.Rpc.QuotaFailure>());
        Assert.Equal(0, await fixture.StoredValuesAsync(5711, "elb_stock"));
    }

    private AsyncClientStreamingCall<DeliverRequest, DeliveryReport> SendCall(Zielsteuerung.Kpi.V1.Kpi.KpiClient client)
    {
        var call = client.Deliver();
        _ = Task.Run(async () =>
        {
            try
            {
                await call.RequestStream.WriteAsync(new DeliverRequest { Header = new DeliveryHeader { Description = "refused" } });
                await call.RequestStream.WriteAsync(new DeliverRequest { Chunk = new DeliveryChunk { Rows = { Row("05711", "2011-01", "elb_stock", "1") } } });
                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // the server refused before reading: the status comes with the response
            }
        });
        return call;
    }
}
