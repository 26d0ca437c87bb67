namespace PartyRegistry.API.Model;

/// <summary>A value valid from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive; null = open).</summary>
internal sealed record Segment(string Value, DateOnly From, DateOnly? To)
{
    public bool Contains(DateOnly date) => From <= date && (To is null || date < To);

    public bool Overlaps(DateOnly from, DateOnly? to) => (to is null || From < to) && (To is null || from < To);
}

/// <summary>
/// The history of one field of a party (an attribute, a relation kind or a representative role): ordered,
/// non-overlapping segments; a date without a segment means "no value" then.
/// </summary>
internal sealed class Timeline
{
    private readonly List<Segment> _segments = [];

    public IReadOnlyList<Segment> Segments => _segments;

    public static Timeline Of(IEnumerable<Segment> segments)
    {
        var timeline = new Timeline();
        timeline._segments.AddRange(segments.OrderBy(s => s.From));
        return timeline;
    }

    public string? ValueAt(DateOnly date)
    {
        foreach (var segment in _segments)
        {
            if (segment.Contains(date))
            {
                return segment.Value;
            }
        }

        return null;
    }

    public Segment? SegmentAt(DateOnly date) => _segments.FirstOrDefault(s => s.Contains(date));

    /// <summary>
    /// Sets <paramref name="value"/> (null = no value) from <paramref name="from"/> until the next recorded change of
    /// this field: the segment containing <paramref name="from"/> is split, later segments are kept.
    /// </summary>
    /// <returns>Whether the timeline changed.</returns>
    public bool Set(string? value, DateOnly from)
    {
        var index = _segments.FindIndex(s => s.Contains(from));
        DateOnly? until;
        if (index >= 0)
        {
            var current = _segments[index];
            if (current.Value == value)
            {
                return false;
            }

            until = current.To;
            _segments.RemoveAt(index);
            if (current.From < from)
            {
                _segments.Insert(index, current with { To = from });
                index++;
            }
        }
        else
        {
            if (value is null)
            {
                return false;
            }

            index = _segments.FindIndex(s => s.From > from);
            until = index >= 0 ? _segments[index].From : null;
            if (index < 0)
            {
                index = _segments.Count;
            }
        }

        if (value is not null)
        {
            _segments.Insert(index, new Segment(value, from, until));
        }

        Coalesce();
        return true;
    }

    /// <summary>Adds a segment as given (registration, import); overlaps are reported by the rules, not here.</summary>
    public void Add(Segment segment)
    {
        var index = _segments.FindIndex(s => s.From > segment.From);
        _segments.Insert(index < 0 ? _segments.Count : index, segment);
    }

    /// <summary>Cuts everything from <paramref name="end"/> on (the party ceases to exist).</summary>
    public bool EndAt(DateOnly end)
    {
        var changed = _segments.RemoveAll(s => s.From >= end) > 0;
        for (var i = 0; i < _segments.Count; i++)
        {
            if (_segments[i].To is null || _segments[i].To > end)
            {
                _segments[i] = _segments[i] with { To = end };
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>The first day in [from, to) on which no segment satisfying <paramref name="predicate"/> is valid.</summary>
    public DateOnly? FirstGap(DateOnly from, DateOnly? to, Func<Segment, bool>? predicate = null)
    {
        var day = from;
        foreach (var segment in _segments)
        {
            if (to is not null && day >= to)
            {
                return null;
            }

            if (segment.To is not null && segment.To <= day)
            {
                continue;
            }

            if (segment.From > day || (predicate is not null && !predicate(segment)))
            {
                return day;
            }

            if (segment.To is null)
            {
                return null;
            }

            day = segment.To.Value;
        }

        return to is not null && day >= to ? null : day;
    }

    /// <summary>The first pair of overlapping segments, if any.</summary>
    public (Segment First, Segment Second)? FirstOverlap()
    {
        for (var i = 1; i < _segments.Count; i++)
        {
            if (_segments[i - 1].To is null || _segments[i - 1].To > _segments[i].From)
            {
                return (_segments[i - 1], _segments[i]);
            }
        }

        return null;
    }

    private void Coalesce()
    {
        for (var i = _segments.Count - 1; i > 0; i--)
        {
            var previous = _segments[i - 1];
            var current = _segments[i];
            if (previous.Value == current.Value && previous.To == current.From)
            {
                _segments[i - 1] = previous with { To = current.To };
                _segments.RemoveAt(i);
            }
        }
    }
}
