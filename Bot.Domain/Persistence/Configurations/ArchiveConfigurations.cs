using Bot.Domain.Archive;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class ArchivedJournalConfiguration : IEntityTypeConfiguration<ArchivedJournal>
{
    public void Configure(EntityTypeBuilder<ArchivedJournal> b)
    {
        b.Property(x => x.ClassName).HasMaxLength(16);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.AuditHeadHash).HasMaxLength(64);
        b.Property(x => x.ClosedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.SchoolYearId, x.ClassId }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
    }
}

internal sealed class YearClosingConfiguration : IEntityTypeConfiguration<YearClosing>
{
    public void Configure(EntityTypeBuilder<YearClosing> b)
    {
        b.Property(x => x.RequestedBy).HasMaxLength(200);
        b.Property(x => x.Error).HasMaxLength(1000);
        b.HasIndex(x => new { x.SchoolYearId, x.RequestedAtUtc });
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
    }
}
