using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>Finds, before anything starts, the fixed ports of the model that another program already holds.</summary>
internal static class FixedPorts
{
    /// <summary>
    /// Throws one <see cref="DistributedApplicationException"/> naming every endpoint whose fixed port cannot be bound on
    /// loopback. With <paramref name="randomized"/> (DcpPublisher:RandomizePorts, as Aspire.Hosting.Testing sets it) the
    /// proxied endpoints get random ports, so only the unproxied ones count.
    /// </summary>
    public static void EnsureFree(DistributedApplicationModel model, bool randomized)
    {
        var taken = model.Resources
            .SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>().Select(endpoint => (Resource: resource.Name, Endpoint: endpoint)))
            .Where(e => e.Endpoint.Port is not null && !(randomized && e.Endpoint.IsProxied))
            .Where(e => !IsFree(e.Endpoint.Port!.Value))
            .Select(e => $"  - port {e.Endpoint.Port!.Value.ToString(CultureInfo.InvariantCulture)} (endpoint '{e.Endpoint.Name}' of '{e.Resource}')")
            .ToList();
        if (taken.Count > 0)
        {
            throw new DistributedApplicationException("Ports already in use by another program:" + Environment.NewLine + string.Join(Environment.NewLine, taken) +
                Environment.NewLine + "Stop what holds them (`ss -ltnp` shows it), e.g. an AppHost that is still running, and start again.");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
