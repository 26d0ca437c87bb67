using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Kpi.Computation;
using Microsoft.EntityFrameworkCore;
using Monitoring.API.Comparing;
using Monitoring.API.Evaluation;
using Monitoring.API.Following;
using Monitoring.API.Infrastructure;
using Monitoring.Attainment;
using Monitoring.Reporting;
using Npgsql;
using Zielsteuerung.Parties.V1;
using Ag = Zielsteuerung.Agreements.V1;
using Kv = Zielsteuerung.Kpi.V1;
using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Reports;

/// <summary>
/// The dialogue report of an agreement for a month (docs/monitoring-report.md): the followed edition's lines evaluated
/// from the current KPI data up to that month, the jobcenter among its Vergleichstyp for the figures the targets use,
/// the qualitative goals with their assessments and the measures agreed in earlier dialogues; rendered by
/// Monitoring.Reporting as HTML and CSV and stored with the data versions it shows.
/// </summary>
internal sealed class DialogueReports(
    MonitoringDbContext db,
    SteeringSource steering,
    PeerComparer peers,
    PartyRegistry.PartyRegistryClient registry,
    TimeProvider clock)
{
    private const string DataSource = "Statistik der Bundesagentur für Arbeit, Kennzahlen nach § 48a SGB II";

    /// <param name="tolerancePoints">The agreement's tolerance, as its attainment is judged.</param>
    public async Task<Mv.DialogueReport> RenderAsync(Ag.Agreement agreement, Rational tolerancePoints, YearMonth month, string dialogue, string renderedBy,
        CancellationToken cancellationToken)
    {
        var lines = TargetDefinitions.Of(agreement, tolerancePoints);
        var goals = agreement.Edition.Content.Goals.ToDictionary(g => g.Id, g => g.Heading.Length > 0 ? g.Heading : g.Id, StringComparer.Ordinal);
        var targets = new List<TargetReport>();
        var qualitative = new List<QualitativeGoal>();
        var assessment = LatestAssessment(agreement);
        foreach (var line in lines)
        {
            var goal = goals[line.Template.GoalId];
            if (line.Model is not { } model)
            {
                qualitative.Add(new QualitativeGoal(goal, line.Template.Wording, assessment.Text, assessment.By));
                continue;
            }

            var reading = await steering.ReadAsync(line, cancellationToken);
            var year = reading.Year.Where(p => p.Month <= month).ToList();
            var result = AttainmentCalculator.Evaluate(model, year, reading.EarlierYears,
                new Provenance(agreement.Id, agreement.Version, reading.Deliveries));
            var priorYear = reading.EarlierYears.LastOrDefault(y => y.Count > 0 && y[0].Month.Year == line.Year - 1);
            targets.Add(new TargetReport(goal, result, priorYear, IndicatorName(line)));
        }

        var jobcenterId = lines.Select(l => l.JobcenterId).FirstOrDefault(j => j is not null);
        var comparison = jobcenterId is null ? null : await ComparisonAsync(jobcenterId, lines, month, cancellationToken);
        var provenance = targets.Count > 0 ? ReportProvenance.Of(targets.Select(t => t.Result)) : new Provenance(agreement.Id, agreement.Version, []);
        var deliveries = provenance.KpiDeliveryIds;
        var renderedAt = clock.GetUtcNow();
        var report = new DialogueReport(
            new ReportHeader(
                agreement.Edition.Content.Title,
                agreement.Year,
                [.. agreement.Parties.Select(p => new ReportParty(p.Name, Representative(p.RepresentedBy)))],
                month,
                DateOnly.FromDateTime(renderedAt.UtcDateTime),
                provenance,
                jobcenterId is null ? GroupName(lines) : await NameAsync(jobcenterId, month, cancellationToken),
                agreement.Parties.FirstOrDefault(p => p.PartyId == agreement.DraftingPartyId)?.Name,
                dialogue.Length > 0 ? dialogue : null),
            targets,
            qualitative,
            comparison,
            Measures(agreement),
            [DataSource]);
        var html = HtmlReportRenderer.Render(report);
        var row = new DialogueReportRow
        {
            ReportId = "",
            AgreementId = agreement.Id,
            Month = month.ToString(),
            Edition = agreement.Edition.Number,
            AgreementVersion = agreement.Version,
            KpiDeliveries = [.. deliveries],
            RenderedAt = renderedAt,
            RenderedBy = renderedBy,
            Html = html,
            Csv = CsvReportRenderer.Render(report),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html))),
        };
        await StoreAsync(row, cancellationToken);
        return Contract(row);
    }

    public async Task<Mv.DialogueReport?> FindAsync(string reportId, CancellationToken cancellationToken) =>
        await db.DialogueReports.AsNoTracking().FirstOrDefaultAsync(r => r.ReportId == reportId, cancellationToken) is { } row ? Contract(row) : null;

    // The n-th report of an agreement and month; two renders at once take the next number.
    private async Task StoreAsync(DialogueReportRow row, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var count = await db.DialogueReports.CountAsync(r => r.AgreementId == row.AgreementId && r.Month == row.Month, cancellationToken);
            row.ReportId = string.Create(CultureInfo.InvariantCulture, $"rpt-{row.AgreementId}-{row.Month}-{count + attempt}");
            db.DialogueReports.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 5)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private static Mv.DialogueReport Contract(DialogueReportRow row)
    {
        var report = new Mv.DialogueReport
        {
            ReportId = row.ReportId,
            AgreementId = row.AgreementId,
            Month = row.Month,
            Edition = row.Edition,
            AgreementVersion = row.AgreementVersion,
            RenderedAt = row.RenderedAt.ToString("O", CultureInfo.InvariantCulture),
            RenderedBy = row.RenderedBy,
            Html = row.Html,
            Csv = row.Csv,
            Sha256 = row.Sha256,
        };
        report.KpiDeliveries.AddRange(row.KpiDeliveries);
        return report;
    }

    private async Task<PeerComparison?> ComparisonAsync(string jobcenterId,
        IReadOnlyList<TargetDefinition> lines, YearMonth month, CancellationToken cancellationToken)
    {
        var figures = lines.Where(l => l.Model is not null && l.JobcenterId == jobcenterId)
            .Select(l => KpiCatalogue.FindFigure(l.Model!.Indicator.Code)).OfType<FigureDefinition>()
            .Distinct().OrderBy(f => KpiCatalogue.Figures.ToList().IndexOf(f)).ToList();
        if (figures.Count == 0)
        {
            return null;
        }

        PeerGroup group;
        try
        {
            group = await peers.GroupOfAsync(jobcenterId, month, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return null; // the jobcenter has no Vergleichstyp: the report has no comparison section
        }

        var rows = new List<Mv.PeerComparison>();
        foreach (var figure in figures)
        {
            rows.Add(await peers.CompareAsync(group, figure, month, Kv.DataBasis.Final, cancellationToken));
        }

        var first = rows[0];
        return new PeerComparison(first.Vergleichstyp, first.Members.Count, month, [.. rows.Select(PeerComparer.RowOf)], StateName(first.State));
    }

    private async Task<string> NameAsync(string partyId, YearMonth month, CancellationToken cancellationToken)
    {
        var asOf = new DateOnly(month.Year, month.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (await registry.GetPartyAsync(new GetPartyRequest { Id = partyId, AsOf = asOf }, cancellationToken: cancellationToken)).Name;
    }

    private static string GroupName(IReadOnlyList<TargetDefinition> lines) =>
        lines.Select(l => l.Template.Group).FirstOrDefault(g => g.Length > 0) is { } group ? $"Jobcenter ({group})" : "";

    private static string? IndicatorName(TargetDefinition line) => line.Template.Label.Length > 0 && line.Model?.Indicator.Code.StartsWith(
        MeasureMapping.LocalIndicatorPrefix, StringComparison.Ordinal) == true ? line.Template.Label : null;

    private static string? Representative(Ag.Representative? representative) =>
        representative is null || representative.Name.Length == 0 ? null : $"{representative.Role} {representative.Name}".Trim();

    private static string StateName(string state) => state == "DE-NW" ? "NRW" : state;

    private static (string? Text, string? By) LatestAssessment(Ag.Agreement agreement)
    {
        if (Dialogues.LatestAssessed(agreement) is not { } held)
        {
            return (null, null);
        }

        var names = agreement.Parties.ToDictionary(p => p.PartyId, p => p.Name, StringComparer.Ordinal);
        return (Dialogues.AssessmentText(held),
            string.Join(", ", held.Assessments.Select(a => names.GetValueOrDefault(a.PartyId, a.PartyId)).Distinct(StringComparer.Ordinal)));
    }

    private static List<AgreedMeasure> Measures(Ag.Agreement agreement)
    {
        var names = agreement.Parties.ToDictionary(p => p.PartyId, p => p.Name, StringComparer.Ordinal);
        var dialogues = Dialogues.InOrder(agreement).ToList();
        return [.. dialogues.SelectMany((dialogue, index) => dialogue.Measures.Select(measure => new AgreedMeasure(
            measure.Title,
            names.GetValueOrDefault(measure.OwnerPartyId, measure.OwnerPartyId),
            Date(measure.DueOn),
            measure.State switch
            {
                Ag.MeasureState.InProgress => MeasureState.InProgress,
                Ag.MeasureState.Done => MeasureState.Done,
                Ag.MeasureState.Dropped => MeasureState.Dropped,
                _ => MeasureState.Open,
            },
            Date(Dialogues.DateOf(dialogue)) is { } on
                ? string.Create(CultureInfo.InvariantCulture, $"{index + 1}. Steuerungsdialog am {on:dd.MM.yyyy}") : null,
            measure.FollowUp.Length > 0 ? measure.FollowUp : null)))];
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
