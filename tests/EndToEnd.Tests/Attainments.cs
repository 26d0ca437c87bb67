using System.Text;
using Grpc.Core;
using Zielsteuerung.Monitoring.V1;
using MonitoringClient = Zielsteuerung.Monitoring.V1.Monitoring.MonitoringClient;

namespace EndToEnd.Tests;

/// <summary>A row of the monitoring database's change log, with the change it stored.</summary>
public sealed record LoggedChange(long Position, string AgreementId, string TargetKey, StatusChange Change);

/// <summary>Reading, waiting for and comparing attainment; the change log as the database holds it.</summary>
public static class Attainments
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    /// <summary>The key the change log uses: "goal/target".</summary>
    public static string Key(TargetAttainment t) => $"{t.GoalId}/{t.TargetId}";

    public static string Key(StatusChange c) => $"{c.GoalId}/{c.TargetId}";

    public static Dictionary<string, TargetStatus> Statuses(AgreementAttainment a) => a.Targets.ToDictionary(Key, t => t.Status, StringComparer.Ordinal);

    public static IEnumerable<TargetAttainment> Quantitative(AgreementAttainment a) => a.Targets.Where(t => t.Kind == TargetKind.Quantitative);

    /// <summary>Reads the agreement's attainment until <paramref name="done"/> holds (not yet followed and a service restarting count as not yet).</summary>
    public static async Task<AgreementAttainment> EventuallyAsync(Func<Task<MonitoringClient>> client, string agreementId, Func<AgreementAttainment, bool> done,
        string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Generous);
        AgreementAttainment? last = null;
        string? failure = null;
        while (true)
        {
            try
            {
                last = await (await client()).GetAgreementAttainmentAsync(new GetAgreementAttainmentRequest { AgreementId = agreementId },
                    deadline: DateTime.UtcNow.AddSeconds(30));
                if (done(last))
                {
                    return last;
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
            {
                failure = $"{e.StatusCode}: {e.Status.Detail}";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{agreementId}: not {what} within {(timeout ?? Generous).TotalSeconds} s; last read: "
                    + (last is null ? failure : Describe(last)));
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every line of an attainment without what says when and for which copy it was computed: equal for equal data.</summary>
    public static string Result(TargetAttainment t)
    {
        var copy = t.Clone();
        copy.AgreementId = "";
        copy.ComputedAt = "";
        copy.ComputedFrom.AgreementId = "";
        copy.ComputedFrom.AgreementVersion = 0;
        return copy.ToString();
    }

    public static string Describe(AgreementAttainment a)
    {
        var text = new StringBuilder($"{a.AgreementId} ({a.AgreementStatus}, edition {a.Edition}, version {a.AgreementVersion}):");
        foreach (var t in a.Targets)
        {
            text.AppendLine().Append("  ").Append(Describe(t));
        }

        return text.ToString();
    }

    public static string Describe(TargetAttainment t)
    {
        var line = $"{Key(t),-11} {t.Kind.ToString().ToLowerInvariant(),-12} {t.Indicator,-14} {t.Measure,-20} {t.Status,-13} at {(t.Month.Length > 0 ? t.Month : "-"),-7}";
        if (t.Months.Count > 0 && t.Months[^1] is { } m)
        {
            line += $" value {m.Value}, prior year {m.PriorYearValue}, change {m.ChangePercent} % (target {t.Direction} {t.TargetValue}), gap {m.Gap}";
            if (m.Forecast is { Value.Length: > 0 } f)
            {
                line += $", forecast {f.Value} [{f.Low} … {f.High}] = {f.ChangePercent} % ({f.YearsInPattern} years)";
            }

            if (m.Missing.Length > 0)
            {
                line += $", missing: {m.Missing}";
            }
        }

        return line + $"; from {string.Join(",", t.ComputedFrom.KpiDeliveries)}";
    }

    /// <summary>The change log of <paramref name="agreementIds"/> after <paramref name="afterPosition"/>, in position order.</summary>
    public static async Task<List<LoggedChange>> LoggedAsync(EndToEndFixture fixture, IReadOnlyCollection<string> agreementIds, long afterPosition)
    {
        var rows = await fixture.QueryAsync(
            "SELECT position, agreement_id, target_key, change FROM status_changes WHERE agreement_id = ANY($1) AND position > $2 ORDER BY position",
            agreementIds.ToArray(), afterPosition);
        return [.. rows.Select(r => new LoggedChange((long)r[0], (string)r[1], (string)r[2], StatusChange.Parser.ParseFrom((byte[])r[3])))];
    }

    /// <summary>Nothing stored twice: no line has two changes with the same cause (one event is one commit, at most one change per line).</summary>
    public static void AssertNoDuplicates(IReadOnlyList<LoggedChange> log)
    {
        var twice = log.GroupBy(c => (c.AgreementId, c.TargetKey, c.Change.Cause)).Where(g => g.Count() > 1).ToList();
        Assert.True(twice.Count == 0, "stored twice: " + string.Join("; ", twice.Select(g => $"{g.Key} at {string.Join(",", g.Select(c => c.Position))}")));
        Assert.Equal(log.Count, log.Select(c => c.Position).Distinct().Count());
    }

    /// <summary>
    /// The watcher saw exactly the logged changes of its agreements after <paramref name="afterPosition"/> (waits for
    /// them), each once, in position order.
    /// </summary>
    public static async Task<List<LoggedChange>> AssertWatcherSawEachOnceAsync(EndToEndFixture fixture, Watcher watcher, IReadOnlyCollection<string> agreementIds,
        long afterPosition, TimeSpan? timeout = null)
    {
        var log = await LoggedAsync(fixture, agreementIds, afterPosition);
        var expected = log.Select(c => c.Position).ToList();
        var seen = await watcher.WaitForAsync(received => expected.All(p => received.Any(c => c.Position == p)), timeout ?? Generous,
            $"the logged changes {string.Join(",", expected)}");
        var mine = seen.Where(c => c.Position > afterPosition && agreementIds.Contains(c.AgreementId)).ToList();
        Assert.True(mine.Count == mine.Select(c => c.Position).Distinct().Count(),
            "the watcher got a change twice: " + string.Join("; ", mine.Select(Watcher.Describe)));
        Assert.Equal(expected, mine.Select(c => c.Position).Where(p => p <= (expected.Count > 0 ? expected[^1] : afterPosition)));
        Assert.Equal(mine.Select(c => c.Position).Order(), mine.Select(c => c.Position));
        return log;
    }
}
