using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Kpi.DataGenerator;
using Kpi.Importer.Upload;
using Xunit.Abstractions;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Kpi.Tools.Tests.Importer;

[Collection(MemoryCollection.Name)]
public class ImportMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Importing_a_large_file_keeps_memory_flat()
    {
        using var file = TempFile.Generated(new GeneratorOptions(), out var rows);
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService { KeepRows = false });
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var process = Process.GetCurrentProcess();

        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        long peakWorkingSet = workingSetBefore, peakHeap = heapBefore;
        var progress = new DeliveryUploadTests.SynchronousProgress(_ =>
        {
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        });

        var result = await new DeliveryUpload(new KpiClient(channel)).RunAsync(file.Path, new UploadOptions(), progress,
            new Metadata { { "authorization", "Bearer test" } });

        var size = new FileInfo(file.Path).Length;
        output.WriteLine($"{rows:N0} rows ({size / 1e6:N1} MB) in {result.Elapsed.TotalSeconds:N2} s, {result.RowsPerSecond:N0} rows/s; " +
            $"working set {workingSetBefore / 1e6:N0} → peak {peakWorkingSet / 1e6:N0} MB, heap {heapBefore / 1e6:N0} → peak {peakHeap / 1e6:N0} MB (client and server in one process)");
        Assert.Equal(rows, server.Service.RowCount);
        Assert.True(peakWorkingSet - workingSetBefore < 200_000_000, $"the working set grew by {(peakWorkingSet - workingSetBefore) / 1e6:N0} MB for a {size / 1e6:N0} MB file");
        Assert.True(peakHeap - heapBefore < 150_000_000, $"the heap grew by {(peakHeap - heapBefore) / 1e6:N0} MB");
    }
}

/// <summary>Memory is measured alone: other tests' allocations would count as the import's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory";
}
