namespace PartyRegistry.API.Model;

/// <summary>
/// A party with its whole history: its existence period and one <see cref="Timeline"/> per field (attributes such
/// as "name", relations such as "relations.carrier", representative roles such as "representatives.Landrat").
/// The aggregate of the registry: every write loads it, changes it, validates it and stores it with the next version.
/// </summary>
internal sealed class PartyRecord
{
    private readonly SortedDictionary<string, Timeline> _fields = new(StringComparer.Ordinal);

    public PartyRecord(string id, PartyKind kind, DateOnly validFrom, DateOnly? validTo = null, long version = 0)
    {
        Id = id;
        Kind = kind;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Version = version;
    }

    public string Id { get; }

    public PartyKind Kind { get; }

    public DateOnly ValidFrom { get; }

    public DateOnly? ValidTo { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyDictionary<string, Timeline> Fields => _fields;

    public bool ExistsOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);

    public Timeline Field(string field)
    {
        if (!_fields.TryGetValue(field, out var timeline))
        {
            timeline = new Timeline();
            _fields.Add(field, timeline);
        }

        return timeline;
    }

    public string? ValueAt(string field, DateOnly date) => _fields.TryGetValue(field, out var t) ? t.ValueAt(date) : null;

    /// <summary>Applies a change from its effective date on; returns the fields that changed (empty: nothing did).</summary>
    public IReadOnlyList<string> Apply(PartyChange change)
    {
        var changed = new List<string>();
        foreach (var (field, value) in change.Values)
        {
            if (Field(field).Set(value, change.EffectiveDate))
            {
                changed.Add(field);
            }
        }

        if (change.Dissolve)
        {
            ValidTo = change.EffectiveDate;
            foreach (var timeline in _fields.Values)
            {
                timeline.EndAt(change.EffectiveDate);
            }

            changed.Add("dissolved");
        }

        foreach (var empty in _fields.Where(f => f.Value.Segments.Count == 0).Select(f => f.Key).ToList())
        {
            _fields.Remove(empty);
        }

        return changed;
    }

    /// <summary>Marks the record as stored with the next version.</summary>
    public long NextVersion() => ++Version;

    /// <summary>The party as it was on <paramref name="date"/>, or null if it did not exist then.</summary>
    public PartySnapshot? At(DateOnly date)
    {
        if (!ExistsOn(date))
        {
            return null;
        }

        var relations = new List<RelationPeriod>();
        var representatives = new List<RepresentativePeriod>();
        foreach (var (field, timeline) in _fields)
        {
            var segment = timeline.SegmentAt(date);
            if (segment is null)
            {
                continue;
            }

            if (Tokens.TryParseRelationField(field, out var kind))
            {
                relations.Add(new RelationPeriod(kind, segment.Value, segment.From, segment.To));
            }
            else if (field.StartsWith(Tokens.RepresentativePrefix, StringComparison.Ordinal))
            {
                representatives.Add(new RepresentativePeriod(
                    field[Tokens.RepresentativePrefix.Length..], segment.Value, segment.From, segment.To));
            }
        }

        var form = ValueAt(Tokens.Form, date);
        return new PartySnapshot(
            Id,
            Kind,
            ValueAt(Tokens.Name, date) ?? "",
            ValueAt(Tokens.ShortName, date) ?? "",
            ValueAt(Tokens.Ags, date) ?? "",
            ValueAt(Tokens.State, date) ?? "",
            form is not null && Tokens.TryParseForm(form, out var f) ? f : null,
            ValueAt(Tokens.Vergleichstyp, date) ?? "",
            relations,
            representatives,
            ValidFrom,
            ValidTo,
            date,
            Version);
    }
}

internal sealed record RelationPeriod(RelationKind Kind, string PartyId, DateOnly From, DateOnly? To);

internal sealed record RepresentativePeriod(string Role, string Name, DateOnly From, DateOnly? To);

/// <summary>A party as of one date.</summary>
internal sealed record PartySnapshot(
    string Id,
    PartyKind Kind,
    string Name,
    string ShortName,
    string Ags,
    string State,
    JobcenterForm? Form,
    string Vergleichstyp,
    IReadOnlyList<RelationPeriod> Relations,
    IReadOnlyList<RepresentativePeriod> Representatives,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly AsOf,
    long Version);

/// <summary>
/// A change effective from a date: new values per field (null ends the field, e.g. a relation), and/or the end of
/// the party's existence.
/// </summary>
internal sealed record PartyChange(DateOnly EffectiveDate, IReadOnlyList<KeyValuePair<string, string?>> Values, bool Dissolve = false);

/// <summary>One entry of the append-only change log.</summary>
internal sealed record ChangeEntry(
    long Version,
    DateOnly EffectiveDate,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Reason,
    IReadOnlyList<string> ChangedFields);
