using System.Diagnostics;
using Grpc.Core;
using Kpi.Csv;
using Zielsteuerung.Kpi.V1;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Kpi.Importer.Upload;

/// <summary>Streams one CSV file to <c>Kpi.Deliver</c>: the header message, then chunks of rows as they are read.
/// Memory stays flat: one chunk is built while the one before it is written, and every write waits for HTTP/2 flow
/// control, so a slow server slows the reading down instead of filling buffers.</summary>
public sealed class DeliveryUpload(KpiClient client)
{
    /// <summary>Checks the file's header first: a broken file throws <see cref="KpiCsvFormatException"/> before
    /// anything is sent. gRPC errors come as <see cref="RpcException"/>.</summary>
    public async Task<UploadResult> RunAsync(string path, UploadOptions options, IProgress<UploadProgress>? progress = null,
        Metadata? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkRows, 1, nameof(options.ChunkRows));
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var reader = new KpiCsvReader(file, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        var totalBytes = file.Length;
        var sent = new SentRange();
        long rows = 0, chunks = 0;
        using var call = client.Deliver(headers, cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(new DeliverRequest { Header = Header(path, options) }, cancellationToken);
            var chunk = new DeliveryChunk();
            await foreach (var row in reader.ReadRowsAsync(cancellationToken))
            {
                chunk.Rows.Add(row);
                sent.Add(row);
                if (chunk.Rows.Count < options.ChunkRows) continue;
                await call.RequestStream.WriteAsync(new DeliverRequest { Chunk = chunk }, cancellationToken);
                rows += chunk.Rows.Count;
                chunks++;
                chunk = new DeliveryChunk();
                progress?.Report(new UploadProgress(file.Position, totalBytes, rows, clock.Elapsed));
            }
            if (chunk.Rows.Count > 0)
            {
                await call.RequestStream.WriteAsync(new DeliverRequest { Chunk = chunk }, cancellationToken);
                rows += chunk.Rows.Count;
                chunks++;
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A server that ends the call early (UNAUTHENTICATED, a size limit) makes the next write fail with a bare
            // CANCELLED or "call is complete"; the call's own status says why.
            await call.ResponseAsync;
            throw;
        }
        progress?.Report(new UploadProgress(totalBytes, totalBytes, rows, clock.Elapsed));
        var report = await call.ResponseAsync;
        return new UploadResult(report, rows, chunks, clock.Elapsed, sent);
    }

    private static DeliveryHeader Header(string path, UploadOptions options)
    {
        var fileName = Path.GetFileName(path);
        return new DeliveryHeader
        {
            IdempotencyKey = options.IdempotencyKey,
            Mode = options.Mode,
            Description = options.Description.Length > 0 ? options.Description : $"Import of {fileName}",
            SourceName = fileName,
        };
    }
}
