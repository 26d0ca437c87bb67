using System.Globalization;
using System.Text.RegularExpressions;
using Zielsteuerung.Agreements.V1;

namespace Agreements.API.Model;

/// <summary>
/// The form of an agreement's content (DOMAIN.md § 3): every target typed completely, so the monitoring service can
/// evaluate it without reading prose. Violations name the field path, e.g. "content.goals[1].targets[0].value".
/// </summary>
internal static partial class ContentRules
{
    public const int MaxTextLength = 100_000;
    public const int MaxGoals = 100;
    public const int MaxTargetsPerGoal = 100;

    /// <summary>The key figures of the Kennzahlen-VO (§§ 4–6, as amended 2019).</summary>
    public static readonly IReadOnlySet<string> KeyFigures = new HashSet<string>(StringComparer.Ordinal)
    {
        "K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4", "K3", "K3E1", "K3E2", "K3E3", "K3E4",
    };

    public static IReadOnlyList<Violation> Check(AgreementContent? content, string path = "content")
    {
        var violations = new List<Violation>();
        if (content is null)
        {
            violations.Add(Violation.Invalid(path, "required: the agreement's content (at least its title)."));
            return violations;
        }

        void Invalid(string field, string description) => violations.Add(Violation.Invalid($"{path}.{field}", description));

        if (string.IsNullOrWhiteSpace(content.Title))
        {
            Invalid("title", "required, e.g. \"Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018\".");
        }

        foreach (var (text, field) in new[] { (content.Title, "title"), (content.LegalBasisText, "legal_basis_text"), (content.Preamble, "preamble"), (content.FrameworkConditions, "framework_conditions") })
        {
            if (text.Length > MaxTextLength)
            {
                Invalid(field, $"at most {MaxTextLength} characters; attach longer texts as a document.");
            }
        }

        CheckGoals(content.Goals, path + ".goals", violations);

        for (var i = 0; i < content.Budget.Count; i++)
        {
            var figure = content.Budget[i];
            if (figure.Kind == BudgetKind.Unspecified)
            {
                Invalid($"budget[{i}].kind", "required: VWT (administration) or EGT (integration services).");
            }

            if (figure.AmountCents < 0)
            {
                Invalid($"budget[{i}].amount_cents", "may not be negative.");
            }
        }

        for (var i = 0; i < content.Sections.Count; i++)
        {
            var section = content.Sections[i];
            if (string.IsNullOrWhiteSpace(section.Heading))
            {
                Invalid($"sections[{i}].heading", "required.");
            }

            if (section.Text.Length > MaxTextLength)
            {
                Invalid($"sections[{i}].text", $"at most {MaxTextLength} characters.");
            }

            for (var j = 0; j < section.ReferencedAgreementIds.Count; j++)
            {
                if (!IsId(section.ReferencedAgreementIds[j]))
                {
                    Invalid($"sections[{i}].referenced_agreement_ids[{j}]", $"'{section.ReferencedAgreementIds[j]}' is not an agreement id.");
                }
            }
        }

        if (content.DialoguePlan is { PerYear: < 0 or > 52 })
        {
            Invalid("dialogue_plan.per_year", "between 0 and 52.");
        }

        return violations;
    }

    /// <summary>Goals alone (as AddLocalGoals sends them): ids unique, each target complete.</summary>
    public static void CheckGoals(IReadOnlyList<Goal> goals, string path, List<Violation> violations, IEnumerable<Goal>? existing = null)
    {
        void Invalid(string field, string description) => violations.Add(Violation.Invalid($"{path}[{field}", description));

        if (goals.Count > MaxGoals)
        {
            violations.Add(Violation.Invalid(path, $"at most {MaxGoals} goals."));
            return;
        }

        var goalIds = new HashSet<string>((existing ?? []).Select(g => g.Id), StringComparer.Ordinal);
        var itemIds = new HashSet<string>((existing ?? []).SelectMany(g => g.Targets.Select(t => t.Id).Concat(g.Observations.Select(o => o.Id))), StringComparer.Ordinal);
        for (var i = 0; i < goals.Count; i++)
        {
            var goal = goals[i];
            var at = $"{i}]";
            if (!IsItemId(goal.Id))
            {
                Invalid($"{at}.id", "required: 1–32 letters, digits, '.', '-' (e.g. \"2\" or \"II\"), unique within the agreement.");
            }
            else if (!goalIds.Add(goal.Id))
            {
                Invalid($"{at}.id", $"goal id '{goal.Id}' is used twice.");
            }

            if (goal.Kind == GoalKind.Unspecified)
            {
                Invalid($"{at}.kind", "required: the goal of § 48b Abs. 3 SGB II (or state-specific, local …) it serves.");
            }

            if (string.IsNullOrWhiteSpace(goal.Heading))
            {
                Invalid($"{at}.heading", "required, e.g. \"II. Verbesserung der Integration in Erwerbstätigkeit\".");
            }

            if (goal.Targets.Count > MaxTargetsPerGoal || goal.Observations.Count > MaxTargetsPerGoal)
            {
                Invalid($"{at}.targets", $"at most {MaxTargetsPerGoal} targets and {MaxTargetsPerGoal} observations per goal.");
                continue;
            }

            for (var j = 0; j < goal.Targets.Count; j++)
            {
                CheckTarget(goal.Targets[j], $"{at}.targets[{j}]", itemIds, Invalid);
            }

            for (var j = 0; j < goal.Observations.Count; j++)
            {
                CheckObservation(goal.Observations[j], $"{at}.observations[{j}]", itemIds, Invalid);
            }

            for (var j = 0; j < goal.TargetGroups.Count; j++)
            {
                if (goal.TargetGroups[j].Kind == TargetGroupKind.Unspecified)
                {
                    Invalid($"{at}.target_groups[{j}].kind", "required (OTHER with a label for a group not listed).");
                }
            }
        }
    }

