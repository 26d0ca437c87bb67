using System.Globalization;
using Kpi.Computation;
using Monitoring.Attainment;
using Ag = Zielsteuerung.Agreements.V1;
using Kv = Zielsteuerung.Kpi.V1;
using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Following;

/// <summary>
/// One monitored line of an agreement: a target, an observation or a qualitative statement, with what the KPI service
/// is asked for it and the descriptive fields every result repeats (<see cref="Template"/>).
/// </summary>
/// <param name="Model">The attainment model; null for a qualitative statement and for a line no KPI data can assess.</param>
/// <param name="Code">The KPI code whose steering values are read ("K2", "integrations", a local code).</param>
/// <param name="InputCodes">The codes a delivery must touch to change the result: the code and, for a figure, its quantities.</param>
/// <param name="Basis">As the KPI service's events name it: "final" or "t-0".</param>
/// <param name="NotFromKpiData">Why no KPI data can assess the line (an observation without an indicator, a local indicator
/// over a group), for people; such a line is assessed in the dialogue, like a qualitative statement.</param>
internal sealed record TargetDefinition(
    string Key,
    int Ordinal,
    Target? Model,
    string Code,
    Kv.Subject? Subject,
    IReadOnlyList<string> InputCodes,
    string Basis,
    Mv.TargetAttainment Template,
    string? NotFromKpiData = null)
{
    /// <summary>Five earlier years for the seasonal pattern, and the year itself.</summary>
    public const int EarlierYears = 5;

    public int Year => Template.Year;

    public string? JobcenterId => Template.JobcenterId.Length > 0 ? Template.JobcenterId : null;

    public string FromMonth => new YearMonth(Year - EarlierYears - 1, 1).ToString();

    public string ToMonth => new YearMonth(Year, 12).ToString();
}

/// <summary>Reads the lines to monitor out of an agreement's edition, as data (the prose stays with them as wording).</summary>
internal static class TargetDefinitions
{
    /// <param name="tolerancePoints">The agreement's tolerance, for each quantitative target (<see cref="Target.TolerancePoints"/>).</param>
    public static IReadOnlyList<TargetDefinition> Of(Ag.Agreement agreement, Rational tolerancePoints = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var lines = new List<TargetDefinition>();
        foreach (var goal in agreement.Edition.Content.Goals)
        {
            foreach (var target in goal.Targets)
            {
                lines.Add(OfTarget(agreement, goal, target, lines.Count, tolerancePoints));
            }

            foreach (var observation in goal.Observations)
            {
                lines.Add(OfObservation(agreement, goal, observation, lines.Count));
            }

            for (var i = 0; i < goal.Qualitative.Count; i++)
            {
                lines.Add(OfQualitative(agreement, goal, i, lines.Count));
            }
        }

        return lines;
    }

    private static TargetDefinition OfTarget(Ag.Agreement agreement, Ag.Goal goal, Ag.Target target, int ordinal, Rational tolerancePoints)
    {
        if (NotFromKpiData(target.Indicator, target.Scope) is { } why)
        {
            var described = Template(agreement, goal, target.Id, Mv.TargetKind.Quantitative, target.Label, target.Wording, "", MeasureOf(target.Measure),
                Comparison.RelativeChangePercent, SexOf(target.Sex), target.Scope);
            described.TargetValue = target.Value;
            return new TargetDefinition(Key(goal.Id, target.Id), ordinal, null, "", null, [], "", described, why);
        }

        var (code, inputs, indicator) = Indicator(target.Indicator, target.Scope);
        var measure = MeasureOf(target.Measure);
        var comparison = target.Comparison == Ag.Comparison.Absolute ? Comparison.AbsoluteLevel : Comparison.RelativeChangePercent;
        var direction = target.Direction == Ag.Direction.AtMost ? Direction.AtMost : Direction.AtLeast;
        var basis = target.DataBasis == Ag.DataBasis.T0 ? DataBasis.T0 : DataBasis.Final;
        var sex = SexOf(target.Sex);
        var value = Rational.TryParse(target.Value, out var parsed) ? parsed : (Rational?)null;
        var model = new Target(target.Id, GoalKind.Quantitative, indicator, measure, comparison, direction, value, basis, sex,
            ScopeOf(target.Scope), target.Wording, tolerancePoints);
        var template = Template(agreement, goal, target.Id, Mv.TargetKind.Quantitative, target.Label, target.Wording, code, measure, comparison,
            sex, target.Scope);
        template.Direction = direction == Direction.AtMost ? "at_most" : "at_least";
        template.TargetValue = target.Value;
        template.DataBasis = BasisToken(basis);
        return new TargetDefinition(Key(goal.Id, target.Id), ordinal, model, code, SubjectOf(target.Scope), inputs, EventBasis(basis), template);
    }

