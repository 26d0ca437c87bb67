using Zielsteuerung.Kpi.V1;

namespace Kpi.Importer.Upload;

public sealed record UploadResult(DeliveryReport Report, long RowsSent, long ChunksSent, TimeSpan Elapsed, SentRange Sent)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsSent / Elapsed.TotalSeconds : 0;
}
