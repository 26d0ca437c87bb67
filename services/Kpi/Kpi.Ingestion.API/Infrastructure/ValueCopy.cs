using System.Threading.Channels;
using Kpi.Ingestion.API.Deliveries;
using Npgsql;

namespace Kpi.Ingestion.API.Infrastructure;

/// <summary>
/// Writes a delivery's valid rows to kpi_values with binary COPY on a task of its own, so that checking the next rows
/// and PostgreSQL's work on the previous ones overlap. Rows are handed over in batches through a bounded channel:
/// memory stays bounded whatever the delivery's size. Disposing without <see cref="CompleteAsync"/> abandons the COPY
/// (the transaction then rolls back).
/// </summary>
internal sealed class ValueCopy : IAsyncDisposable
{
    private const int BatchSize = 1000;
    private readonly Channel<Batch> _batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
    private readonly NpgsqlBinaryImporter _importer;
    private readonly Task _writing;
    private ValidRow[] _rows = new ValidRow[BatchSize];
    private int _count;
    private bool _disposed;

    private ValueCopy(NpgsqlBinaryImporter importer, long delivery, CancellationToken cancellationToken)
    {
        _importer = importer;
        // A thread of its own: it blocks while PostgreSQL takes the data, and waits for the next batch.
        _writing = Task.Factory.StartNew(() => Write(delivery, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public static async Task<ValueCopy> StartAsync(NpgsqlConnection connection, long delivery, CancellationToken cancellationToken) =>
        new(await connection.BeginBinaryImportAsync(ValueStore.CopyValues, cancellationToken), delivery, cancellationToken);

    public ValueTask AddAsync(ValidRow row, CancellationToken cancellationToken)
    {
        _rows[_count++] = row;
        return _count == BatchSize ? HandOverAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Writes the rows still held and completes the COPY.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_count > 0)
        {
            await HandOverAsync(cancellationToken);
        }

        _batches.Writer.Complete();
        await _writing;
        await _importer.CompleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _batches.Writer.TryComplete();
        try
        {
            await _writing;
        }
        catch (Exception)
        {
            // Abandoned (after CompleteAsync the writer has succeeded): its failure no longer matters, the transaction rolls back.
        }

        await _importer.DisposeAsync();
    }

    private async ValueTask HandOverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _batches.Writer.WriteAsync(new Batch(_rows, _count), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await _writing;   // the writer failed: its exception is the reason
            throw;
        }

        _rows = new ValidRow[BatchSize];
        _count = 0;
    }

    private void Write(long delivery, CancellationToken cancellationToken)
    {
        try
        {
            while (_batches.Reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                while (_batches.Reader.TryRead(out var batch))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        ValueStore.Write(_importer, batch.Rows[i], delivery);
                    }
                }
            }
        }
        catch (Exception e)
        {
            _batches.Writer.TryComplete(e);
            throw;
        }
    }

    private readonly record struct Batch(ValidRow[] Rows, int Count);
}