    private static TargetDefinition OfObservation(Ag.Agreement agreement, Ag.Goal goal, Ag.Observation observation, int ordinal)
    {
        if (NotFromKpiData(observation.Indicator, observation.Scope) is { } why)
        {
            var described = Template(agreement, goal, observation.Id, Mv.TargetKind.Observation, observation.TargetGroup?.Label ?? "", observation.Wording,
                "", MeasureOf(observation.Measure), Comparison.RelativeChangePercent, SexOf(observation.Sex), observation.Scope);
            return new TargetDefinition(Key(goal.Id, observation.Id), ordinal, null, "", null, [], "", described, why);
        }

        var (code, inputs, indicator) = Indicator(observation.Indicator, observation.Scope);
        var measure = MeasureOf(observation.Measure);
        var comparison = observation.Comparison == Ag.Comparison.Absolute ? Comparison.AbsoluteLevel : Comparison.RelativeChangePercent;
        var sex = SexOf(observation.Sex);
        var model = new Target(observation.Id, GoalKind.Observation, indicator, measure, comparison, Direction.AtLeast, null, DataBasis.Final, sex,
            ScopeOf(observation.Scope), observation.Wording);
        var template = Template(agreement, goal, observation.Id, Mv.TargetKind.Observation, observation.TargetGroup?.Label ?? "", observation.Wording,
            code, measure, comparison, sex, observation.Scope);
        template.DataBasis = BasisToken(DataBasis.Final);
        return new TargetDefinition(Key(goal.Id, observation.Id), ordinal, model, code, SubjectOf(observation.Scope), inputs, EventBasis(DataBasis.Final),
            template);
    }

