using Kpi.Computation;
using Monitoring.API.Following;
using Monitoring.Attainment;
using Ag = Zielsteuerung.Agreements.V1;
using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Evaluation;

/// <summary>Computes one line's attainment from the KPI service's values: the contract's TargetAttainment, with its months.</summary>
internal sealed class TargetEvaluator(SteeringSource source, TimeProvider clock)
{
    public async Task<Mv.TargetAttainment> EvaluateAsync(TargetDefinition line, Ag.Agreement agreement, CancellationToken cancellationToken)
    {
        var result = line.Template.Clone();
        result.ComputedFrom = new Mv.Provenance { AgreementId = agreement.Id, Edition = agreement.Edition.Number, AgreementVersion = agreement.Version };
        result.ComputedAt = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (line.Model is not { } model)
        {
            result.Status = Mv.TargetStatus.NotAssessable;
            result.Assessment = LatestAssessment(agreement);
            if (line.NotFromKpiData is { } why)
            {
                result.Months.Add(new Mv.MonthAttainment { Month = new YearMonth(line.Year, 1).ToString(), Status = Mv.TargetStatus.NotAssessable, Missing = why });
            }

            return result;
        }

        var reading = await source.ReadAsync(line, cancellationToken);
        var provenance = new Provenance(agreement.Id, agreement.Version, reading.Deliveries);
        var attainment = AttainmentCalculator.Evaluate(model, reading.Year, reading.EarlierYears, provenance);
        result.ComputedFrom.KpiDeliveries.AddRange(reading.Deliveries);
        result.Members.AddRange(reading.Members);
        result.Months.AddRange(attainment.Months.Select(Month));
        if (attainment.Latest is { } latest)
        {
            result.Status = Status(latest.Status);
            result.Month = latest.Month.ToString();
        }
        else
        {
            result.Status = Mv.TargetStatus.NoData;
            result.Months.Add(new Mv.MonthAttainment { Month = new YearMonth(line.Year, 1).ToString(), Status = Mv.TargetStatus.NoData, Missing = reading.Missing ?? "" });
        }

        return result;
    }

    private static Mv.MonthAttainment Month(MonthAttainment month)
    {
        var result = new Mv.MonthAttainment
        {
            Month = month.Month.ToString(),
            Value = Text(month.Value),
            PriorYearValue = Text(month.PriorYearValue),
            ChangePercent = Text(month.ChangePercent),
            Gap = Text(month.Gap),
            Status = Status(month.Status),
            Missing = month.Missing ?? "",
        };
        if (month.Forecast is { } forecast)
        {
            result.Forecast = new Mv.Forecast
            {
                Value = Text(forecast.Value), Low = Text(forecast.Low), High = Text(forecast.High), ChangePercent = Text(forecast.ChangePercent),
                LowChangePercent = Text(forecast.LowChangePercent), HighChangePercent = Text(forecast.HighChangePercent),
                YearsInPattern = forecast.YearsInPattern,
            };
        }

        return result;
    }

    /// <summary>Exact where the decimal ends, otherwise 10 places; the contract's decimal strings.</summary>
    public static string Text(Rational? value) => value?.ToExactString() ?? "";

    public static Mv.TargetStatus Status(AttainmentStatus status) => status switch
    {
        AttainmentStatus.OnTrack => Mv.TargetStatus.OnTrack,
        AttainmentStatus.AtRisk => Mv.TargetStatus.AtRisk,
        AttainmentStatus.OffTrack => Mv.TargetStatus.OffTrack,
        AttainmentStatus.Achieved => Mv.TargetStatus.Achieved,
        AttainmentStatus.Missed => Mv.TargetStatus.Missed,
        AttainmentStatus.NotAssessable => Mv.TargetStatus.NotAssessable,
        AttainmentStatus.Observed => Mv.TargetStatus.Observed,
        _ => Mv.TargetStatus.NoData,
    };

    // The written assessment of the latest dialogue that has one: what a qualitative goal carries instead of a status.
    private static string LatestAssessment(Ag.Agreement agreement) =>
        Dialogues.LatestAssessed(agreement) is { } dialogue ? Dialogues.AssessmentText(dialogue) : "";
}
