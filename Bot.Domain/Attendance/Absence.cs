using Bot.Domain.Grading;

namespace Bot.Domain.Attendance;

/// <summary>
/// A student's absence from a lesson: "н" or "хв". Dates and class are copied from the lesson so the
/// attendance summaries read one table.
/// </summary>
public sealed class Absence : SchoolEntity
{
    private Absence() { }

    internal Absence(Guid schoolId, Guid lessonId, Guid studentId, Guid classId, Guid subjectId, DateOnly date, AbsenceKind kind, Guid authorId, DateTime nowUtc)
    {
        SchoolId = schoolId;
        LessonId = lessonId;
        StudentId = studentId;
        ClassId = classId;
        SubjectId = subjectId;
        Date = date;
        Kind = kind;
        CreatedById = UpdatedById = authorId;
        CreatedAtUtc = UpdatedAtUtc = nowUtc;
    }

    public Guid LessonId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid ClassId { get; private set; }
    public Guid SubjectId { get; private set; }
    public DateOnly Date { get; private set; }
    public AbsenceKind Kind { get; private set; }
    public Guid CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public Guid UpdatedById { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    internal void Change(AbsenceKind kind, Guid by, DateTime nowUtc)
    {
        Kind = kind;
        UpdatedById = by;
        UpdatedAtUtc = nowUtc;
    }
}