    private static void CheckTarget(Target target, string at, HashSet<string> ids, Action<string, string> invalid)
    {
        CheckItemId(target.Id, at, ids, invalid);
        CheckIndicator(target.Indicator, $"{at}.indicator", invalid);
        if (target.Measure == Measure.Unspecified)
        {
            invalid($"{at}.measure", "required: calendar-year value, annual average, December value or annual sum.");
        }

        if (target.Comparison == Comparison.Unspecified)
        {
            invalid($"{at}.comparison", "required: relative change vs the prior year (in %) or absolute level/count.");
        }

        if (target.Direction == Direction.Unspecified)
        {
            invalid($"{at}.direction", "required: at least or at most.");
        }

        if (!TryParseValue(target.Value, out _))
        {
            invalid($"{at}.value", $"'{target.Value}' is not a decimal (e.g. \"2.1\", \"-0.4\", \"35\"; a point, no thousands separator).");
        }

        if (target.DataBasis == DataBasis.Unspecified)
        {
            invalid($"{at}.data_basis", "required: t-0 (without waiting time) or final data.");
        }

        CheckScope(target.Scope, $"{at}.scope", invalid);
        if (target.Wording.Length > MaxTextLength)
        {
            invalid($"{at}.wording", $"at most {MaxTextLength} characters.");
        }
    }

    private static void CheckObservation(Observation observation, string at, HashSet<string> ids, Action<string, string> invalid)
    {
        CheckItemId(observation.Id, at, ids, invalid);
        if (observation.Indicator is null && string.IsNullOrWhiteSpace(observation.Wording))
        {
            invalid($"{at}.indicator", "an observation names its indicator, or at least says in words what is watched.");
        }
        else if (observation.Indicator is not null)
        {
            CheckIndicator(observation.Indicator, $"{at}.indicator", invalid);
        }

        if (observation.Scope is not null)
        {
            CheckScope(observation.Scope, $"{at}.scope", invalid);
        }
    }

    private static void CheckItemId(string id, string at, HashSet<string> ids, Action<string, string> invalid)
    {
        if (!IsItemId(id))
        {
            invalid($"{at}.id", "required: 1–32 letters, digits, '.', '-' (e.g. \"2.1\"), unique within the agreement.");
        }
        else if (!ids.Add(id))
        {
            invalid($"{at}.id", $"id '{id}' is used twice among the targets and observations.");
        }
    }

    private static void CheckIndicator(Indicator? indicator, string at, Action<string, string> invalid)
    {
        switch (indicator?.KindCase)
        {
            case Indicator.KindOneofCase.KeyFigure:
                if (!KeyFigures.Contains(indicator.KeyFigure.Id))
                {
                    invalid($"{at}.key_figure.id", $"'{indicator.KeyFigure.Id}' is not a key figure of the Kennzahlen-VO ({string.Join(", ", KeyFigures)}).");
                }

                if (indicator.KeyFigure.Part == KeyFigurePart.Unspecified)
                {
                    invalid($"{at}.key_figure.part", "required: the figure's value, its numerator (e.g. K2's integrations) or its denominator.");
                }

                break;
            case Indicator.KindOneofCase.Custom:
                if (!IsItemId(indicator.Custom.Id) || indicator.Custom.Id.Length < 2)
                {
                    invalid($"{at}.custom.id", "required: 2–32 letters, digits, '.', '-'.");
                }

                if (string.IsNullOrWhiteSpace(indicator.Custom.Name))
                {
                    invalid($"{at}.custom.name", "required: what is counted, e.g. \"Vermittlungen von Menschen mit Behinderungen in den ersten Arbeitsmarkt\".");
                }

                break;
            default:
                invalid(at, "required: a key figure (e.g. K2) or an indicator of the agreement's own.");
                break;
        }
    }

    private static void CheckScope(Scope? scope, string at, Action<string, string> invalid)
    {
        switch (scope?.KindCase)
        {
            case Scope.KindOneofCase.JobcenterId:
                if (!IsPartyId(scope.JobcenterId))
                {
                    invalid($"{at}.jobcenter_id", $"'{scope.JobcenterId}' is not a party id (e.g. \"jc-05554\").");
                }

                break;
            case Scope.KindOneofCase.Group:
                if (scope.Group.Kind == GroupKind.Unspecified)
                {
                    invalid($"{at}.group.kind", "required: all zkT, all gE or all jobcenters of a state.");
                }

                if (!StateCode().IsMatch(scope.Group.State))
                {
                    invalid($"{at}.group.state", $"'{scope.Group.State}' is not an ISO 3166-2 code of a German state (e.g. \"DE-NW\").");
                }

                break;
            default:
                invalid(at, "required: one jobcenter, or a group of jobcenters with its aggregation.");
                break;
        }
    }

    public static bool TryParseValue(string value, out decimal parsed) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out parsed)
        && value.Length <= 32;

    public static bool IsId(string id) => AgreementId().IsMatch(id);

    /// <summary>A party id of the registry: 2–64 lower-case letters, digits and '-' ("ba", "jc-05554").</summary>
    public static bool IsPartyId(string id) => PartyId().IsMatch(id);

    private static bool IsItemId(string id) => ItemId().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")]
    private static partial Regex AgreementId();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$")]
    private static partial Regex PartyId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$")]
    private static partial Regex ItemId();

    [GeneratedRegex("^DE-[A-Z]{2}$")]
    private static partial Regex StateCode();
}
