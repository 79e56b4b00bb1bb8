using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Domain.Persistence.Configurations;

internal sealed class TimetableEntryConfiguration : IEntityTypeConfiguration<TimetableEntry>
{
    public void Configure(EntityTypeBuilder<TimetableEntry> b)
    {
        b.HasIndex(x => new { x.ClassId, x.Day, x.LessonNumber });
        b.HasIndex(x => new { x.TeacherId, x.Day });
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
        b.HasOne<ClassGroup>().WithMany().HasForeignKey(x => x.GroupId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> b)
    {
        b.Property(x => x.Topic).HasMaxLength(1000);
        b.Property(x => x.ThemeTitle).HasMaxLength(500);
        b.Property(x => x.Homework).HasMaxLength(2000);
        b.Property(x => x.SubstituteNote).HasMaxLength(200);
        b.HasIndex(x => new { x.ClassId, x.Date });
        b.HasIndex(x => new { x.ClassId, x.SubjectId, x.GroupId, x.Date, x.Slot });
        b.HasIndex(x => new { x.SchoolId, x.Date });
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
        b.HasOne<ClassGroup>().WithMany().HasForeignKey(x => x.GroupId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.HomeworkField);
    }
}

internal sealed class MarkConfiguration : IEntityTypeConfiguration<Mark>
{
    public void Configure(EntityTypeBuilder<Mark> b)
    {
        b.Property(x => x.Value).HasConversion(v => v.Text, s => MarkValue.FromStored(s)).HasMaxLength(16);
        b.Property(x => x.Slot).HasMaxLength(64);
        b.Property(x => x.WorkKind).HasMaxLength(40);
        b.Property(x => x.SourceNote).HasMaxLength(Mark.MaxSourceNoteLength);
        b.HasIndex(x => new { x.StudentId, x.SubjectId, x.SchoolYearId, x.Slot }).IsUnique();
        b.HasIndex(x => new { x.StudentId, x.Date });
        b.HasIndex(x => new { x.ClassId, x.Date });
        b.HasIndex(x => new { x.ClassId, x.SubjectId, x.Date });
        b.HasIndex(x => x.LessonId);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
        b.HasOne<Lesson>().WithMany().HasForeignKey(x => x.LessonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<ResultGroup>().WithMany().HasForeignKey(x => x.ResultGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ResultGroupId);
    }
}

internal sealed class ResultGroupConfiguration : IEntityTypeConfiguration<ResultGroup>
{
    public void Configure(EntityTypeBuilder<ResultGroup> b)
    {
        b.Property(x => x.Code).HasMaxLength(ResultGroup.MaxCodeLength);
        b.Property(x => x.Title).HasMaxLength(ResultGroup.MaxTitleLength);
        b.HasIndex(x => new { x.SchoolYearId, x.SubjectId });
        b.HasIndex(x => x.SchoolId);
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
    }
}

internal sealed class EducationalFieldConfiguration : IEntityTypeConfiguration<EducationalField>
{
    public void Configure(EntityTypeBuilder<EducationalField> b)
    {
        b.Property(x => x.Name).HasMaxLength(EducationalField.MaxNameLength);
        b.HasIndex(x => new { x.SchoolYearId, x.Number });
        b.HasIndex(x => x.SchoolId);
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
    }
}

internal sealed class EducationalFieldSubjectConfiguration : IEntityTypeConfiguration<EducationalFieldSubject>
{
    public void Configure(EntityTypeBuilder<EducationalFieldSubject> b)
    {
        b.HasIndex(x => new { x.FieldId, x.SubjectId }).IsUnique();
        b.HasIndex(x => x.SubjectId);
        b.HasOne<EducationalField>().WithMany().HasForeignKey(x => x.FieldId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
    }
}

internal sealed class LearningOutcomeConfiguration : IEntityTypeConfiguration<LearningOutcome>
{
    public void Configure(EntityTypeBuilder<LearningOutcome> b)
    {
        b.Property(x => x.Code).HasMaxLength(LearningOutcome.MaxCodeLength);
        b.Property(x => x.Title).HasMaxLength(LearningOutcome.MaxTitleLength);
        b.HasIndex(x => new { x.FieldId, x.Number });
        b.HasIndex(x => new { x.SchoolId, x.SchoolYearId });
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<EducationalField>().WithMany().HasForeignKey(x => x.FieldId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutcomeResultConfiguration : IEntityTypeConfiguration<OutcomeResult>
{
    public void Configure(EntityTypeBuilder<OutcomeResult> b)
    {
        b.HasIndex(x => new { x.StudentId, x.LearningOutcomeId }).IsUnique();
        b.HasIndex(x => x.ClassId);
        b.HasIndex(x => x.LearningOutcomeId);
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
        b.HasOne<LearningOutcome>().WithMany().HasForeignKey(x => x.LearningOutcomeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.WrittenById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CertificateDescriptionConfiguration : IEntityTypeConfiguration<CertificateDescription>
{
    public void Configure(EntityTypeBuilder<CertificateDescription> b)
    {
        b.Property(x => x.Text).HasMaxLength(CertificateDescription.MaxTextLength);
        b.HasIndex(x => new { x.SchoolYearId, x.StudentId }).IsUnique();
        b.HasIndex(x => x.StudentId);
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.WrittenById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> b)
    {
        b.HasIndex(x => new { x.LessonId, x.StudentId }).IsUnique();
        b.HasIndex(x => new { x.StudentId, x.Date });
        b.HasIndex(x => new { x.ClassId, x.Date });
        b.HasOne<Lesson>().WithMany().HasForeignKey(x => x.LessonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
    }
}

internal sealed class ExcursionEntryConfiguration : IEntityTypeConfiguration<ExcursionEntry>
{
    public void Configure(EntityTypeBuilder<ExcursionEntry> b)
    {
        b.Property(x => x.Form).HasMaxLength(100);
        b.Property(x => x.Topic).HasMaxLength(500);
        b.HasIndex(x => new { x.ClassId, x.Date });
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
    }
}

internal sealed class SafetyBriefingConfiguration : IEntityTypeConfiguration<SafetyBriefing>
{
    public void Configure(EntityTypeBuilder<SafetyBriefing> b)
    {
        b.Property(x => x.Topic).HasMaxLength(500);
        b.HasIndex(x => new { x.ClassId, x.ClassDate });
        b.HasIndex(x => x.StudentId);
        b.HasOne<Student>().WithMany().HasForeignKey(x => x.StudentId);
        b.Ignore(x => x.JournalEntry);
    }
}

internal sealed class RemarkConfiguration : IEntityTypeConfiguration<Remark>
{
    public void Configure(EntityTypeBuilder<Remark> b)
    {
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasIndex(x => new { x.ClassId, x.WrittenOn });
        b.Ignore(x => x.IsOpen);
    }
}

internal sealed class CalendarPlanLineConfiguration : IEntityTypeConfiguration<CalendarPlanLine>
{
    public void Configure(EntityTypeBuilder<CalendarPlanLine> b)
    {
        b.Property(x => x.Topic).HasMaxLength(CalendarPlanLine.MaxTopicLength);
        b.Property(x => x.Section).HasMaxLength(CalendarPlanLine.MaxSectionLength);
        b.HasIndex(x => new { x.ClassId, x.SubjectId, x.GroupId, x.Number });
        b.HasIndex(x => new { x.SchoolYearId, x.SchoolId });
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId);
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId);
        b.HasOne<ClassGroup>().WithMany().HasForeignKey(x => x.GroupId);
    }
}
