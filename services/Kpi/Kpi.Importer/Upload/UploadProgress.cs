namespace Kpi.Importer.Upload;

/// <summary>How far an upload is: bytes of the file read, rows sent.</summary>
public readonly record struct UploadProgress(long BytesRead, long TotalBytes, long RowsSent, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsSent / Elapsed.TotalSeconds : 0;
}
