using System.Globalization;

namespace PartyRegistry.API.Model;

internal enum PartyKind
{
    FederalMinistry,
    StateMinistry,
    FederalAgency,
    RegionalDirectorate,
    EmploymentAgency,
    MunicipalCarrier,
    Jobcenter,
    Body,
}

internal enum JobcenterForm
{
    /// <summary>gemeinsame Einrichtung (§ 44b SGB II).</summary>
    GE,

    /// <summary>zugelassener kommunaler Träger (§ 6a SGB II).</summary>
    ZKT,
}

internal enum RelationKind
{
    Carrier,
    PartnerAgency,
    Parent,
    Supervisor,
}

/// <summary>
/// The tokens that name kinds, forms and fields in storage, files and history — those of nrw-parties.csv
/// ("jobcenter", "gE", "zkT") and of the contract's Period.field ("name", "relations.carrier").
/// </summary>
internal static class Tokens
{
    public const string Name = "name";
    public const string ShortName = "short_name";
    public const string Ags = "ags";
    public const string State = "state";
    public const string Form = "form";
    public const string Vergleichstyp = "vergleichstyp";
    public const string RelationPrefix = "relations.";
    public const string RepresentativePrefix = "representatives.";

    public static readonly IReadOnlyList<string> Attributes = [Name, ShortName, Ags, State, Form, Vergleichstyp];

    /// <summary>The 15 SGB II-Vergleichstypen of the IAB.</summary>
    public static readonly IReadOnlySet<string> Vergleichstypen = new HashSet<string>(StringComparer.Ordinal)
    {
        "Ia", "Ib", "Ic", "Id", "Ie", "IIa", "IIb", "IIc", "IId", "IIe", "IIIa", "IIIb", "IIIc", "IIId", "IIIe",
    };

    /// <summary>ISO 3166-2 codes by the two-digit state part of the AGS.</summary>
    private static readonly string[] StatesByAgs =
    [
        "DE-SH", "DE-HH", "DE-NI", "DE-HB", "DE-NW", "DE-HE", "DE-RP", "DE-BW",
        "DE-BY", "DE-SL", "DE-BE", "DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH",
    ];

    public static readonly IReadOnlySet<string> States = new HashSet<string>(StatesByAgs, StringComparer.Ordinal);

    public static string ToToken(this PartyKind kind) => kind switch
    {
        PartyKind.FederalMinistry => "federal_ministry",
        PartyKind.StateMinistry => "state_ministry",
        PartyKind.FederalAgency => "federal_agency",
        PartyKind.RegionalDirectorate => "regional_directorate",
        PartyKind.EmploymentAgency => "employment_agency",
        PartyKind.MunicipalCarrier => "municipal_carrier",
        PartyKind.Jobcenter => "jobcenter",
        PartyKind.Body => "body",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParsePartyKind(string token, out PartyKind kind)
    {
        foreach (var candidate in Enum.GetValues<PartyKind>())
        {
            if (candidate.ToToken() == token)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static string ToToken(this JobcenterForm form) => form == JobcenterForm.GE ? "gE" : "zkT";

    public static bool TryParseForm(string token, out JobcenterForm form)
    {
        form = token == "zkT" ? JobcenterForm.ZKT : JobcenterForm.GE;
        return token is "gE" or "zkT";
    }

    public static string ToField(this RelationKind kind) => RelationPrefix + kind switch
    {
        RelationKind.Carrier => "carrier",
        RelationKind.PartnerAgency => "partner_agency",
        RelationKind.Parent => "parent",
        RelationKind.Supervisor => "supervisor",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseRelationField(string field, out RelationKind kind)
    {
        foreach (var candidate in Enum.GetValues<RelationKind>())
        {
            if (candidate.ToField() == field)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static string RepresentativeField(string role) => RepresentativePrefix + role;

    /// <summary>The state of a regional key: its first two digits (01 … 16).</summary>
    public static string? StateOfAgs(string ags) =>
        ags.Length >= 2 && int.TryParse(ags.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= 16
            ? StatesByAgs[n - 1]
            : null;

    /// <summary>An AGS names a state (2 digits), Regierungsbezirk (3), Kreis (5) or Gemeinde (8).</summary>
    public static bool IsWellFormedAgs(string ags) =>
        ags.Length is 2 or 3 or 5 or 8 && ags.All(char.IsAsciiDigit) && StateOfAgs(ags) is not null;

    /// <summary>Ids are lower-case kebab: letters, digits and '-', 2 to 64 characters, starting with a letter.</summary>
    public static bool IsWellFormedId(string id) =>
        id.Length is >= 2 and <= 64 && char.IsAsciiLetterLower(id[0])
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}

/// <summary>ISO dates (yyyy-MM-dd), the only date format of the contract and the files.</summary>
internal static class IsoDate
{
    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(DateOnly? date) => date is null ? "" : Format(date.Value);
}