    private static TargetDefinition OfQualitative(Ag.Agreement agreement, Ag.Goal goal, int index, int ordinal)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"q{index + 1}");
        var template = new Mv.TargetAttainment
        {
            AgreementId = agreement.Id,
            Year = agreement.Year,
            GoalId = goal.Id,
            TargetId = id,
            Kind = Mv.TargetKind.Qualitative,
            Wording = goal.Qualitative[index],
        };
        return new TargetDefinition(Key(goal.Id, id), ordinal, null, "", null, [], "", template);
    }

    public static string Key(string goalId, string targetId) => $"{goalId}/{targetId}";

    private static Mv.TargetAttainment Template(Ag.Agreement agreement, Ag.Goal goal, string id, Mv.TargetKind kind, string label, string wording,
        string code, TargetMeasure measure, Comparison comparison, Sex sex, Ag.Scope scope)
    {
        var template = new Mv.TargetAttainment
        {
            AgreementId = agreement.Id,
            Year = agreement.Year,
            GoalId = goal.Id,
            TargetId = id,
            Kind = kind,
            Label = label,
            Wording = wording,
            Indicator = code,
            Measure = MeasureToken(measure),
            Comparison = comparison == Comparison.AbsoluteLevel ? "absolute" : "relative_change",
            Sex = sex switch { Sex.Women => "women", Sex.Men => "men", _ => "total" },
        };
        if (scope?.KindCase == Ag.Scope.KindOneofCase.Group)
        {
            template.Group = $"{GroupToken(scope.Group.Kind)} {scope.Group.State}, "
                + (scope.Group.Aggregation == Ag.Aggregation.MeanOfMembers ? "mean_of_members" : "pooled");
        }
        else
        {
            template.JobcenterId = scope?.JobcenterId ?? "";
        }

        return template;
    }

    private static string? NotFromKpiData(Ag.Indicator? indicator, Ag.Scope? scope) => indicator?.KindCase switch
    {
        Ag.Indicator.KindOneofCase.Custom when scope?.KindCase != Ag.Scope.KindOneofCase.JobcenterId =>
            $"the local indicator '{indicator.Custom.Id}' is each jobcenter's own: over a group it is reported by the members in the dialogue, not delivered as KPI data",
        Ag.Indicator.KindOneofCase.KeyFigure when indicator.KeyFigure.Id.Length > 0 => null,
        Ag.Indicator.KindOneofCase.Custom => null,
        _ => "the agreement names no indicator: the line is followed in the dialogue, not from KPI data",
    };

    /// <summary>
    /// The code read for the steering values: the figure, or for a target on its numerator or denominator that quantity
    /// (K2's numerator is integrations); a custom indicator is the jobcenter's local code.
    /// </summary>
    private static (string Code, IReadOnlyList<string> Inputs, Indicator Indicator) Indicator(Ag.Indicator indicator, Ag.Scope scope)
    {
        if (indicator?.KindCase == Ag.Indicator.KindOneofCase.Custom)
        {
            var local = $"local.{scope?.JobcenterId}.{indicator.Custom.Id}";
            return (local, [local], new Indicator(local));
        }

        var id = indicator?.KeyFigure?.Id ?? "";
        var part = indicator?.KeyFigure?.Part switch
        {
            Ag.KeyFigurePart.Numerator => IndicatorPart.Numerator,
            Ag.KeyFigurePart.Denominator => IndicatorPart.Denominator,
            _ => IndicatorPart.Value,
        };
        if (KpiCatalogue.FindFigure(id) is not { } figure)
        {
            return (id, [id], new Indicator(id, part));
        }

        var code = part switch
        {
            IndicatorPart.Numerator => figure.NumeratorQuantity,
            IndicatorPart.Denominator => figure.DenominatorQuantity,
            _ => figure.Id,
        };
        return (code, [figure.Id, .. figure.Quantities], new Indicator(id, part));
    }

    private static Kv.Subject? SubjectOf(Ag.Scope scope) => scope?.KindCase switch
    {
        Ag.Scope.KindOneofCase.JobcenterId => new Kv.Subject { JobcenterId = scope.JobcenterId },
        Ag.Scope.KindOneofCase.Group => new Kv.Subject
        {
            Group = new Kv.JobcenterGroup
            {
                Kind = scope.Group.Kind switch
                {
                    Ag.GroupKind.ZktOfState => Kv.GroupKind.ZktOfState,
                    Ag.GroupKind.GeOfState => Kv.GroupKind.GeOfState,
                    _ => Kv.GroupKind.JobcentersOfState,
                },
                State = scope.Group.State,
                Aggregation = scope.Group.Aggregation == Ag.Aggregation.MeanOfMembers ? Kv.Aggregation.MeanOfMembers : Kv.Aggregation.Pooled,
            },
        },
        _ => null,
    };

    private static Scope ScopeOf(Ag.Scope scope) => scope?.KindCase switch
    {
        Ag.Scope.KindOneofCase.Group => new Scope(scope.Group.Aggregation == Ag.Aggregation.MeanOfMembers ? Aggregation.MeanOfMembers : Aggregation.Pooled, []),
        _ => new Scope(Aggregation.SingleJobcenter, scope?.JobcenterId is { Length: > 0 } id ? [id] : []),
    };

    private static TargetMeasure MeasureOf(Ag.Measure measure) => measure switch
    {
        Ag.Measure.AnnualAverage => TargetMeasure.AnnualAverage,
        Ag.Measure.DecemberValue => TargetMeasure.DecemberValue,
        Ag.Measure.AnnualSum => TargetMeasure.AnnualSum,
        _ => TargetMeasure.CalendarYearValue,
    };

    private static Sex SexOf(Ag.Sex sex) => sex switch { Ag.Sex.Women => Sex.Women, Ag.Sex.Men => Sex.Men, _ => Sex.Total };

    private static string MeasureToken(TargetMeasure measure) => measure switch
    {
        TargetMeasure.AnnualAverage => "annual_average",
        TargetMeasure.DecemberValue => "december_value",
        TargetMeasure.AnnualSum => "annual_sum",
        _ => "calendar_year_value",
    };

    private static string GroupToken(Ag.GroupKind kind) => kind switch
    {
        Ag.GroupKind.ZktOfState => "zkt_of_state",
        Ag.GroupKind.GeOfState => "ge_of_state",
        _ => "jobcenters_of_state",
    };

    private static string BasisToken(DataBasis basis) => basis == DataBasis.T0 ? "t0" : "final";

    private static string EventBasis(DataBasis basis) => basis == DataBasis.T0 ? "t-0" : "final";
}
