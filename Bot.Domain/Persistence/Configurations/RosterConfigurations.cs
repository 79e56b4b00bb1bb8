using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal static class PersonMapping
{
    public static void MapPerson<T>(this EntityTypeBuilder<T> b) where T : Person
    {
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.MiddleName).HasMaxLength(100);
        b.Property(x => x.SortKey).HasMaxLength(400);
        b.Property(x => x.SearchKey).HasMaxLength(300);
        b.HasIndex(x => new { x.SchoolId, x.SortKey });
        b.HasIndex(x => new { x.SchoolId, x.SearchKey });
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
        b.Ignore(x => x.FullName);
        b.Ignore(x => x.ShortName);
    }
}

internal sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> b)
    {
        b.MapPerson();
        b.Property(x => x.AnnualFromSemester2Note).HasMaxLength(Student.MaxAnnualFromSemester2NoteLength);
    }
}

internal sealed class GuardianConfiguration : IEntityTypeConfiguration<Guardian>
{
    public void Configure(EntityTypeBuilder<Guardian> b)
    {
        b.MapPerson();
        b.Property(x => x.Phone).HasMaxLength(32);
    }
}

internal sealed class StaffConfiguration : IEntityTypeConfiguration<Staff>
{
    public void Configure(EntityTypeBuilder<Staff> b)
    {
        b.MapPerson();
        b.Ignore(x => x.IsActive);
    }
}

internal sealed class GuardianStudentConfiguration : IEntityTypeConfiguration<GuardianStudent>
{
    public void Configure(EntityTypeBuilder<GuardianStudent> b)
    {
        b.HasKey(x => new { x.GuardianId, x.StudentId });
        b.HasIndex(x => x.StudentId);
        b.Property(x => x.Relation).HasMaxLength(40);
        b.HasOne<Guardian>().WithMany().HasForeignKey(x => x.GuardianId);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.HasIndex(x => x.GuardianId);
        b.HasOne<Guardian>().WithMany().HasForeignKey(x => x.GuardianId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentTextConfiguration : IEntityTypeConfiguration<ConsentText>
{
    public void Configure(EntityTypeBuilder<ConsentText> b)
    {
        b.HasIndex(x => new { x.SchoolId, x.Version }).IsUnique();
        b.Property(x => x.Text).HasMaxLength(ConsentText.MaxLength);
        b.HasOne<Bot.Domain.Schools.School>().WithMany().HasForeignKey(x => x.SchoolId);
    }
}

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> b)
    {
        b.Property(x => x.Letter).HasMaxLength(4);
        b.HasIndex(x => new { x.SchoolYearId, x.Grade, x.Letter }).IsUnique();
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ClassTeacherId).OnDelete(DeleteBehavior.SetNull);
        b.Ignore(x => x.Name);
    }
}

internal sealed class ClassGroupConfiguration : IEntityTypeConfiguration<ClassGroup>
{
    public void Configure(EntityTypeBuilder<ClassGroup> b)
    {
        b.Property(x => x.Name).HasMaxLength(40);
        b.HasIndex(x => new { x.ClassId, x.SubjectId, x.Number }).IsUnique();
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.GroupId);
        b.Navigation(x => x.Members).AutoInclude();
    }
}

internal sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> b)
    {
        b.HasKey(x => new { x.GroupId, x.StudentId });
        b.HasIndex(x => x.StudentId);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.HasIndex(x => new { x.ClassId, x.From });
        b.HasIndex(x => x.StudentId);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
    }
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.SearchKey).HasMaxLength(200);
        b.Property(x => x.Aliases).HasMaxLength(400);
        b.HasIndex(x => new { x.SchoolId, x.Name }).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId);
        b.Ignore(x => x.Traits);
        b.Ignore(x => x.AliasList);
        b.Ignore(x => x.CountsForAttendance);
    }
}

internal sealed class TeachingAssignmentConfiguration : IEntityTypeConfiguration<TeachingAssignment>
{
    public void Configure(EntityTypeBuilder<TeachingAssignment> b)
    {
        b.HasIndex(x => new { x.TeacherId, x.ClassId });
        b.HasIndex(x => new { x.ClassId, x.SubjectId });
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.TeacherId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
        b.HasOne<ClassGroup>().WithMany().HasForeignKey(x => x.GroupId);
    }
}
