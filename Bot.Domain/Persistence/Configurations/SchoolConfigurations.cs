using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.ShortName).HasMaxLength(100);
        b.Property(x => x.TimeZone).HasMaxLength(64);
    }
}

internal sealed class SchoolYearConfiguration : IEntityTypeConfiguration<SchoolYear>
{
    public void Configure(EntityTypeBuilder<SchoolYear> b)
    {
        b.Property(x => x.Title).HasMaxLength(16);
        b.HasIndex(x => new { x.SchoolId, x.Title }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
        b.HasMany(x => x.Holidays).WithOne().HasForeignKey(h => h.SchoolYearId);
        b.Navigation(x => x.Holidays).AutoInclude();
        b.Ignore(x => x.StartsOn);
        b.Ignore(x => x.EndsOn);
        b.Ignore(x => x.Corrected2Deadline);
        b.Property(x => x.CreditDecisionNumber).HasMaxLength(SchoolYear.MaxCreditDecisionNumberLength);
        b.Property(x => x.CreditGrades).HasMaxLength(40);
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> b) => b.Property(x => x.Title).HasMaxLength(200);
}

internal sealed class BellSlotConfiguration : IEntityTypeConfiguration<BellSlot>
{
    public void Configure(EntityTypeBuilder<BellSlot> b)
    {
        b.HasIndex(x => new { x.SchoolId, x.Number }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
    }
}
