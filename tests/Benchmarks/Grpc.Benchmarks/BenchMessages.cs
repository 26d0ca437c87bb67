using System.Buffers.Binary;
using Google.Protobuf;
using Zielsteuerung.Benchmarks.V1;

namespace Zielsteuerung.Grpc.Benchmarks;

/// <summary>The messages every benchmark run sends and answers, encoded once.</summary>
internal static class BenchMessages
{
    public const string UnaryPath = "/zielsteuerung.benchmarks.v1.Echo/Unary";

    public static readonly EchoRequest Request = new() { Message = "Zielvereinbarung 2026", Payload = ByteString.CopyFrom(new byte[32]) };

    /// <summary>What every Echo implementation answers to <see cref="Request"/>, as one gRPC message frame.</summary>
    public static readonly byte[] ResponseFrame = Frame(new EchoResponse { Message = Request.Message, Payload = Request.Payload });

    /// <summary>A length-prefixed message (PROTOCOL-HTTP2.md): compressed flag 0, 4-byte big-endian length, message.</summary>
    public static byte[] Frame(IMessage message)
    {
        var frame = new byte[5 + message.CalculateSize()];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)(frame.Length - 5));
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }

    public static int WriteRequestFile(string path)
    {
        File.WriteAllBytes(path, Frame(Request));
        return 0;
    }
}
