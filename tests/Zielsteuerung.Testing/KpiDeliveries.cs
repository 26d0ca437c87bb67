using Grpc.Core;
using Zielsteuerung.Kpi.V1;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Zielsteuerung.Testing;

/// <summary>A KPI delivery as a client streams it (<c>Kpi.Deliver</c>): the header, then the rows in chunks.</summary>
public static class KpiDeliveries
{
    /// <summary>Sends <paramref name="rows"/> under <paramref name="header"/> in chunks of <paramref name="chunk"/> rows; returns the service's report.</summary>
    public static async Task<DeliveryReport> SendAsync(KpiClient client, DeliveryHeader header, IEnumerable<DeliveryRow> rows, int chunk = 500,
        CallOptions options = default)
    {
        using var call = client.Deliver(options);
        await call.RequestStream.WriteAsync(new DeliverRequest { Header = header });
        var message = new DeliveryChunk();
        foreach (var row in rows)
        {
            message.Rows.Add(row);
            if (message.Rows.Count == chunk)
            {
                await call.RequestStream.WriteAsync(new DeliverRequest { Chunk = message });
                message = new DeliveryChunk();
            }
        }

        if (message.Rows.Count > 0)
        {
            await call.RequestStream.WriteAsync(new DeliverRequest { Chunk = message });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
