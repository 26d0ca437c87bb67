using PartyRegistry.API.Application;

namespace PartyRegistry.API.Import;

/// <summary>
/// Loads the NRW reference data (<see cref="ReferenceData"/>) when the service starts, before it listens: parties not
/// yet registered are registered with their history; registered ones are left alone, so restarts are idempotent and
/// later changes recorded in the registry are kept.
/// </summary>
internal sealed class ReferenceDataLoader(IServiceScopeFactory scopes, ILogger<ReferenceDataLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var parties = ReferenceData.LoadNrw();
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var registry = scope.ServiceProvider.GetRequiredService<Registry>();
            try
            {
                var result = await registry.ImportAsync(parties, "reference data", skipExisting: true, cancellationToken);
                logger.LogInformation(
                    "Reference data: {Registered} parties registered, {Unchanged} already there.", result.Registered.Count, result.Unchanged);
                return;
            }
            catch (PartyAlreadyExistsException) when (attempt == 1)
            {
                // Another instance loaded the same parties at the same moment; the second attempt finds them.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
