using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Kpi.Computation;
using Monitoring.API.Comparing;
using Monitoring.API.Evaluation;
using Monitoring.API.Following;
using Monitoring.API.Reports;
using Monitoring.API.Infrastructure;
using Monitoring.API.Watch;
using Zielsteuerung.Authorization;
using Zielsteuerung.Authorization.Access;
using Zielsteuerung.Monitoring.V1;
using Zielsteuerung.ServiceDefaults;

namespace Monitoring.API.Grpc;

/// <summary>
/// The contract zielsteuerung.monitoring.v1.Monitoring. Reads never compute: they serve what the consumers wrote.
/// Everything needs monitoring.read; a caller sees the agreements its party is a party of and the targets about its
/// own jobcenter.
/// </summary>
internal sealed class MonitoringService(ChangeFeed feed) : Zielsteuerung.Monitoring.V1.Monitoring.MonitoringBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static ServiceAccess Access { get; } = ServiceAccess.For(Zielsteuerung.Monitoring.V1.Monitoring.Descriptor, rules => rules
        .Allow(Scopes.MonitoringRead, PartyRule.OfResource, "GetAgreementAttainment", "RenderDialogueReport", "GetDialogueReport")
        .Allow(Scopes.MonitoringRead, "ListTargets", "WatchStatusChanges", "CompareWithPeers")
        .Allow(Scopes.MonitoringConfigure, PartyRule.OfResource, "SetTolerance"));

    public override async Task<AgreementAttainment> GetAgreementAttainment(GetAgreementAttainmentRequest request, ServerCallContext context)
    {
        ThrowIfNoAgreementId(request.AgreementId);
        var overviews = context.GetHttpContext().RequestServices.GetRequiredService<OverviewCache>();
        var overview = await overviews.GetAsync(request.AgreementId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("zielsteuerung.monitoring.v1.AgreementAttainment", request.AgreementId,
                $"agreement '{request.AgreementId}' is not monitored: only agreements in force (or closed after it) have an attainment.").ToRpcException();
        var jobcenters = overview.Targets.Select(t => t.JobcenterId).Where(j => j.Length > 0);
        await context.AuthorizePartyAsync([.. overview.PartyIds.Concat(jobcenters).Distinct(StringComparer.Ordinal)],
            $"the attainment of agreement {overview.AgreementId}");
        return overview;
    }

    public override async Task<ListTargetsResponse> ListTargets(ListTargetsRequest request, ServerCallContext context)
    {
        var size = request.PageSize switch
        {
            0 => DefaultPageSize,
            < 0 or > MaxPageSize => throw RpcErrors.InvalidArgument($"page_size must be 1 … {MaxPageSize}.",
                [("page_size", $"1 … {MaxPageSize}, or 0 for {DefaultPageSize}.")]).ToRpcException(),
            var n => n,
        };
        var (afterAgreement, afterKey) = PageToken.Parse(request.PageToken);
        var party = context.GetCaller().PartyId;
        var statuses = request.Statuses.Select(StatusTokens.Of).ToArray();
        var db = context.GetHttpContext().RequestServices.GetRequiredService<MonitoringDbContext>();
        var query =
            from target in db.Targets.AsNoTracking()
            join agreement in db.Agreements.AsNoTracking() on target.AgreementId equals agreement.AgreementId
            where party.Length > 0 && (agreement.PartyIds.Contains(party) || target.JobcenterId == party)
            select new { target, agreement };
        if (request.AgreementId.Length > 0)
        {
            query = query.Where(x => x.agreement.AgreementId == request.AgreementId);
        }

        if (request.PartyId.Length > 0)
        {
            query = query.Where(x => x.agreement.PartyIds.Contains(request.PartyId) || x.target.JobcenterId == request.PartyId);
        }

        if (request.State.Length > 0)
        {
            query = query.Where(x => x.agreement.State == request.State);
        }

        if (request.Year != 0)
        {
            query = query.Where(x => x.agreement.Year == request.Year);
        }

        if (statuses.Length > 0)
        {
            query = query.Where(x => statuses.Contains(x.target.Status));
        }

        if (afterAgreement is not null)
        {
            query = query.Where(x => string.Compare(x.target.AgreementId, afterAgreement) > 0
                || (x.target.AgreementId == afterAgreement && string.Compare(x.target.TargetKey, afterKey) > 0));
        }

        var page = await query.OrderBy(x => x.target.AgreementId).ThenBy(x => x.target.TargetKey).Take(size + 1)
            .Select(x => new { x.target.AgreementId, x.target.TargetKey, x.target.Attainment }).ToListAsync(context.CancellationToken);
        var response = new ListTargetsResponse();
        foreach (var row in page.Take(size))
        {
            var target = TargetAttainment.Parser.ParseFrom(row.Attainment);
            target.Months.Clear();
            response.Targets.Add(target);
        }

        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Of(page[size - 1].AgreementId, page[size - 1].TargetKey);
        }

        return response;
    }

    public override async Task WatchStatusChanges(WatchStatusChangesRequest request, IServerStreamWriter<WatchStatusChangesResponse> responseStream,
        ServerCallContext context)
    {
        if (request.HasAfterPosition && request.AfterPosition < 0)
        {
            throw RpcErrors.InvalidArgument("after_position must be 0 or more.",
                [("after_position", "the position of the last change seen (0: from the first change); leave it out to start from now.")]).ToRpcException();
        }

        var party = context.GetCaller().PartyId;
        var statuses = request.Statuses.ToHashSet();
        // A watch lasts until the caller leaves or the service stops: then it ends with UNAVAILABLE and the position to
        // resume after, so that a stopping replica is not held up by its open streams.
        var stopping = context.GetHttpContext().RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        var position = request.HasAfterPosition ? request.AfterPosition : await feed.NowAsync(context.CancellationToken);
        await responseStream.WriteAsync(new WatchStatusChangesResponse { Subscribed = new Subscribed { Position = position } }, context.CancellationToken);
        try
        {
            while (true)
            {
                var changes = await feed.ReadAfterAsync(position, 500, watching.Token);
                foreach (var change in changes)
                {
                    if (Matches(change, request, statuses, party))
                    {
                        await responseStream.WriteAsync(new WatchStatusChangesResponse { Change = change }, watching.Token);
                    }

                    position = change.Position;
                }

                if (changes.Count == 0)
                {
                    await feed.WaitAfterAsync(position, watching.Token);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The caller left.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw RpcErrors.WithReason(StatusCode.Unavailable, $"the monitoring service is stopping: watch again with after_position {position}.",
                "SERVICE_STOPPING", "monitoring.zielsteuerung", new Dictionary<string, string>
                {
                    ["after_position"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }).ToRpcException();
        }
    }

    public override async Task<PeerComparison> CompareWithPeers(CompareWithPeersRequest request, ServerCallContext context)
    {
        var violations = new List<(string, string)>();
        if (request.JobcenterId.Length == 0)
        {
            violations.Add(("jobcenter_id", "the jobcenter to compare, e.g. \"jc-05554\"."));
        }

        if (request.Code.Length == 0)
        {
            violations.Add(("code", "a key figure, e.g. \"K2\"."));
        }

        if (!YearMonth.TryParse(request.Month, out var month))
        {
            violations.Add(("month", $"a month yyyy-MM, e.g. \"2018-03\"; not \"{request.Month}\"."));
        }

        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument("The comparison needs a jobcenter, a key figure and a month.", violations).ToRpcException();
        }

        var comparer = context.GetHttpContext().RequestServices.GetRequiredService<PeerComparer>();
        var basis = request.Basis == DataBasis.T0 ? Zielsteuerung.Kpi.V1.DataBasis.T0 : Zielsteuerung.Kpi.V1.DataBasis.Final;
        return await comparer.CompareAsync(request.JobcenterId, request.Code, month, basis, context.CancellationToken);
    }

    public override async Task<DialogueReport> RenderDialogueReport(RenderDialogueReportRequest request, ServerCallContext context)
    {
        var services = context.GetHttpContext().RequestServices;
        var (followed, agreement) = await FollowedAsync(services.GetRequiredService<MonitoringDbContext>(), request.AgreementId, context.CancellationToken);
        if (!YearMonth.TryParse(request.Month, out var month) || month.Year != agreement.Year)
        {
            throw RpcErrors.InvalidArgument($"month must be a month of the agreement's year {agreement.Year}.",
                [("month", $"yyyy-MM in {agreement.Year}, e.g. \"{agreement.Year}-03\"; not \"{request.Month}\".")]).ToRpcException();
        }

        await AuthorizeAsync(context, agreement);
        return await services.GetRequiredService<DialogueReports>()
            .RenderAsync(agreement, Tolerance.Parse(followed.TolerancePoints), month, request.Dialogue, context.GetCaller().RecordedBy, context.CancellationToken);
    }

    public override async Task<DialogueReport> GetDialogueReport(GetDialogueReportRequest request, ServerCallContext context)
    {
        var services = context.GetHttpContext().RequestServices;
        var report = await services.GetRequiredService<DialogueReports>().FindAsync(request.ReportId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("zielsteuerung.monitoring.v1.DialogueReport", request.ReportId,
                $"no dialogue report '{request.ReportId}': RenderDialogueReport returns the ids.").ToRpcException();
        var (_, agreement) = await FollowedAsync(services.GetRequiredService<MonitoringDbContext>(), report.AgreementId, context.CancellationToken);
        await AuthorizeAsync(context, agreement);
        return report;
    }

    public override async Task<AgreementAttainment> SetTolerance(SetToleranceRequest request, ServerCallContext context)
    {
        var services = context.GetHttpContext().RequestServices;
        var db = services.GetRequiredService<MonitoringDbContext>();
        var (followed, agreement) = await FollowedAsync(db, request.AgreementId, context.CancellationToken);
        if (!Rational.TryParse(request.TolerancePoints, out var tolerance) || tolerance < Rational.Zero || tolerance > Tolerance.Max)
        {
            throw RpcErrors.InvalidArgument($"tolerance_points must be a decimal from 0 to {Tolerance.Max}.",
                [("tolerance_points", $"percentage points (or units for a level) with a point, e.g. \"0.5\"; not \"{request.TolerancePoints}\".")]).ToRpcException();
        }

        var caller = context.GetCaller();
        await context.AuthorizePartyAsync([agreement.DraftingPartyId], $"the monitoring settings of agreement {agreement.Id} (its drafting party sets them)");
        await services.GetRequiredService<AgreementFollower>().RetuneAsync(followed, tolerance, request.ExpectedSettingsVersion,
            $"tolerance set to {TargetEvaluator.Text(tolerance)} by {caller.RecordedBy}", context.CancellationToken);
        return (await services.GetRequiredService<OverviewCache>().GetAsync(agreement.Id, context.CancellationToken))!;
    }

    private static void ThrowIfNoAgreementId(string agreementId)
    {
        if (agreementId.Length == 0)
        {
            throw RpcErrors.InvalidArgument("agreement_id is required.", [("agreement_id", "the id of an agreement in force, e.g. \"zv-2018-0001\".")])
                .ToRpcException();
        }
    }

    // The followed agreement's row (its settings) and the edition in it, as the agreements service returned it.
    private static async Task<(AgreementRow Row, Zielsteuerung.Agreements.V1.Agreement Agreement)> FollowedAsync(MonitoringDbContext db, string agreementId,
        CancellationToken cancellationToken)
    {
        ThrowIfNoAgreementId(agreementId);
        var row = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.AgreementId == agreementId, cancellationToken)
            ?? throw RpcErrors.NotFound("zielsteuerung.monitoring.v1.AgreementAttainment", agreementId,
                $"agreement '{agreementId}' is not monitored: only agreements in force (or closed after it) have a report.").ToRpcException();
        return (row, Zielsteuerung.Agreements.V1.Agreement.Parser.ParseFrom(row.Record));
    }

    private static Task AuthorizeAsync(ServerCallContext context, Zielsteuerung.Agreements.V1.Agreement agreement) =>
        context.AuthorizePartyAsync([.. agreement.Parties.Select(p => p.PartyId)], $"the dialogue report of agreement {agreement.Id}");

    private static bool Matches(StatusChange change, WatchStatusChangesRequest request, HashSet<TargetStatus> statuses, string party) =>
        party.Length > 0 && (change.PartyIds.Contains(party) || change.JobcenterId == party)
        && (request.AgreementId.Length == 0 || change.AgreementId == request.AgreementId)
        && (request.PartyId.Length == 0 || change.PartyIds.Contains(request.PartyId) || change.JobcenterId == request.PartyId)
        && (request.State.Length == 0 || change.State == request.State)
        && (statuses.Count == 0 || statuses.Contains(change.Status));

    /// <summary>The last row of a page, opaque to callers: "agreement id" + US + "target key", base64url.</summary>
    private static class PageToken
    {
        public static string Of(string agreementId, string targetKey) =>
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{agreementId}\u001f{targetKey}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (string? AgreementId, string? TargetKey) Parse(string token)
        {
            if (token.Length == 0)
            {
                return (null, null);
            }

            try
            {
                var base64 = token.Replace('-', '+').Replace('_', '/');
                var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
                var parts = text.Split('\u001f');
                if (parts.Length == 2)
                {
                    return (parts[0], parts[1]);
                }
            }
            catch (FormatException)
            {
            }

            throw RpcErrors.InvalidArgument("page_token is not a page token of this listing.",
                [("page_token", "pass next_page_token unchanged, or leave it empty.")]).ToRpcException();
        }
    }
}
