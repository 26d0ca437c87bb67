using PartyRegistry.API.Model;

namespace PartyRegistry.API.Import;

/// <summary>A problem with one line of an import file.</summary>
internal sealed record LineError(int Line, string Field, string Description)
{
    public override string ToString() => $"line {Line}: {Field}: {Description}";
}

/// <summary>A party read from a file, with the line it came from.</summary>
internal sealed record FileParty(int Line, PartyRecord Record, string Verified, string Note);

/// <summary>
/// Reads files in the layout of nrw-parties.csv (the present state of a state's parties):
/// <c>key,kind,name,ags,form,partner_agency,parent,verified,note</c>. <c>parent</c> becomes the relation its kind
/// has (a jobcenter's carrier, a municipal carrier's supervisor, an agency's or directorate's parent); the state is
/// the AGS's, or the parent's (agencies have no AGS).
/// </summary>
internal static class PartyFile
{
    public const string Header = "key,kind,name,ags,form,partner_agency,parent,verified,note";

    private static readonly string[] Columns = Header.Split(',');

    public static (List<FileParty> Parties, List<LineError> Errors) Parse(
        string content, DateOnly validFrom, IReadOnlyDictionary<string, DateOnly>? existsFrom = null)
    {
        var parties = new List<FileParty>();
        var errors = new List<LineError>();
        List<CsvLine> lines;
        try
        {
            lines = CsvReader.Read(content.TrimStart('\uFEFF')).ToList();
        }
        catch (CsvFormatException e)
        {
            errors.Add(new LineError(e.Line, "line", e.Message));
            return (parties, errors);
        }

        if (lines.Count == 0 || string.Join(',', lines[0].Fields) != Header)
        {
            errors.Add(new LineError(lines.Count == 0 ? 1 : lines[0].Number, "header", $"the first line must be '{Header}'."));
            return (parties, errors);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            if (line.Fields.Count != Columns.Length)
            {
                errors.Add(new LineError(line.Number, "line", $"{line.Fields.Count} fields instead of {Columns.Length}."));
                continue;
            }

            string Get(string column) => line.Fields[Array.IndexOf(Columns, column)].Trim();
            void Error(string field, string description) => errors.Add(new LineError(line.Number, field, description));

            var key = Get("key");
            if (seen.TryGetValue(key, out var firstLine))
            {
                Error("key", $"'{key}' is already on line {firstLine}.");
                continue;
            }

            seen[key] = line.Number;
            if (!Tokens.TryParsePartyKind(Get("kind"), out var kind))
            {
                Error("kind", $"'{Get("kind")}' is not a party kind (federal_ministry, state_ministry, federal_agency, regional_directorate, employment_agency, municipal_carrier, jobcenter, body).");
                continue;
            }

            var from = existsFrom?.GetValueOrDefault(key) is { } start && start != default ? start : validFrom;
            var record = new PartyRecord(key, kind, from);
            void Set(string field, string value)
            {
                if (value.Length > 0)
                {
                    record.Field(field).Set(value, from);
                }
            }

            Set(Tokens.Name, Get("name"));
            Set(Tokens.Ags, Get("ags"));
            Set(Tokens.State, Tokens.StateOfAgs(Get("ags")) ?? "");
            Set(Tokens.Form, Get("form"));
            if (Get("partner_agency").Length > 0)
            {
                Set(RelationKind.PartnerAgency.ToField(), Get("partner_agency"));
            }

            if (Get("parent").Length > 0)
            {
                RelationKind? parent = kind switch
                {
                    PartyKind.Jobcenter => RelationKind.Carrier,
                    PartyKind.MunicipalCarrier => RelationKind.Supervisor,
                    PartyKind.EmploymentAgency or PartyKind.RegionalDirectorate or PartyKind.Body => RelationKind.Parent,
                    _ => null,
                };
                if (parent is null)
                {
                    Error("parent", $"a {kind.ToToken()} has no parent.");
                    continue;
                }

                Set(parent.Value.ToField(), Get("parent"));
            }

            if (Get("verified") is not ("yes" or "no" or "partly"))
            {
                Error("verified", $"'{Get("verified")}' is not yes, no or partly.");
            }

            foreach (var violation in PartyRules.CheckValues(record))
            {
                Error(ColumnOf(violation.Field), violation.Description);
            }

            parties.Add(new FileParty(line.Number, record, Get("verified"), Get("note")));
        }

        InheritStates(parties);
        return (parties, errors);
    }

    /// <summary>The file column a field comes from, for error messages.</summary>
    public static string ColumnOf(string field) => field switch
    {
        Tokens.Name or Tokens.Ags or Tokens.Form => field,
        Tokens.State => Tokens.Ags,
        "id" => "key",
        _ when field == RelationKind.PartnerAgency.ToField() => "partner_agency",
        _ when field.StartsWith(Tokens.RelationPrefix, StringComparison.Ordinal) => "parent",
        _ => field,
    };

    /// <summary>Parties without an AGS (agencies) lie in the state of their parent, if the file knows it.</summary>
    private static void InheritStates(List<FileParty> parties)
    {
        var byId = parties.ToDictionary(p => p.Record.Id, p => p.Record, StringComparer.Ordinal);
        foreach (var party in parties)
        {
            var record = party.Record;
            if (record.Fields.ContainsKey(Tokens.State) || record.Kind is not (PartyKind.EmploymentAgency or PartyKind.Body))
            {
                continue;
            }

            var parentId = record.ValueAt(RelationKind.Parent.ToField(), record.ValidFrom);
            if (parentId is not null && byId.TryGetValue(parentId, out var parent)
                && parent.ValueAt(Tokens.State, parent.ValidFrom) is { } state)
            {
                record.Field(Tokens.State).Set(state, record.ValidFrom);
            }
        }
    }
}
