using System.Security.Cryptography;

namespace Zielsteuerung.Grpc.Interop.Tests.Infrastructure;

/// <summary>The values the scenarios of both peers' clients send, so tests can state what must come back.</summary>
public static class Expected
{
    /// <summary>The request header by which servers report what they observed of a test's call.</summary>
    public const string TestIdHeader = "x-test-id";

    public const string UnicodeMessage = "Zielwert überschritten — ✓";
    public const int Large = 4_000_000;

    /// <summary>Above the 4 MiB every implementation receives by default.</summary>
    public const int TooLarge = 5_000_000;

    /// <summary>The scenarios' payload pattern: byte i is i mod 251.</summary>
    public static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i % 251);
        }
        return bytes;
    }

    /// <summary>What echo.proto's response_size produces: that many 0xAB bytes.</summary>
    public static byte[] Filler(int size) => Enumerable.Repeat((byte)0xAB, size).ToArray();

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(string text) => Sha256(System.Text.Encoding.UTF8.GetBytes(text));
}
