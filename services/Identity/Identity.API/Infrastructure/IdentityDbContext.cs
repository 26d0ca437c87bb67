using Microsoft.EntityFrameworkCore;

namespace Identity.API.Infrastructure;

/// <summary>The identity service's database: OpenIddict's entities and the signing keys (schema: Migrations/*.sql).</summary>
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    /// <summary>The connection string's name (the AppHost's database resource).</summary>
    public const string ConnectionName = "identity-db";

    public DbSet<SigningKeyRow> SigningKeys => Set<SigningKeyRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<SigningKeyRow>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.KeyId);
            key.Property(k => k.KeyId).HasColumnName("key_id");
            key.Property(k => k.Certificate).HasColumnName("certificate");
            key.Property(k => k.ActivatesAt).HasColumnName("activates_at");
            key.Property(k => k.ExpiresAt).HasColumnName("expires_at");
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
            key.Property(k => k.RetiredAt).HasColumnName("retired_at");
        });
    }
}

internal sealed class SigningKeyRow
{
    public required string KeyId { get; set; }

    /// <summary>PKCS #12 with the private key, no password.</summary>
    public required byte[] Certificate { get; set; }

    public DateTimeOffset ActivatesAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }
}
