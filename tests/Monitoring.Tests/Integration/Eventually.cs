using Grpc.Core;
using Zielsteuerung.Monitoring.V1;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace Monitoring.Tests.Integration;

/// <summary>Waiting for what the service computes in the background: read until done, for at most 60 s.</summary>
internal static class Eventually
{
    public static Task<AgreementAttainment> AttainmentAsync(MonitoringClient client, string agreementId, Func<AgreementAttainment, bool> done) =>
        ReadAsync(async () =>
        {
            try
            {
                return await client.GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = agreementId });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, o => o is not null && done(o)).ContinueWith(t => t.Result!, TaskScheduler.Default);

    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within 60 s; last: {value}");
            }

            await Task.Delay(200);
        }
    }
}
