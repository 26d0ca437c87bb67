using Microsoft.EntityFrameworkCore;
using Zielsteuerung.Messaging;

namespace Agreements.API.Infrastructure;

/// <summary>The agreements database (schema: Migrations/*.sql, applied at start).</summary>
internal sealed class AgreementsDbContext(DbContextOptions<AgreementsDbContext> options) : DbContext(options)
{
    /// <summary>The connection string's name (the AppHost's database resource).</summary>
    public const string ConnectionName = "agreements-db";

    public DbSet<AgreementRow> Agreements => Set<AgreementRow>();

    public DbSet<AgreementPartyRow> Parties => Set<AgreementPartyRow>();

    public DbSet<RevisionRow> Revisions => Set<RevisionRow>();

    public DbSet<DocumentRow> Documents => Set<DocumentRow>();

    public DbSet<MeasureRow> Measures => Set<MeasureRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AgreementRow>(agreement =>
        {
            agreement.ToTable("agreements");
            agreement.HasKey(a => a.Id);
            agreement.Property(a => a.Id).HasColumnName("id");
            agreement.Property(a => a.Year).HasColumnName("year");
            agreement.Property(a => a.LegalBasis).HasColumnName("legal_basis");
            agreement.Property(a => a.State).HasColumnName("state");
            agreement.Property(a => a.Status).HasColumnName("status");
            agreement.Property(a => a.Edition).HasColumnName("edition");
            agreement.Property(a => a.Title).HasColumnName("title");
            agreement.Property(a => a.DraftingParty).HasColumnName("drafting_party");
            agreement.Property(a => a.Released).HasColumnName("released");
            agreement.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
            agreement.Property(a => a.CreatedAt).HasColumnName("created_at");
            agreement.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            agreement.HasMany(a => a.Parties).WithOne().HasForeignKey(p => p.AgreementId);
            // Declared so that EF inserts a new agreement before its first revision and documents.
            agreement.HasMany<RevisionRow>().WithOne().HasForeignKey(r => r.AgreementId);
            agreement.HasMany<DocumentRow>().WithOne().HasForeignKey(d => d.AgreementId);
            agreement.HasMany<MeasureRow>().WithOne().HasForeignKey(m => m.AgreementId);
        });
        modelBuilder.Entity<AgreementPartyRow>(party =>
        {
            party.ToTable("agreement_parties");
            party.HasKey(p => new { p.AgreementId, p.PartyId });
            party.Property(p => p.AgreementId).HasColumnName("agreement_id");
            party.Property(p => p.PartyId).HasColumnName("party_id");
        });
        modelBuilder.Entity<RevisionRow>(revision =>
        {
            revision.ToTable("agreement_revisions");
            revision.HasKey(r => new { r.AgreementId, r.Version });
            revision.Property(r => r.AgreementId).HasColumnName("agreement_id");
            revision.Property(r => r.Version).HasColumnName("version");
            revision.Property(r => r.Edition).HasColumnName("edition");
            revision.Property(r => r.Action).HasColumnName("action");
            revision.Property(r => r.EffectiveOn).HasColumnName("effective_on");
            revision.Property(r => r.RecordedAt).HasColumnName("recorded_at");
            revision.Property(r => r.ClientId).HasColumnName("client_id");
            revision.Property(r => r.PartyId).HasColumnName("party_id");
            revision.Property(r => r.Changed).HasColumnName("changed");
            revision.Property(r => r.Note).HasColumnName("note");
            revision.Property(r => r.Snapshot).HasColumnName("snapshot");
        });
        modelBuilder.Entity<DocumentRow>(document =>
        {
            document.ToTable("agreement_documents");
            document.HasKey(d => new { d.AgreementId, d.DocumentId });
            document.Property(d => d.AgreementId).HasColumnName("agreement_id");
            document.Property(d => d.DocumentId).HasColumnName("document_id");
            document.Property(d => d.Content).HasColumnName("content");
        });
        modelBuilder.Entity<MeasureRow>(measure =>
        {
            measure.ToTable("agreement_measures");
            measure.HasKey(m => new { m.AgreementId, m.MeasureId });
            measure.Property(m => m.AgreementId).HasColumnName("agreement_id");
            measure.Property(m => m.MeasureId).HasColumnName("measure_id");
            measure.Property(m => m.DialogueId).HasColumnName("dialogue_id");
            measure.Property(m => m.DueOn).HasColumnName("due_on");
            measure.Property(m => m.State).HasColumnName("state");
            measure.Property(m => m.DuePublishedAt).HasColumnName("due_published_at");
        });
        modelBuilder.ApplyOutbox();
    }
}

internal sealed class AgreementRow
{
    public required string Id { get; set; }

    public int Year { get; set; }

    public required string LegalBasis { get; set; }

    public required string State { get; set; }

    public required string Status { get; set; }

    public int Edition { get; set; }

    public required string Title { get; set; }

    public required string DraftingParty { get; set; }

    public bool Released { get; set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<AgreementPartyRow> Parties { get; set; } = [];
}

internal sealed class AgreementPartyRow
{
    public required string AgreementId { get; set; }

    public required string PartyId { get; set; }
}

internal sealed class RevisionRow
{
    public required string AgreementId { get; set; }

    public long Version { get; set; }

    public int Edition { get; set; }

    public required string Action { get; set; }

    public DateOnly EffectiveOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string ClientId { get; set; }

    public required string PartyId { get; set; }

    public required string[] Changed { get; set; }

    public required string Note { get; set; }

    public required byte[] Snapshot { get; set; }
}

internal sealed class DocumentRow
{
    public required string AgreementId { get; set; }

    public required string DocumentId { get; set; }

    public required byte[] Content { get; set; }
}

internal sealed class MeasureRow
{
    public required string AgreementId { get; set; }

    public required string MeasureId { get; set; }

    public required string DialogueId { get; set; }

    public DateOnly DueOn { get; set; }

    public required string State { get; set; }

    public DateTimeOffset? DuePublishedAt { get; set; }
}
