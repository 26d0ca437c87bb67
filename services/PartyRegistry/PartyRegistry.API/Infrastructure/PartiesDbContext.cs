using Microsoft.EntityFrameworkCore;
using Zielsteuerung.Messaging;

namespace PartyRegistry.API.Infrastructure;

/// <summary>The registry's database (schema: Migrations/*.sql, applied at start).</summary>
internal sealed class PartiesDbContext(DbContextOptions<PartiesDbContext> options) : DbContext(options)
{
    /// <summary>The connection string's name (the AppHost's database resource).</summary>
    public const string ConnectionName = "parties-db";

    public DbSet<PartyRow> Parties => Set<PartyRow>();

    public DbSet<PeriodRow> Periods => Set<PeriodRow>();

    public DbSet<ChangeRow> Changes => Set<ChangeRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PartyRow>(party =>
        {
            party.ToTable("parties");
            party.HasKey(p => p.Id);
            party.Property(p => p.Id).HasColumnName("id");
            party.Property(p => p.Kind).HasColumnName("kind");
            party.Property(p => p.ValidFrom).HasColumnName("valid_from");
            party.Property(p => p.ValidTo).HasColumnName("valid_to");
            party.Property(p => p.Version).HasColumnName("version").IsConcurrencyToken();
            party.Property(p => p.RegisteredAt).HasColumnName("registered_at");
            party.HasMany(p => p.Periods).WithOne().HasForeignKey(p => p.PartyId);
        });
        modelBuilder.Entity<PeriodRow>(period =>
        {
            period.ToTable("party_periods");
            period.HasKey(p => p.Id);
            period.Property(p => p.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            period.Property(p => p.PartyId).HasColumnName("party_id");
            period.Property(p => p.Kind).HasColumnName("kind");
            period.Property(p => p.Field).HasColumnName("field");
            period.Property(p => p.Value).HasColumnName("value");
            period.Property(p => p.ValidFrom).HasColumnName("valid_from");
            period.Property(p => p.ValidTo).HasColumnName("valid_to");
        });
        modelBuilder.Entity<ChangeRow>(change =>
        {
            change.ToTable("party_changes");
            change.HasKey(c => new { c.PartyId, c.Version });
            change.Property(c => c.PartyId).HasColumnName("party_id");
            change.Property(c => c.Version).HasColumnName("version");
            change.Property(c => c.EffectiveDate).HasColumnName("effective_date");
            change.Property(c => c.RecordedAt).HasColumnName("recorded_at");
            change.Property(c => c.RecordedBy).HasColumnName("recorded_by");
            change.Property(c => c.Reason).HasColumnName("reason");
            change.Property(c => c.ChangedFields).HasColumnName("changed_fields");
        });
        modelBuilder.ApplyOutbox();
    }
}

internal sealed class PartyRow
{
    public required string Id { get; set; }

    public required string Kind { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public long Version { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public List<PeriodRow> Periods { get; set; } = [];
}

internal sealed class PeriodRow
{
    public long Id { get; set; }

    public required string PartyId { get; set; }

    public required string Kind { get; set; }

    public required string Field { get; set; }

    public required string Value { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }
}

internal sealed class ChangeRow
{
    public required string PartyId { get; set; }

    public long Version { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    public required string Reason { get; set; }

    public required string[] ChangedFields { get; set; }
}
