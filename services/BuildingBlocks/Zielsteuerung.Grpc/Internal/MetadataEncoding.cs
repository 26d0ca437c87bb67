using System.Buffers;
using System.Buffers.Text;

namespace Zielsteuerung.Grpc.Internal;

/// <summary>Metadata on the wire: "-bin" values are base64 (sent padded, accepted with or without padding).</summary>
internal static class MetadataEncoding
{
    public static string EncodeBinary(byte[] value) => Convert.ToBase64String(value);

    public static byte[] DecodeBinary(string value)
    {
        var padding = (4 - value.Length % 4) % 4;
        if (padding == 3)
        {
            throw new FormatException("Invalid base64 length in binary metadata.");
        }
        var padded = padding == 0 || value.EndsWith('=') ? value : value + new string('=', padding);
        return Convert.FromBase64String(padded);
    }

    /// <summary>The value of an entry as sent in a header.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.RawBytes is { } bytes ? EncodeBinary(bytes) : entry.Value;

    /// <summary>Creates an entry from a received header; null for reserved headers. Comma-joined binary values are split.</summary>
    public static void AddFromHeader(Metadata metadata, string name, string value)
    {
        if (GrpcProtocol.IsReservedHeader(name))
        {
            return;
        }
        var key = name.ToLowerInvariant();
        if (Metadata.IsBinaryKey(key))
        {
            // A sender may join several values of one key with ",": base64 never contains a comma.
            if (value.Contains(','))
            {
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    metadata.Add(Metadata.Entry.CreateUnchecked(key, DecodeBinary(part)));
                }
                return;
            }
            metadata.Add(Metadata.Entry.CreateUnchecked(key, DecodeBinary(value)));
        }
        else
        {
            metadata.Add(Metadata.Entry.CreateUnchecked(key, value));
        }
    }
}
