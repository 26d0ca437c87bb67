namespace PartyRegistry.API.Model;

internal enum ViolationKind
{
    /// <summary>The value itself is malformed or not allowed for the kind of party: INVALID_ARGUMENT.</summary>
    Invalid,

    /// <summary>The value is well-formed but contradicts the registry's state on some date: FAILED_PRECONDITION.</summary>
    Precondition,
}

/// <summary>A broken rule; <see cref="Field"/> is a field path such as "form" or "relations.partner_agency".</summary>
internal sealed record RuleViolation(ViolationKind Kind, string Field, string Description);

/// <summary>What the rules need to know about a related party.</summary>
internal sealed record PartyExistence(string Id, PartyKind Kind, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool Covers(DateOnly from, DateOnly? to) =>
        ValidFrom <= from && (ValidTo is null || (to is not null && to <= ValidTo));
}

/// <summary>
/// The rules of the model. They look at whole timelines, so a rule holds "as of" every date at once: a gE needs an
/// agency partner on every day it is a gE, a jobcenter's carrier must exist on every day it is its carrier.
/// </summary>
internal static class PartyRules
{
    private static readonly IReadOnlyDictionary<(PartyKind Source, RelationKind Relation), PartyKind?> AllowedRelations =
        new Dictionary<(PartyKind, RelationKind), PartyKind?>
        {
            [(PartyKind.Jobcenter, RelationKind.Carrier)] = PartyKind.MunicipalCarrier,
            [(PartyKind.Jobcenter, RelationKind.PartnerAgency)] = PartyKind.EmploymentAgency,
            [(PartyKind.EmploymentAgency, RelationKind.Parent)] = PartyKind.RegionalDirectorate,
            [(PartyKind.RegionalDirectorate, RelationKind.Parent)] = PartyKind.FederalAgency,
            [(PartyKind.MunicipalCarrier, RelationKind.Supervisor)] = PartyKind.StateMinistry,
            [(PartyKind.Body, RelationKind.Parent)] = null,
        };

    /// <summary>The kind of party a relation of <paramref name="source"/> must point to (null: any kind).</summary>
    public static bool IsAllowed(PartyKind source, RelationKind relation, out PartyKind? target) =>
        AllowedRelations.TryGetValue((source, relation), out target);

    /// <summary>Checks every value on its own: formats, and which fields a kind of party may have.</summary>
    public static List<RuleViolation> CheckValues(PartyRecord party)
    {
        var violations = new List<RuleViolation>();
        void Invalid(string field, string description) => violations.Add(new(ViolationKind.Invalid, field, description));

        if (!Tokens.IsWellFormedId(party.Id))
        {
            Invalid("id", $"'{party.Id}' is not an id: 2–64 lower-case letters, digits or '-', starting with a letter.");
        }

        foreach (var (field, timeline) in party.Fields)
        {
            foreach (var segment in timeline.Segments)
            {
                if (segment.To is not null && segment.To <= segment.From)
                {
                    Invalid(field, $"the period {Describe(segment)} is empty: valid_to must be after valid_from.");
                }

                var value = segment.Value;
                switch (field)
                {
                    case Tokens.Name or Tokens.ShortName when value.Length is 0 or > 300 || value.Trim() != value:
                        Invalid(field, $"'{value}' is not a name (1–300 characters, no surrounding spaces).");
                        break;
                    case Tokens.Ags when !Tokens.IsWellFormedAgs(value):
                        Invalid(field, $"'{value}' is not a regional key (AGS): 2, 3, 5 or 8 digits starting with a state 01–16.");
                        break;
                    case Tokens.State when !Tokens.States.Contains(value):
                        Invalid(field, $"'{value}' is not a German state as ISO 3166-2 code (DE-NW, DE-BY, …).");
                        break;
                    case Tokens.Form when party.Kind != PartyKind.Jobcenter:
                    case Tokens.Vergleichstyp when party.Kind != PartyKind.Jobcenter:
                        Invalid(field, $"only jobcenters have a {field}; this is a {party.Kind.ToToken()}.");
                        break;
                    case Tokens.Form when !Tokens.TryParseForm(value, out _):
                        Invalid(field, $"'{value}' is not a jobcenter form (gE or zkT).");
                        break;
                    case Tokens.Vergleichstyp when !Tokens.Vergleichstypen.Contains(value):
                        Invalid(field, $"'{value}' is not an SGB II-Vergleichstyp (Ia … IIIe).");
                        break;
                }
            }

            if (field.StartsWith(Tokens.RelationPrefix, StringComparison.Ordinal))
            {
                if (!Tokens.TryParseRelationField(field, out var relation))
                {
                    Invalid(field, "unknown relation kind.");
                }
                else if (!IsAllowed(party.Kind, relation, out _))
                {
                    Invalid(field, $"a {party.Kind.ToToken()} has no {field[Tokens.RelationPrefix.Length..]} relation.");
                }
            }
            else if (field.StartsWith(Tokens.RepresentativePrefix, StringComparison.Ordinal))
            {
                var role = field[Tokens.RepresentativePrefix.Length..];
                if (role.Length is 0 or > 100 || role.Trim() != role)
                {
                    Invalid(field, "a representative's role must be 1–100 characters without surrounding spaces.");
                }

                if (timeline.Segments.Any(s => s.Value.Length is 0 or > 200 || s.Value.Trim() != s.Value))
                {
                    Invalid(field, "a representative's name must be 1–200 characters without surrounding spaces.");
                }
            }
            else if (!Tokens.Attributes.Contains(field))
            {
                Invalid(field, "unknown field.");
            }
        }

        return violations;
    }

