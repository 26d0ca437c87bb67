namespace Kpi.DataGenerator.Jobcenters;

/// <summary>The 53 NRW jobcenters, read from the party registry's nrw-parties.csv (embedded, not copied).</summary>
public static class NrwJobcenters
{
    private const string ResourceName = "Kpi.DataGenerator.nrw-parties.csv";

    private static readonly Lazy<IReadOnlyList<Jobcenter>> Loaded = new(Load);

    public static IReadOnlyList<Jobcenter> All => Loaded.Value;

    /// <summary>The jobcenter named by its key ("jc-05554") or AGS ("05554").</summary>
    public static Jobcenter? Find(string keyOrAgs)
    {
        var wanted = keyOrAgs.Trim();
        return All.FirstOrDefault(jc =>
            jc.Key.Equals(wanted, StringComparison.OrdinalIgnoreCase) || jc.Ags == wanted);
    }

    private static List<Jobcenter> Load()
    {
        using var stream = typeof(NrwJobcenters).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        var columns = SplitCommaLine(reader.ReadLine() ?? "");
        int Column(string name) => columns.IndexOf(name) is var i and >= 0
            ? i
            : throw new InvalidOperationException($"nrw-parties.csv has no column '{name}'");
        int key = Column("key"), kind = Column("kind"), name = Column("name"), ags = Column("ags"), form = Column("form");

        var jobcenters = new List<Jobcenter>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = SplitCommaLine(line);
            if (fields.Count > form && fields[kind] == "jobcenter")
                jobcenters.Add(new Jobcenter(fields[key], fields[ags], fields[name], fields[form]));
        }
        jobcenters.Sort((a, b) => string.CompareOrdinal(a.Ags, b.Ags));
        return jobcenters;
    }

    // The registry's file is RFC 4180 with ',' and quotes around fields holding commas.
    private static List<string> SplitCommaLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
