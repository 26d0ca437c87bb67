using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>
/// SHA-256 over a delivery's mode and rows in order (every field but the row number, so the same rows from a file
/// with other comment lines are the same delivery): what "the same content" means for recognising a re-sent delivery.
/// </summary>
internal sealed class ContentHash : IDisposable
{
    private const byte FieldSeparator = 0x1F;
    private static readonly byte[] RowSeparator = [0x1E];
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1024);

    public ContentHash(DeliveryMode mode) => Append($"mode={(int)(mode == DeliveryMode.Unspecified ? DeliveryMode.Partial : mode)}");

    public void Add(DeliveryRow row)
    {
        Append(row.Jobcenter);
        Append(row.Month);
        Append(row.Code);
        Append(((int)row.Sex).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(((int)row.Basis).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(row.Value);
        Append(row.Numerator);
        Append(row.Denominator);
        Append(row.Malformed);
        _hash.AppendData(RowSeparator);
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private void Append(string field)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(field.Length) + 1;
        if (needed > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        var written = Encoding.UTF8.GetBytes(field, _buffer);
        _buffer[written] = FieldSeparator;
        _hash.AppendData(_buffer, 0, written + 1);
    }
}
