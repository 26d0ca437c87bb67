using Microsoft.EntityFrameworkCore;
using Zielsteuerung.Messaging;

namespace Monitoring.API.Infrastructure;

/// <summary>The monitoring database (schema: Migrations/*.sql, applied at start).</summary>
internal sealed class MonitoringDbContext(DbContextOptions<MonitoringDbContext> options) : DbContext(options)
{
    /// <summary>The connection string's name (the AppHost's database resource).</summary>
    public const string ConnectionName = "monitoring-db";

    public DbSet<AgreementRow> Agreements => Set<AgreementRow>();

    public DbSet<TargetRow> Targets => Set<TargetRow>();

    public DbSet<StatusChangeRow> StatusChanges => Set<StatusChangeRow>();

    public DbSet<ProcessedEventRow> ProcessedEvents => Set<ProcessedEventRow>();

    public DbSet<DialogueReportRow> DialogueReports => Set<DialogueReportRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AgreementRow>(agreement =>
        {
            agreement.ToTable("monitored_agreements");
            agreement.HasKey(a => a.AgreementId);
            agreement.Property(a => a.AgreementId).HasColumnName("agreement_id");
            agreement.Property(a => a.Edition).HasColumnName("edition");
            agreement.Property(a => a.Version).HasColumnName("version");
            agreement.Property(a => a.Year).HasColumnName("year");
            agreement.Property(a => a.State).HasColumnName("state");
            agreement.Property(a => a.Status).HasColumnName("status");
            agreement.Property(a => a.Title).HasColumnName("title");
            agreement.Property(a => a.PartyIds).HasColumnName("party_ids");
            agreement.Property(a => a.Record).HasColumnName("record");
            agreement.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            agreement.Property(a => a.TolerancePoints).HasColumnName("tolerance_points");
            agreement.Property(a => a.SettingsVersion).HasColumnName("settings_version");
            agreement.HasMany<TargetRow>().WithOne().HasForeignKey(t => t.AgreementId);
        });
        modelBuilder.Entity<TargetRow>(target =>
        {
            target.ToTable("monitored_targets");
            target.HasKey(t => new { t.AgreementId, t.TargetKey });
            target.Property(t => t.AgreementId).HasColumnName("agreement_id");
            target.Property(t => t.TargetKey).HasColumnName("target_key");
            target.Property(t => t.Ordinal).HasColumnName("ordinal");
            target.Property(t => t.JobcenterId).HasColumnName("jobcenter_id");
            target.Property(t => t.Members).HasColumnName("members");
            target.Property(t => t.InputCodes).HasColumnName("input_codes");
            target.Property(t => t.Basis).HasColumnName("basis");
            target.Property(t => t.FromMonth).HasColumnName("from_month");
            target.Property(t => t.ToMonth).HasColumnName("to_month");
            target.Property(t => t.Status).HasColumnName("status");
            target.Property(t => t.Month).HasColumnName("month");
            target.Property(t => t.KpiSequence).HasColumnName("kpi_sequence");
            target.Property(t => t.Attainment).HasColumnName("attainment");
            target.Property(t => t.ComputedAt).HasColumnName("computed_at");
        });
        modelBuilder.Entity<StatusChangeRow>(change =>
        {
            change.ToTable("status_changes");
            change.HasKey(c => c.Position);
            change.Property(c => c.Position).HasColumnName("position").ValueGeneratedNever();
            change.Property(c => c.AgreementId).HasColumnName("agreement_id");
            change.Property(c => c.TargetKey).HasColumnName("target_key");
            change.Property(c => c.Year).HasColumnName("year");
            change.Property(c => c.State).HasColumnName("state");
            change.Property(c => c.PartyIds).HasColumnName("party_ids");
            change.Property(c => c.JobcenterId).HasColumnName("jobcenter_id");
            change.Property(c => c.Previous).HasColumnName("previous");
            change.Property(c => c.Status).HasColumnName("status");
            change.Property(c => c.Change).HasColumnName("change");
            change.Property(c => c.ChangedAt).HasColumnName("changed_at");
        });
        modelBuilder.Entity<ProcessedEventRow>(processed =>
        {
            processed.ToTable("processed_events");
            processed.HasKey(p => p.EventId);
            processed.Property(p => p.EventId).HasColumnName("event_id");
            processed.Property(p => p.EventType).HasColumnName("event_type");
            processed.Property(p => p.ProcessedAt).HasColumnName("processed_at");
        });
        modelBuilder.Entity<DialogueReportRow>(report =>
        {
            report.ToTable("dialogue_reports");
            report.HasKey(r => r.ReportId);
            report.Property(r => r.ReportId).HasColumnName("report_id");
            report.Property(r => r.AgreementId).HasColumnName("agreement_id");
            report.Property(r => r.Month).HasColumnName("month");
            report.Property(r => r.Edition).HasColumnName("edition");
            report.Property(r => r.AgreementVersion).HasColumnName("agreement_version");
            report.Property(r => r.KpiDeliveries).HasColumnName("kpi_deliveries");
            report.Property(r => r.RenderedAt).HasColumnName("rendered_at");
            report.Property(r => r.RenderedBy).HasColumnName("rendered_by");
            report.Property(r => r.Html).HasColumnName("html");
            report.Property(r => r.Csv).HasColumnName("csv");
            report.Property(r => r.Sha256).HasColumnName("sha256");
        });
        modelBuilder.ApplyOutbox();
    }
}

internal sealed class AgreementRow
{
    public required string AgreementId { get; set; }

    public int Edition { get; set; }

    public long Version { get; set; }

    public int Year { get; set; }

    public required string State { get; set; }

    public required string Status { get; set; }

    public required string Title { get; set; }

    public required string[] PartyIds { get; set; }

    public required byte[] Record { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A decimal, "0" unless the drafting party set it (SetTolerance).</summary>
    public string TolerancePoints { get; set; } = "0";

    public long SettingsVersion { get; set; }
}

internal sealed class TargetRow
{
    public required string AgreementId { get; set; }

    public required string TargetKey { get; set; }

    public int Ordinal { get; set; }

    public string? JobcenterId { get; set; }

    public string[] Members { get; set; } = [];

    public required string[] InputCodes { get; set; }

    public required string Basis { get; set; }

    public required string FromMonth { get; set; }

    public required string ToMonth { get; set; }

    public required string Status { get; set; }

    public required string Month { get; set; }

    public long KpiSequence { get; set; }

    public required byte[] Attainment { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}

internal sealed class StatusChangeRow
{
    public long Position { get; set; }

    public required string AgreementId { get; set; }

    public required string TargetKey { get; set; }

    public int Year { get; set; }

    public required string State { get; set; }

    public required string[] PartyIds { get; set; }

    public string? JobcenterId { get; set; }

    public required string Previous { get; set; }

    public required string Status { get; set; }

    public required byte[] Change { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class ProcessedEventRow
{
    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}

internal sealed class DialogueReportRow
{
    public required string ReportId { get; set; }

    public required string AgreementId { get; set; }

    public required string Month { get; set; }

    public int Edition { get; set; }

    public long AgreementVersion { get; set; }

    public required string[] KpiDeliveries { get; set; }

    public DateTimeOffset RenderedAt { get; set; }

    public required string RenderedBy { get; set; }

    public required string Html { get; set; }

    public required string Csv { get; set; }

    public required string Sha256 { get; set; }
}
