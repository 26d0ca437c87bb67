using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Zielsteuerung.Grpc.Internal;

/// <summary>
/// Length-Prefixed-Message (PROTOCOL-HTTP2.md): Compressed-Flag (1 byte) + Message-Length (4 bytes,
/// big-endian) + Message. Compression with gzip per message.
/// </summary>
internal static class GrpcFraming
{
    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/>; false if the buffer does not
    /// yet hold the whole frame. The size limit is checked as soon as the header is there.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int? maxReceiveSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        var length = ReadHeader(header, maxReceiveSize, out compressed);
        if (buffer.Length < GrpcProtocol.HeaderSize + length)
        {
            return false;
        }
        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Decodes a frame header; throws RESOURCE_EXHAUSTED or INTERNAL for a bad one.</summary>
    public static uint ReadHeader(ReadOnlySpan<byte> header, int? maxReceiveSize, out bool compressed)
    {
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {header[0]} in message header.")),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)(maxReceiveSize ?? int.MaxValue))
        {
            throw ReceiveTooLarge(length, maxReceiveSize!.Value);
        }
        return length;
    }

    public static RpcException ReceiveTooLarge(long size, int max) =>
        new(new Status(StatusCode.ResourceExhausted, $"Received message larger than max ({size} vs. {max})"));

    public static RpcException SendTooLarge(long size, int max) =>
        new(new Status(StatusCode.ResourceExhausted, $"Sent message larger than max ({size} vs. {max})"));

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>
    /// Writes prefix and message with a single GetSpan/Advance on <paramref name="writer"/>; gzip-compressed
    /// when <paramref name="gzip"/> is set.
    /// </summary>
    public static void WriteMessage(IBufferWriter<byte> writer, IMessage message, bool gzip, int? maxSendSize)
    {
        var size = message.CalculateSize();
        if (maxSendSize is { } max && size > max)
        {
            throw SendTooLarge(size, max);
        }
        if (gzip)
        {
            var compressed = Compress(message, size);
            var target = writer.GetSpan(GrpcProtocol.HeaderSize + compressed.Length);
            WriteHeader(target, compressed: true, compressed.Length);
            compressed.CopyTo(target[GrpcProtocol.HeaderSize..]);
            writer.Advance(GrpcProtocol.HeaderSize + compressed.Length);
            return;
        }
        var span = writer.GetSpan(GrpcProtocol.HeaderSize + size);
        WriteHeader(span, compressed: false, size);
        message.WriteTo(span.Slice(GrpcProtocol.HeaderSize, size));
        writer.Advance(GrpcProtocol.HeaderSize + size);
    }

    /// <summary>Prefix and message in a new array (client requests: kept for retries).</summary>
    public static byte[] SerializeToArray(IMessage message, bool gzip, int? maxSendSize)
    {
        var size = message.CalculateSize();
        if (maxSendSize is { } max && size > max)
        {
            throw SendTooLarge(size, max);
        }
        byte[] frame;
        if (gzip)
        {
            var compressed = Compress(message, size);
            frame = new byte[GrpcProtocol.HeaderSize + compressed.Length];
            compressed.CopyTo(frame.AsSpan(GrpcProtocol.HeaderSize));
            WriteHeader(frame, compressed: true, compressed.Length);
            return frame;
        }
        frame = new byte[GrpcProtocol.HeaderSize + size];
        WriteHeader(frame, compressed: false, size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.HeaderSize));
        return frame;
    }

    /// <summary>Parses a frame's payload, decompressing it if flagged (only gzip is supported).</summary>
    public static T ParseMessage<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload, bool compressed, string? encoding, int? maxReceiveSize)
        where T : IMessage<T>
    {
        if (!compressed)
        {
            return parser.ParseFrom(payload);
        }
        if (!string.Equals(encoding, GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            // PROTOCOL-HTTP2.md: the compressed flag with identity (or no) grpc-encoding is a protocol error.
            throw new RpcException(new Status(StatusCode.Internal,
                $"Message is flagged compressed but grpc-encoding is '{encoding ?? GrpcProtocol.IdentityEncoding}'."));
        }
        var (buffer, length) = Decompress(payload, maxReceiveSize ?? int.MaxValue);
        try
        {
            return parser.ParseFrom(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static byte[] Compress(IMessage message, int size)
    {
        var plain = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            message.WriteTo(plain.AsSpan(0, size));
            using var output = new MemoryStream(size / 2 + 32);
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(plain, 0, size);
            }
            return output.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    /// <summary>Decompresses into a rented buffer (caller returns it); RESOURCE_EXHAUSTED past the limit.</summary>
    internal static (byte[] Buffer, int Length) Decompress(in ReadOnlySequence<byte> payload, int maxSize)
    {
        using var input = new MemoryStream(payload.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(payload.Length * 4, 256), Math.Max(maxSize, 256) + 1L));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    return (buffer, length);
                }
                length += read;
                if (length > maxSize)
                {
                    throw ReceiveTooLarge(length, maxSize);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new RpcException(new Status(StatusCode.Internal, "Could not decompress a gzip message.", ex));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
