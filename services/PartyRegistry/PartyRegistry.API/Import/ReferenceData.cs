using System.Security.Cryptography;
using PartyRegistry.API.Model;

namespace PartyRegistry.API.Import;

/// <summary>
/// The registry's reference data (ReferenceData/): the present NRW parties (nrw-parties.csv, a copy of
/// shared/domain), a supplement in the same layout (parties that matter only for the past, e.g. agency partners
/// of the jobcenters that became zkT in 2012), and the known history (nrw-history.csv: one field's value over a
/// period). The registry's horizon starts when SGB II came into force, 2005-01-01.
/// </summary>
internal static class ReferenceData
{
    public static readonly DateOnly Horizon = new(2005, 1, 1);

    public const string HistoryHeader = "key,field,value,valid_from,valid_to,verified,note";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    /// <summary>The files <see cref="LoadNrw"/> reads, in the order they are read.</summary>
    public static readonly IReadOnlyList<string> NrwFiles = ["nrw-parties.csv", "nrw-parties-supplement.csv", "nrw-history.csv"];

    /// <summary>Builds the NRW parties with their history from the files in <see cref="Directory"/>.</summary>
    public static List<FileParty> LoadNrw() => Build(
        [File.ReadAllText(Path.Combine(Directory, NrwFiles[0])), File.ReadAllText(Path.Combine(Directory, NrwFiles[1]))],
        File.ReadAllText(Path.Combine(Directory, NrwFiles[2])));

    /// <summary>
    /// SHA-256 (lower-case hex) over the names and contents of <see cref="NrwFiles"/>: changes whenever any of the
    /// files does, so a recorded fingerprint says exactly which version of the reference data was applied.
    /// </summary>
    public static string NrwFingerprint() =>
        Fingerprint(NrwFiles.Select(name => (name, File.ReadAllBytes(Path.Combine(Directory, name)))));

    public static string Fingerprint(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, content) in files)
        {
            // Length-prefixed, so moving bytes from one file to the next changes the fingerprint.
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            sha.AppendData(BitConverter.GetBytes((long)content.Length));
            sha.AppendData(content);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static List<FileParty> Build(IReadOnlyList<string> partyFiles, string history)
    {
        var lines = CsvReader.Read(history).ToList();
        if (lines.Count == 0 || string.Join(',', lines[0].Fields) != HistoryHeader)
        {
            throw new InvalidDataException($"nrw-history.csv: the first line must be '{HistoryHeader}'.");
        }

        var entries = lines.Skip(1).Select(ParseHistoryLine).ToList();
        var existsFrom = entries.Where(e => e.Field == "exists_from")
            .ToDictionary(e => e.Key, e => e.From ?? throw new InvalidDataException($"nrw-history.csv line {e.Line}: exists_from needs valid_from."));

        var parties = new List<FileParty>();
        foreach (var file in partyFiles)
        {
            var (parsed, errors) = PartyFile.Parse(file, Horizon, existsFrom);
            if (errors.Count > 0)
            {
                throw new InvalidDataException("reference data: " + string.Join("; ", errors));
            }

            parties.AddRange(parsed);
        }

        var byId = parties.ToDictionary(p => p.Record.Id, p => p.Record, StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Field != "exists_from"))
        {
            if (!byId.TryGetValue(entry.Key, out var record))
            {
                throw new InvalidDataException($"nrw-history.csv line {entry.Line}: unknown party '{entry.Key}'.");
            }

            var timeline = record.Field(entry.Field);
            var from = entry.From ?? record.ValidFrom;
            var after = entry.To is { } to ? timeline.ValueAt(to) : null;
            timeline.Set(entry.Value, from);
            if (entry.To is { } end)
            {
                timeline.Set(after, end);
            }
        }

        return parties;
    }

    private sealed record HistoryEntry(int Line, string Key, string Field, string Value, DateOnly? From, DateOnly? To);

    private static HistoryEntry ParseHistoryLine(CsvLine line)
    {
        if (line.Fields.Count != 7)
        {
            throw new InvalidDataException($"nrw-history.csv line {line.Number}: 7 fields expected.");
        }

        DateOnly? Date(string text) => text.Length == 0 ? null
            : IsoDate.TryParse(text, out var d) ? d
            : throw new InvalidDataException($"nrw-history.csv line {line.Number}: '{text}' is not a date (yyyy-MM-dd).");

        return new HistoryEntry(line.Number, line.Fields[0], line.Fields[1], line.Fields[2], Date(line.Fields[3]), Date(line.Fields[4]));
    }
}
