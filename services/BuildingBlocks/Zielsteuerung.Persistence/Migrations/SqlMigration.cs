using System.Security.Cryptography;
using System.Text;

namespace Zielsteuerung.Persistence;

/// <summary>One hand-written migration: a SQL script identified by its number.</summary>
/// <param name="Version">The leading number of the file name (0001_initial.sql → 1); migrations run in this order.</param>
/// <param name="FileName">The file name, as it appears in errors and in <c>schema_migrations</c>.</param>
/// <param name="Sql">The script; it runs in one transaction together with its <c>schema_migrations</c> row.</param>
public sealed record SqlMigration(int Version, string FileName, string Sql)
{
    /// <summary>SHA-256 of the script (line endings normalised to LF), hex; an applied script must never change.</summary>
    // Computed, not stored: a copy made with `with { Sql = … }` must not keep the old checksum.
    public string Checksum => ComputeChecksum(Sql);

    private static string ComputeChecksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
}
