using Microsoft.EntityFrameworkCore;
using Zielsteuerung.IntegrationEvents;
using Zielsteuerung.Messaging;

namespace BuildingBlocks.Tests;

public sealed class Widget
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
}

public sealed class WidgetsDbContext(DbContextOptions<WidgetsDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Widget>(widget =>
        {
            widget.ToTable("widgets");
            widget.Property(w => w.Id).HasColumnName("id");
            widget.Property(w => w.Name).HasColumnName("name");
        });
        modelBuilder.ApplyOutbox();
    }
}

/// <summary>The event the tests publish; <see cref="Scope"/> keeps tests running at the same time apart.</summary>
public sealed record WidgetCreated(Guid WidgetId, string Name, string Scope) : IntegrationEvent;
