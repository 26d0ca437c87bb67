using System.Net;
using System.Net.Sockets;

namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>Loopback ports: free ones picked for dynamic endpoints, fixed ones checked before anything starts.</summary>
internal static class Ports
{
    // Ports handed out by this process stay reserved so that two applications in one test run never get the same one.
    private static readonly HashSet<int> handedOut = [];

    /// <summary>A free port below the kernel's ephemeral range: ports from that range also go to outgoing connections
    /// and to other programs' bind(0) calls, which could take the port between our check and the child's bind.</summary>
    public static int AllocateFree()
    {
        var (low, high) = NonEphemeralRange();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            if (Reserve(port) && IsFree(port))
            {
                return port;
            }
        }

        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (Reserve(port))
            {
                return port;
            }
        }
    }

    private static bool Reserve(int port)
    {
        lock (handedOut)
        {
            return handedOut.Add(port);
        }
    }

    private static (int Low, int High) NonEphemeralRange()
    {
        const int floor = 20000; // above well-known and commonly configured ports
        try
        {
            var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0],
                System.Globalization.CultureInfo.InvariantCulture);
            return ephemeralLow - floor >= 2000 ? (floor, ephemeralLow) : (floor, 30000);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return (floor, 30000);
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // as servers do: connections in TIME_WAIT do not make a port busy, a listener does
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
