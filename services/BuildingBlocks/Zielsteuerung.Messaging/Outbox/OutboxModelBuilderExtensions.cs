using Microsoft.EntityFrameworkCore;

namespace Zielsteuerung.Messaging;

/// <summary>Maps the outbox into a service's DbContext.</summary>
public static class OutboxModelBuilderExtensions
{
    /// <summary>Maps <see cref="OutboxMessage"/> to <c>outbox_messages</c>; call it from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder ApplyOutbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            message.Property(m => m.Sequence).HasColumnName("sequence").ValueGeneratedOnAdd();
            message.Property(m => m.MessageType).HasColumnName("message_type");
            message.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            message.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            message.Property(m => m.TraceParent).HasColumnName("trace_parent");
            message.Property(m => m.TraceState).HasColumnName("trace_state");
            message.Property(m => m.PublishedAt).HasColumnName("published_at");
            message.Property(m => m.Attempts).HasColumnName("attempts");
            message.Property(m => m.LastError).HasColumnName("last_error");
            message.Property(m => m.FailedAt).HasColumnName("failed_at");
        });
        return modelBuilder;
    }
}
