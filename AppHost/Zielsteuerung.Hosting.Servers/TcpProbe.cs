using System.Net.Sockets;
using System.Text;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>The health probes of servers that speak a line or frame protocol: connect on loopback, send, read the first bytes.</summary>
internal static class TcpProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Connects to <paramref name="port"/>, sends <paramref name="request"/> (if any) and returns what arrives until <paramref name="complete"/> says enough.</summary>
    public static async Task<byte[]> ExchangeAsync(int port, byte[] request, Func<byte[], bool> complete, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(ServerResources.Loopback, port, timeout.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        if (request.Length > 0)
        {
            await stream.WriteAsync(request, timeout.Token).ConfigureAwait(false);
        }

        var received = new List<byte>();
        var buffer = new byte[256];
        while (!complete([.. received]))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return [.. received];
    }

    public static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
