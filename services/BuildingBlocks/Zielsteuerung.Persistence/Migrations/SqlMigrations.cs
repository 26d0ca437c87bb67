using System.Reflection;
using System.Text.RegularExpressions;

namespace Zielsteuerung.Persistence;

/// <summary>Finds the migrations a service ships.</summary>
public static partial class SqlMigrations
{
    /// <summary>
    /// The embedded resources of <paramref name="assembly"/> named <c>…Migrations.NNNN_name.sql</c>
    /// (csproj: <c>&lt;EmbeddedResource Include="Migrations/*.sql" /&gt;</c>), ordered by number.
    /// Two files with the same number are an error.
    /// </summary>
    public static IReadOnlyList<SqlMigration> FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<SqlMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SqlMigration(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["file"].Value,
                reader.ReadToEnd()));
        }
        return Ordered(migrations);
    }

    internal static IReadOnlyList<SqlMigration> Ordered(IEnumerable<SqlMigration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                throw new MigrationException(
                    $"Migrations {ordered[i - 1].FileName} and {ordered[i].FileName} have the same number {ordered[i].Version}.");
            }
        }
        return ordered;
    }

    [GeneratedRegex(@"(^|\.)Migrations\.(?<file>(?<version>\d+)_[^.]+\.sql)$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();
}
