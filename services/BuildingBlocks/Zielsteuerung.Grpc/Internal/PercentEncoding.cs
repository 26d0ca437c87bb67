using System.Buffers;
using System.Text;

namespace Zielsteuerung.Grpc.Internal;

/// <summary>
/// grpc-message encoding (PROTOCOL-HTTP2.md): UTF-8, with every byte outside %x20-%x7E and '%' itself
/// written as "%XX". Decoding never fails: malformed escapes are kept as they are.
/// </summary>
internal static class PercentEncoding
{
    public static string Encode(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E || c == '%')
            {
                needs = true;
                break;
            }
        }
        if (!needs)
        {
            return value;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var bytes = rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented));
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                if (b < 0x20 || b > 0x7E || b == '%')
                {
                    sb.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
                }
                else
                {
                    sb.Append((char)b);
                }
            }
            return sb.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }
        var bytes = new List<byte>(value.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length
                && TryHex(value[i + 1], out var hi) && TryHex(value[i + 2], out var lo))
            {
                bytes.Add((byte)(hi << 4 | lo));
                i += 2;
            }
            else if (c <= 0x7F)
            {
                bytes.Add((byte)c);
            }
            else
            {
                // Not valid on the wire; keep the character rather than lose it.
                var n = Encoding.UTF8.GetBytes(value.AsSpan(i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1), buffer);
                for (var j = 0; j < n; j++)
                {
                    bytes.Add(buffer[j]);
                }
                if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                {
                    i++;
                }
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
