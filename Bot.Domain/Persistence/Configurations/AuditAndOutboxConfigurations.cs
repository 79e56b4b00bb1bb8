using Bot.Domain.Audit;
using Bot.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.OldValue).HasMaxLength(4000);
        b.Property(x => x.NewValue).HasMaxLength(4000);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.Context).HasMaxLength(500);
        b.Property(x => x.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.Hash).HasMaxLength(64).IsFixedLength();
        // Sealed records only: unsealed ones all have sequence 0 until the sealer chains them (ADR 0037).
        b.HasIndex(x => new { x.SchoolId, x.Sequence }).IsUnique().HasFilter("\"Sequence\" > 0");
        // What the sealer reads: the few records not chained yet (on SQLite in row order within a school). On PostgreSQL the
        // records also carry the writer's transaction id, `WriterXid xid8 DEFAULT pg_current_xact_id()`, a column outside
        // the model (the migration `AuditSealedAfterCommit` adds it): writers never send or read it, only the sealer's SQL.
        b.HasIndex(x => x.SchoolId).HasFilter("\"Sequence\" = 0").HasDatabaseName("IX_AuditRecords_Unsealed");
        b.HasIndex(x => new { x.SchoolId, x.EntityId });
        b.HasIndex(x => new { x.SchoolId, x.AtUtc });
        // The audit page's filters on columns, the units /undo reads ("the latest unit of this actor", "the records of
        // unit X", "was unit X taken back").
        b.HasIndex(x => new { x.SchoolId, x.ClassId });
        b.HasIndex(x => new { x.SchoolId, x.StudentId });
        b.HasIndex(x => new { x.ActorId, x.AtUtc });
        b.HasIndex(x => x.WriteBatchId);
        b.HasIndex(x => x.RevertsBatchId);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.HasKey(x => x.SchoolId);
        b.Property(x => x.LastHash).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.KeyId).HasMaxLength(16);
        // Two sealers that read the same head (they should not: one lease, a row lock): the second update matches no row.
        b.Property(x => x.LastSequence).IsConcurrencyToken();
    }
}

/// <summary>One row per school: the verification checkpoint and the last verdict (ADR 0037 decision 4).</summary>
internal sealed class AuditCheckConfiguration : IEntityTypeConfiguration<AuditCheck>
{
    public void Configure(EntityTypeBuilder<AuditCheck> b)
    {
        b.HasKey(x => x.SchoolId);
        b.Property(x => x.CheckpointHash).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.CheckpointSeal).HasMaxLength(100);
        b.Property(x => x.Problem).HasMaxLength(4000);
        b.HasOne<Bot.Domain.Schools.School>().WithMany().HasForeignKey(x => x.SchoolId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.Property(x => x.Payload).HasMaxLength(16000);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => new { x.State, x.NotBeforeUtc });
        b.HasIndex(x => x.SourceId);
        b.HasIndex(x => new { x.RecipientKind, x.RecipientId });
        b.Property(x => x.ViberToken).HasMaxLength(OutboxMessage.MaxTokenLength);
        b.HasIndex(x => x.ViberToken);
    }
}
