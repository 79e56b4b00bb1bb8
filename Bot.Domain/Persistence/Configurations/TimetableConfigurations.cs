using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class DayChangeConfiguration : IEntityTypeConfiguration<DayChange>
{
    public void Configure(EntityTypeBuilder<DayChange> b)
    {
        b.HasIndex(x => new { x.SchoolId, x.Date });
        b.HasIndex(x => new { x.SchoolId, x.ToDate });
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
        b.HasOne<ClassGroup>().WithMany().HasForeignKey(x => x.GroupId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.Dates);
    }
}
