using Microsoft.EntityFrameworkCore;
using Zielsteuerung.Messaging;

namespace Kpi.Ingestion.API.Infrastructure;

/// <summary>
/// The KPI database (schema: Migrations/*.sql, applied at start). EF maps the small tables and the outbox; the values
/// and row errors go through binary COPY and plain SQL on the same connection (<see cref="ValueStore"/>).
/// </summary>
internal sealed class KpiDbContext(DbContextOptions<KpiDbContext> options) : DbContext(options)
{
    /// <summary>The connection string's name (the AppHost's database resource).</summary>
    public const string ConnectionName = "kpi-db";

    public DbSet<DeliveryEntity> Deliveries => Set<DeliveryEntity>();

    public DbSet<Model.LocalIndicatorRow> LocalIndicators => Set<Model.LocalIndicatorRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeliveryEntity>(delivery =>
        {
            delivery.ToTable("deliveries");
            delivery.HasKey(d => d.Sequence);
            delivery.Property(d => d.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            delivery.Property(d => d.IdempotencyKey).HasColumnName("idempotency_key");
            delivery.Property(d => d.ContentHash).HasColumnName("content_hash");
            delivery.Property(d => d.State).HasColumnName("state");
            delivery.Property(d => d.Mode).HasColumnName("mode");
            delivery.Property(d => d.Description).HasColumnName("description");
            delivery.Property(d => d.SourceName).HasColumnName("source_name");
            delivery.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
            delivery.Property(d => d.DeliveredBy).HasColumnName("delivered_by");
            delivery.Property(d => d.RowsReceived).HasColumnName("rows_received");
            delivery.Property(d => d.RowsStored).HasColumnName("rows_stored");
            delivery.Property(d => d.RowsRejected).HasColumnName("rows_rejected");
            delivery.Property(d => d.ErrorsKept).HasColumnName("errors_kept");
            delivery.Property(d => d.Jobcenters).HasColumnName("jobcenters");
            delivery.Property(d => d.Months).HasColumnName("months");
            delivery.Property(d => d.Codes).HasColumnName("codes");
            delivery.Property(d => d.Bases).HasColumnName("bases");
        });
        modelBuilder.Entity<Model.LocalIndicatorRow>(local =>
        {
            local.ToTable("local_indicators");
            local.HasKey(l => l.Code);
            local.Property(l => l.Code).HasColumnName("code");
            local.Property(l => l.Id).HasColumnName("id");
            local.Property(l => l.JobcenterId).HasColumnName("jobcenter_id");
            local.Property(l => l.Name).HasColumnName("name");
            local.Property(l => l.Title).HasColumnName("title");
            local.Property(l => l.Unit).HasColumnName("unit");
            local.Property(l => l.Kind).HasColumnName("kind");
            local.Property(l => l.DeclaredByAgreement).HasColumnName("declared_by_agreement");
        });
        modelBuilder.ApplyOutbox();
    }
}

internal sealed class DeliveryEntity
{
    public long Sequence { get; set; }

    public string? IdempotencyKey { get; set; }

    public required string ContentHash { get; set; }

    public required string State { get; set; }

    public required string Mode { get; set; }

    public required string Description { get; set; }

    public required string SourceName { get; set; }

    public DateTimeOffset DeliveredAt { get; set; }

    public required string DeliveredBy { get; set; }

    public long RowsReceived { get; set; }

    public long RowsStored { get; set; }

    public long RowsRejected { get; set; }

    public int ErrorsKept { get; set; }

    public required string[] Jobcenters { get; set; }

    public required string[] Months { get; set; }

    public required string[] Codes { get; set; }

    public required string[] Bases { get; set; }

    /// <summary>The contract's id of a delivery: its sequence, readable.</summary>
    public string Id => DeliveryIds.Format(Sequence);
}

internal static class DeliveryIds
{
    private const string Prefix = "dlv-";

    public static string Format(long sequence) => Prefix + sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string id, out long sequence)
    {
        sequence = 0;
        return id.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(id.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }
}
