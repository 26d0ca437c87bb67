using System.Net;
using System.Net.Sockets;

namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>Loopback ports: free ones picked by the kernel, fixed ones checked before anything starts.</summary>
internal static class Ports
{
    // Ports handed out by this process stay reserved so that two applications in one test run never get the same one.
    private static readonly HashSet<int> handedOut = [];

    public static int AllocateFree()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (handedOut)
            {
                if (handedOut.Add(port))
                {
                    return port;
                }
            }
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
