using System.Security.Cryptography;
using System.Text;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>
/// SHA-256 over a delivery's mode and rows in order (every field but the row number, so the same rows from a file
/// with other comment lines are the same delivery): what "the same content" means for recognising a re-sent delivery.
/// The rows' bytes are gathered in a buffer and hashed a buffer at a time.
/// </summary>
internal sealed class ContentHash : IDisposable
{
    private const byte FieldSeparator = 0x1F;
    private const byte RowSeparator = 0x1E;
    private const int BufferSize = 1 << 16;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public ContentHash(DeliveryMode mode) => Append($"mode={(int)(mode == DeliveryMode.Unspecified ? DeliveryMode.Partial : mode)}");

    public void Add(DeliveryRow row)
    {
        Append(row.Jobcenter);
        Append(row.Month);
        Append(row.Code);
        AppendByte((byte)('0' + (int)row.Sex));
        AppendByte((byte)('0' + (int)row.Basis));
        Append(row.Value);
        Append(row.Numerator);
        Append(row.Denominator);
        Append(row.Malformed);
        AppendByte(RowSeparator);
    }

    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private void Append(string field)
    {
        if (Encoding.UTF8.GetMaxByteCount(field.Length) + 1 > BufferSize - _used)
        {
            Flush();
            if (Encoding.UTF8.GetMaxByteCount(field.Length) + 1 > BufferSize)
            {
                _hash.AppendData(Encoding.UTF8.GetBytes(field));
                AppendByte(FieldSeparator);
                return;
            }
        }

        _used += Encoding.UTF8.GetBytes(field, _buffer.AsSpan(_used));
        _buffer[_used++] = FieldSeparator;
    }

    private void AppendByte(byte value)
    {
        if (_used == BufferSize)
        {
            Flush();
        }

        _buffer[_used++] = value;
    }

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }
}
