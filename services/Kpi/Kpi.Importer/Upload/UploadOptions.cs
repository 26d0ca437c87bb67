using Zielsteuerung.Kpi.V1;

namespace Kpi.Importer.Upload;

public sealed record UploadOptions
{
    public const int DefaultChunkRows = 2000;

    public DeliveryMode Mode { get; init; } = DeliveryMode.AllOrNothing;

    public string IdempotencyKey { get; init; } = "";

    /// <summary>Empty = "Import of &lt;file name&gt;".</summary>
    public string Description { get; init; } = "";

    public int ChunkRows { get; init; } = DefaultChunkRows;
}
