using MassTransit;
using Monitoring.API.Following;
using Zielsteuerung.IntegrationEvents.Kpi;

namespace Monitoring.API.Consumers;

/// <summary>
/// A delivery was stored: recompute exactly the lines it can change — same data basis, a code they are computed from,
/// a month they read, and their jobcenter or one of their group's members (a group without members yet, too).
/// </summary>
internal sealed class KpiDataIngestedConsumer(AgreementFollower follower) : IConsumer<KpiDataIngested>
{
    public Task Consume(ConsumeContext<KpiDataIngested> context)
    {
        var delivery = context.Message;
        var months = delivery.Months.Order(StringComparer.Ordinal).ToList();
        if (months.Count == 0)
        {
            return follower.RecomputeAsync(delivery.EventId, nameof(KpiDataIngested), targets => targets.Where(_ => false), delivery.Sequence, "",
                context.CancellationToken);
        }

        var (first, last) = (months[0], months[^1]);
        var codes = delivery.Codes.ToArray();
        var bases = delivery.Bases.ToArray();
        var jobcenters = delivery.JobcenterIds.ToArray();
        return follower.RecomputeAsync(delivery.EventId, nameof(KpiDataIngested), targets => targets.Where(t =>
                bases.Contains(t.Basis)
                && t.InputCodes.Any(c => codes.Contains(c))
                && string.Compare(t.FromMonth, last) <= 0 && string.Compare(t.ToMonth, first) >= 0
                && ((t.JobcenterId != null && jobcenters.Contains(t.JobcenterId))
                    || (t.JobcenterId == null && (t.Members.Length == 0 || t.Members.Any(m => jobcenters.Contains(m)))))),
            delivery.Sequence, $"kpi delivery {delivery.DeliveryId}", context.CancellationToken);
    }
}