    /// <summary>
    /// Checks the party against itself and the parties it relates to, on every date of its existence.
    /// <paramref name="lookup"/> returns a related party (null if it is unknown).
    /// </summary>
    public static List<RuleViolation> CheckConsistency(PartyRecord party, Func<string, PartyExistence?> lookup)
    {
        var violations = new List<RuleViolation>();
        void Fail(string field, string description) => violations.Add(new(ViolationKind.Precondition, field, description));

        foreach (var (field, timeline) in party.Fields)
        {
            if (timeline.FirstOverlap() is { } overlap)
            {
                Fail(field, $"overlapping validity periods {Describe(overlap.First)} and {Describe(overlap.Second)}.");
            }

            foreach (var segment in timeline.Segments)
            {
                if (segment.From < party.ValidFrom || (party.ValidTo is not null && (segment.To is null || segment.To > party.ValidTo)))
                {
                    Fail(field, $"the period {Describe(segment)} lies outside the party's existence {Describe(party.ValidFrom, party.ValidTo)}.");
                }
            }
        }

        if (party.ValidTo is not null && party.ValidTo <= party.ValidFrom)
        {
            Fail("valid_to", $"the party would cease on {IsoDate.Format(party.ValidTo)}, not after it began on {IsoDate.Format(party.ValidFrom)}.");
        }

        RequireThroughout(party, Tokens.Name, party.ValidFrom, party.ValidTo, "a name", Fail);

        if (party.Kind == PartyKind.Jobcenter)
        {
            RequireThroughout(party, Tokens.Form, party.ValidFrom, party.ValidTo, "a form (gE or zkT)", Fail);
            RequireThroughout(party, RelationKind.Carrier.ToField(), party.ValidFrom, party.ValidTo, "a municipal carrier", Fail);

            var form = party.Fields.GetValueOrDefault(Tokens.Form) ?? new Timeline();
            var partnerField = RelationKind.PartnerAgency.ToField();
            var partner = party.Fields.GetValueOrDefault(partnerField) ?? new Timeline();
            foreach (var segment in form.Segments)
            {
                if (segment.Value == JobcenterForm.GE.ToToken())
                {
                    if (partner.FirstGap(segment.From, segment.To) is { } gap)
                    {
                        Fail(partnerField, $"a gE is formed by an employment agency and its municipal carrier: no agency partner on {IsoDate.Format(gap)}.");
                    }
                }
                else if (partner.Segments.FirstOrDefault(p => p.Overlaps(segment.From, segment.To)) is { } stray)
                {
                    Fail(partnerField, $"a zkT has no agency partner, but {stray.Value} is its partner on {IsoDate.Format(Max(stray.From, segment.From))}.");
                }
            }
        }

        foreach (var (field, timeline) in party.Fields)
        {
            if (!Tokens.TryParseRelationField(field, out var relation) || !IsAllowed(party.Kind, relation, out var targetKind))
            {
                continue;
            }

            foreach (var segment in timeline.Segments)
            {
                var target = lookup(segment.Value);
                if (target is null)
                {
                    Fail(field, $"the related party '{segment.Value}' does not exist.");
                }
                else if (targetKind is not null && target.Kind != targetKind)
                {
                    Fail(field, $"'{target.Id}' is a {target.Kind.ToToken()}, not a {targetKind.Value.ToToken()}.");
                }
                else if (!target.Covers(segment.From, segment.To))
                {
                    Fail(field, $"'{target.Id}' exists {Describe(target.ValidFrom, target.ValidTo)}, not throughout {Describe(segment)}.");
                }
            }
        }

        return violations;
    }

    /// <summary>
    /// The AGS two parties of the same kind hold in overlapping periods, or null: an AGS names one party per kind at a
    /// time (a Kreis's AGS names both its municipal carrier and its jobcenter).
    /// </summary>
    public static string? AgsConflict(PartyRecord a, PartyRecord b)
    {
        if (a.Kind != b.Kind || a.Id == b.Id
            || !a.Fields.TryGetValue(Tokens.Ags, out var first) || !b.Fields.TryGetValue(Tokens.Ags, out var second))
        {
            return null;
        }

        return first.Segments.FirstOrDefault(x => second.Segments.Any(y => x.Value == y.Value && x.Overlaps(y.From, y.To)))?.Value;
    }

    private static void RequireThroughout(
        PartyRecord party, string field, DateOnly from, DateOnly? to, string what, Action<string, string> fail)
    {
        var timeline = party.Fields.GetValueOrDefault(field) ?? new Timeline();
        if (timeline.FirstGap(from, to) is { } gap)
        {
            fail(field, $"a {party.Kind.ToToken()} needs {what} on every day of its existence; none on {IsoDate.Format(gap)}.");
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Describe(Segment segment) => Describe(segment.From, segment.To);

    private static string Describe(DateOnly from, DateOnly? to) => $"[{IsoDate.Format(from)}, {(to is null ? "open" : IsoDate.Format(to))})";
}
