using Grpc.Core;
using Grpc.Net.Client;
using Kpi.Csv;
using Kpi.Importer.Upload;
using Zielsteuerung.Kpi.V1;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Kpi.Tools.Tests.Importer;

public class DeliveryUploadTests
{
    internal const string Header = "jobcenter;month;code;sex;basis;value;numerator;denominator";
    private static readonly Metadata WithToken = new() { { "authorization", "Bearer test" } };

    internal static string Lines(int count, int firstMonth = 1) => string.Concat(Enumerable.Range(0, count)
        .Select(i => $"05554;2015-{(firstMonth + i - 1) % 12 + 1:D2};elb_stock;insgesamt;final;{10_000 + i};;\n"));

    [Fact]
    public async Task Sends_the_header_then_every_row_in_order_in_chunks()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"# title\n{Header}\n{Lines(10)}");
        using var channel = GrpcChannel.ForAddress(server.Address);

        var result = await new DeliveryUpload(new KpiClient(channel)).RunAsync(file.Path,
            new UploadOptions { Mode = DeliveryMode.Partial, IdempotencyKey = "ba-2015", Description = "BA Statistik 2015", ChunkRows = 3 },
            headers: WithToken);

        var header = server.Service.Header!;
        Assert.Equal((DeliveryMode.Partial, "ba-2015", "BA Statistik 2015", System.IO.Path.GetFileName(file.Path)),
            (header.Mode, header.IdempotencyKey, header.Description, header.SourceName));
        Assert.Equal([3, 3, 3, 1], server.Service.ChunkSizes);
        Assert.Equal(Enumerable.Range(3, 10).Select(i => (long)i), server.Service.Rows.Select(r => r.RowNumber));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{10_000 + i}"), server.Service.Rows.Select(r => r.Value));
        Assert.Equal((DeliveryState.Stored, 10L, 10L, 4L), (result.Report.State, result.Report.RowsReceived, result.RowsSent, result.ChunksSent));
        Assert.Equal("Bearer test", server.Service.Authorization);
    }

    [Fact]
    public async Task Is_all_or_nothing_by_default_and_describes_itself_by_the_file()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{Lines(1)}");
        using var channel = GrpcChannel.ForAddress(server.Address);

        await new DeliveryUpload(new KpiClient(channel)).RunAsync(file.Path, new UploadOptions(), headers: WithToken);

        Assert.Equal(DeliveryMode.AllOrNothing, server.Service.Header!.Mode);
        Assert.Equal($"Import of {System.IO.Path.GetFileName(file.Path)}", server.Service.Header.Description);
    }

    [Fact]
    public async Task A_broken_line_arrives_as_a_malformed_row_with_its_line_number()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{Lines(2)}05554;2015-03;elb_stock;divers;final;1;;\n{Lines(1)}");
        using var channel = GrpcChannel.ForAddress(server.Address);

        var result = await new DeliveryUpload(new KpiClient(channel)).RunAsync(file.Path, new UploadOptions { Mode = DeliveryMode.Partial }, headers: WithToken);

        var malformed = Assert.Single(server.Service.Rows, r => r.Malformed.Length > 0);
        Assert.Equal((4L, "line 4: sex 'divers' is not insgesamt, frauen or männer"), (malformed.RowNumber, malformed.Malformed));
        Assert.Equal(4, server.Service.Rows.Count);
        Assert.Equal(1, result.Sent.Malformed);
        Assert.Equal(DeliveryState.PartiallyStored, result.Report.State);
    }

    [Fact]
    public async Task A_file_without_its_header_sends_nothing()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile(Lines(3));
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<KpiCsvFormatException>(() =>
            new DeliveryUpload(new KpiClient(channel)).RunAsync(file.Path, new UploadOptions(), headers: WithToken));

        Assert.Equal(1, error.LineNumber);
        Assert.Null(server.Service.Header);
        Assert.Null(server.Service.Authorization);
    }

    [Fact]
    public async Task Without_a_token_the_servers_unauthenticated_comes_through()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{Lines(5000)}");
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new DeliveryUpload(new KpiClient(channel)).RunAsync(file.Path, new UploadOptions { ChunkRows = 10 }));

        Assert.True(error.StatusCode == StatusCode.Unauthenticated, error.ToString());
    }

    [Fact]
    public async Task Reports_progress_over_the_files_bytes()
    {
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService());
        using var file = new TempFile($"{Header}\n{Lines(1000)}");
        using var channel = GrpcChannel.ForAddress(server.Address);
        var reports = new List<UploadProgress>();

        await new DeliveryUpload(new KpiClient(channel)).RunAsync(file.Path, new UploadOptions { ChunkRows = 100 },
            new SynchronousProgress(reports.Add), WithToken);

        Assert.True(reports.Count >= 10);
        Assert.Equal(new FileInfo(file.Path).Length, reports[^1].BytesRead);
        Assert.Equal(reports[^1].TotalBytes, reports[^1].BytesRead);
        Assert.Equal(1000, reports[^1].RowsSent);
        Assert.Equal(reports.Select(r => r.RowsSent).Order(), reports.Select(r => r.RowsSent));
    }

    internal sealed class SynchronousProgress(Action<UploadProgress> report) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => report(value);
    }
}
