using System.Globalization;
using Agreements.API.Model;
using Zielsteuerung.Agreements.V1;

namespace Agreements.API.Rendering;

/// <summary>German formats and words for the rendered agreement: numbers, money, dates, articles, key figures.</summary>
internal static class GermanText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>"2018-02-22" → "22.02.2018" (anything else is shown as it is).</summary>
    public static string Date(string isoDate) =>
        Dates.TryParse(isoDate, out var date) ? date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : isoDate;

    /// <summary>A contract decimal in German form, its decimals as written: "2.1" → "2,1", "-0.4" → "-0,4", "1000" → "1.000".</summary>
    public static string Decimal(string value, bool signed = false)
    {
        if (!ContentRules.TryParseValue(value, out var parsed))
        {
            return value;
        }

        var point = value.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : value.Length - point - 1;
        var text = parsed.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);
        return signed && parsed > 0 ? "+" + text : text;
    }

    /// <summary>36349266600 → "363.492.666 Euro"; cents are shown only when there are any.</summary>
    public static string Euro(long cents)
    {
        var euros = cents / 100m;
        return euros.ToString(cents % 100 == 0 ? "N0" : "N2", Culture) + " Euro";
    }

    public enum Genus
    {
        Masculine,
        Feminine,
        Neuter,
    }

    /// <summary>
    /// The grammatical gender of a party's name, from its head noun: "Kreis Borken", "Rhein-Kreis Neuss" (der),
    /// "Stadt Essen", "StädteRegion Aachen", "Bundesagentur für Arbeit", "Regionaldirektion …" (die),
    /// "Ministerium …", "Jobcenter …" (das). Unknown heads count as neuter.
    /// </summary>
    public static Genus GenusOf(string name)
    {
        var words = name.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var head = words.Length == 0 ? "" : words[0].ToLowerInvariant();
        string[] feminine = ["stadt", "städteregion", "bundesagentur", "agentur", "regionaldirektion", "landeshauptstadt", "hansestadt", "bundesstadt", "gemeinde", "region", "kommune"];
        string[] neuter = ["ministerium", "bundesministerium", "landesministerium", "jobcenter", "land", "amt", "bundesamt"];
        if (feminine.Any(f => head == f || head.EndsWith("-" + f, StringComparison.Ordinal)))
        {
            return Genus.Feminine;
        }

        if (neuter.Contains(head))
        {
            return Genus.Neuter;
        }

        return words.Take(3).Any(w => w.EndsWith("kreis", StringComparison.OrdinalIgnoreCase)) ? Genus.Masculine : Genus.Neuter;
    }

    public static string Nominative(string name) => GenusOf(name) switch
    {
        Genus.Masculine => "der",
        Genus.Feminine => "die",
        _ => "das",
    };

    public static string Dative(string name) => GenusOf(name) == Genus.Feminine ? "der" : "dem";

    public static string Accusative(string name) => GenusOf(name) switch
    {
        Genus.Masculine => "den",
        Genus.Feminine => "die",
        _ => "das",
    };

    /// <summary>"A", "A und B", "A, B und C".</summary>
    public static string Enumerate(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " und " + items[^1],
    };

    public static string StateName(string code) => code switch
    {
        "DE-BW" => "Baden-Württemberg",
        "DE-BY" => "Bayern",
        "DE-BE" => "Berlin",
        "DE-BB" => "Brandenburg",
        "DE-HB" => "Bremen",
        "DE-HH" => "Hamburg",
        "DE-HE" => "Hessen",
        "DE-MV" => "Mecklenburg-Vorpommern",
        "DE-NI" => "Niedersachsen",
        "DE-NW" => "Nordrhein-Westfalen",
        "DE-RP" => "Rheinland-Pfalz",
        "DE-SL" => "Saarland",
        "DE-SN" => "Sachsen",
        "DE-ST" => "Sachsen-Anhalt",
        "DE-SH" => "Schleswig-Holstein",
        "DE-TH" => "Thüringen",
        _ => code,
    };

    /// <summary>The key figures of the Kennzahlen-VO by name, and what their numerators count.</summary>
    private static readonly Dictionary<string, (string Name, string Numerator)> KeyFigures = new(StringComparer.Ordinal)
    {
        ["K1"] = ("Veränderung der Summe der Leistungen zum Lebensunterhalt", "Summe der Leistungen zum Lebensunterhalt"),
        ["K1E1"] = ("Veränderung der Summe der Leistungen für Unterkunft und Heizung", "Summe der Leistungen für Unterkunft und Heizung"),
        ["K1E2"] = ("Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten", "Zahl der erwerbsfähigen Leistungsberechtigten"),
        ["K1E3"] = ("Durchschnittliche Zugangsrate erwerbsfähiger Leistungsberechtigter", "Zugänge erwerbsfähiger Leistungsberechtigter"),
        ["K1E4"] = ("Durchschnittliche Abgangsrate erwerbsfähiger Leistungsberechtigter", "Abgänge erwerbsfähiger Leistungsberechtigter"),
        ["K2"] = ("Integrationsquote", "Zahl der Integrationen"),
        ["K2E1"] = ("Quote der Aufnahmen geringfügiger Beschäftigung", "Aufnahmen geringfügiger Beschäftigung"),
        ["K2E2"] = ("Quote der Eintritte in öffentlich geförderte Beschäftigung", "Eintritte in öffentlich geförderte Beschäftigung"),
        ["K2E3"] = ("Kontinuierliche Beschäftigung nach Integration", "kontinuierliche Beschäftigungen nach Integration"),
        ["K2E4"] = ("Integrationsquote der Alleinerziehenden", "Zahl der Integrationen Alleinerziehender"),
        ["K3"] = ("Veränderung des Bestandes an Langzeitleistungsbeziehern", "Bestand an Langzeitleistungsbeziehern"),
        ["K3E1"] = ("Integrationsquote der Langzeitleistungsbezieher", "Zahl der Integrationen von Langzeitleistungsbeziehern"),
        ["K3E2"] = ("Aktivierungsquote der Langzeitleistungsbezieher", "aktivierte Langzeitleistungsbezieher"),
        ["K3E3"] = ("Durchschnittliche Zugangsrate der Langzeitleistungsbezieher", "Zugänge an Langzeitleistungsbeziehern"),
        ["K3E4"] = ("Durchschnittliche Abgangsrate der Langzeitleistungsbezieher", "Abgänge von Langzeitleistungsbeziehern"),
    };

    /// <summary>"Zahl der Integrationen (Zähler von K2)", "Integrationsquote (K2)", or the custom indicator's name.</summary>
    public static string Indicator(Indicator? indicator)
    {
        switch (indicator?.KindCase)
        {
            case Zielsteuerung.Agreements.V1.Indicator.KindOneofCase.KeyFigure:
                var id = indicator.KeyFigure.Id;
                var known = KeyFigures.TryGetValue(id, out var names);
                return indicator.KeyFigure.Part switch
                {
                    KeyFigurePart.Numerator => known ? $"{names.Numerator} (Zähler von {id})" : $"Zähler von {id}",
                    KeyFigurePart.Denominator => $"Nenner von {id}",
                    _ => known ? $"{names.Name} ({id})" : id,
                };
            case Zielsteuerung.Agreements.V1.Indicator.KindOneofCase.Custom:
                return indicator.Custom.Name.Length > 0 ? indicator.Custom.Name : indicator.Custom.Id;
            default:
                return "";
        }
    }

    public static string MeasureName(Measure measure) => measure switch
    {
        Measure.CalendarYearValue => "Kalenderjahreswert (Jahresfortschrittswert Dezember)",
        Measure.AnnualAverage => "Jahresdurchschnitt",
        Measure.DecemberValue => "Dezemberwert (Jahresendbestand)",
        Measure.AnnualSum => "Jahressumme",
        _ => "",
    };

    public static string DataBasisName(DataBasis basis) => basis switch
    {
        DataBasis.T0 => "Daten ohne Wartezeit (t-0)",
        DataBasis.Final => "Daten nach Wartezeit",
        _ => "",
    };

    public static string SexName(Sex sex) => sex switch
    {
        Sex.Women => "Frauen",
        Sex.Men => "Männer",
        _ => "",
    };

    public static string DirectionName(Direction direction) => direction switch
    {
        Direction.AtLeast => "mindestens",
        Direction.AtMost => "höchstens",
        _ => "",
    };

    public static string GroupName(JobcenterGroup group)
    {
        var state = StateName(group.State);
        var members = group.Kind switch
        {
            GroupKind.ZktOfState => $"alle zugelassenen kommunalen Träger (zkT) in {state}",
            GroupKind.GeOfState => $"alle gemeinsamen Einrichtungen (gE) in {state}",
            GroupKind.JobcentersOfState => $"alle Jobcenter in {state}",
            _ => state,
        };
        var aggregation = group.Aggregation switch
        {
            Aggregation.MeanOfMembers => "im Durchschnitt der Jobcenter",
            _ => "Zähler und Nenner zusammengefasst",
        };
        return $"{members}, {aggregation}";
    }
}
