using Grpc.Core;
using Kpi.Computation;
using Monitoring.API.Following;
using Monitoring.Attainment;
using Kv = Zielsteuerung.Kpi.V1;

namespace Monitoring.API.Evaluation;

/// <summary>What the KPI service answered for one target: its year, the earlier years, and what they were read from.</summary>
internal sealed record SteeringReading(
    IReadOnlyList<SteeringPoint> Year,
    IReadOnlyList<IReadOnlyList<SteeringPoint>> EarlierYears,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Deliveries,
    string? Missing);

/// <summary>Reads a target's steering values from the KPI service: its year and the five before it, in parallel.</summary>
internal sealed class SteeringSource(Kv.Kpi.KpiClient kpi)
{
    public async Task<SteeringReading> ReadAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var model = target.Model ?? throw new ArgumentException("A qualitative statement has no steering values.", nameof(target));
        var years = Enumerable.Range(target.Year - TargetDefinition.EarlierYears, TargetDefinition.EarlierYears + 1).ToList();
        var answers = await Task.WhenAll(years.Select(year => ReadYearAsync(target, model, year, cancellationToken)));
        var (current, missing) = answers[^1];
        var earlier = answers[..^1].Where(a => a.Values is { Months.Count: > 0 }).Select(a => Points(a.Values!)).ToList();
        var deliveries = answers.Where(a => a.Values is not null).SelectMany(a => a.Values!.Deliveries).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        return new SteeringReading(current is null ? [] : Points(current), earlier, current?.Members.ToList() ?? [], deliveries, missing);
    }

    private async Task<(Kv.SteeringValues? Values, string? Missing)> ReadYearAsync(TargetDefinition target, Target model, int year,
        CancellationToken cancellationToken)
    {
        var request = new Kv.GetSteeringValuesRequest
        {
            Subject = target.Subject,
            Code = target.Code,
            Measure = model.SteeringMeasure switch
            {
                SteeringMeasure.Jfw => Kv.SteeringMeasure.Jfw,
                SteeringMeasure.Jdw => Kv.SteeringMeasure.Jdw,
                SteeringMeasure.YearToDateSum => Kv.SteeringMeasure.YearToDateSum,
                _ => Kv.SteeringMeasure.MonthValue,
            },
            Year = year,
            Sex = model.Sex switch { Sex.Women => Kv.Sex.Women, Sex.Men => Kv.Sex.Men, _ => Kv.Sex.Total },
            Basis = model.Basis == DataBasis.T0 ? Kv.DataBasis.T0 : Kv.DataBasis.Final,
        };
        try
        {
            return (await kpi.GetSteeringValuesAsync(request, cancellationToken: cancellationToken), null);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.InvalidArgument)
        {
            // The figure cannot be read for this subject (an unknown local code, a jobcenter without data): no data.
            return (null, e.Status.Detail);
        }
    }

    private static List<SteeringPoint> Points(Kv.SteeringValues values) => values.Months.Select(m => new SteeringPoint(
        YearMonth.Parse(m.Month), Number(m.Value), Number(m.Numerator), Number(m.Denominator), Number(m.PriorYearValue), Number(m.ChangePercent),
        m.Missing.Length > 0 ? m.Missing : null)).ToList();

    private static Rational? Number(string text) => text.Length > 0 && Rational.TryParse(text, out var value) ? value : null;
}
