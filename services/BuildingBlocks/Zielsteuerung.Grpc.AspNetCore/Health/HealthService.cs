using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Zielsteuerung.Grpc.AspNetCore.Health;

/// <summary>grpc.health.v1.Health as grpc/grpc doc/health-checking.md specifies it.</summary>
internal sealed class HealthService(HealthStatusManager manager)
{
    public async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        await manager.Evaluated.WaitAsync(context.CancellationToken);
        var status = manager.GetStatus(request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        return new HealthCheckResponse { Status = status };
    }

    /// <summary>
    /// Sends the current status at once and then each change, SERVICE_UNKNOWN while the service is unknown, until
    /// the client cancels (or the server stops: then NOT_SERVING is the last message).
    /// </summary>
    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        try
        {
            await manager.Evaluated.WaitAsync(cancellationToken);
            ServingStatus? sent = null;
            while (true)
            {
                var nextChange = manager.NextChange;
                var status = manager.GetStatus(request.Service) ?? ServingStatus.ServiceUnknown;
                if (status != sent)
                {
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
                    sent = status;
                }

                if (manager.IsTerminal)
                {
                    return;
                }

                await nextChange.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client cancelled: the call is over, there is nobody to tell.
        }
    }
}
