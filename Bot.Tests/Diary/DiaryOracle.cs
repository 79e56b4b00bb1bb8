using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Diary;

/// <summary>
/// The diary's expectations computed the simple way, straight from whole tables, with none of the production code's
/// helpers: the yardstick the queries are checked against.
/// </summary>
internal sealed class DiaryOracle
{
    public required List<Lesson> Lessons { get; init; }
    public required List<Mark> Marks { get; init; }
    public required List<Absence> Absences { get; init; }
    public required List<Enrolment> Enrolments { get; init; }
    public required List<GroupMembership> Memberships { get; init; }
    public required List<TimetableEntry> Timetable { get; init; }
    public required List<Subject> Subjects { get; init; }
    public required List<Student> Students { get; init; }

    public static async Task<DiaryOracle> LoadAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return new DiaryOracle
        {
            Lessons = await db.Lessons.AsNoTracking().ToListAsync(),
            Marks = await db.Marks.AsNoTracking().ToListAsync(),
            Absences = await db.Absences.AsNoTracking().ToListAsync(),
            Enrolments = await db.Enrolments.AsNoTracking().ToListAsync(),
            Memberships = await db.GroupMemberships.AsNoTracking().ToListAsync(),
            Timetable = await db.Timetable.AsNoTracking().ToListAsync(),
            Subjects = await db.Subjects.AsNoTracking().ToListAsync(),
            Students = await db.Students.AsNoTracking().ToListAsync(),
        };
    }

    private bool Sees(Guid studentId, Guid? groupId) =>
        groupId is null || Memberships.Any(m => m.GroupId == groupId && m.StudentId == studentId);

    private bool Enrolled(Guid studentId, Guid classId, DateOnly date) =>
        Enrolments.Any(e => e.StudentId == studentId && e.ClassId == classId && e.From <= date && (e.To is null || e.To >= date));

    /// <summary>Students of the class on the date, in no particular order.</summary>
    public IEnumerable<Guid> StudentsOn(Guid classId, DateOnly date) =>
        Enrolments.Where(e => e.ClassId == classId && e.From <= date && (e.To is null || e.To >= date)).Select(e => e.StudentId).Distinct();

    /// <summary>The lessons the student sees on the date: the class's and their groups' (J-5).</summary>
    public List<Lesson> LessonsOf(Guid studentId, Guid classId, DateOnly date) =>
        Lessons.Where(l => l.ClassId == classId && l.Date == date && Sees(studentId, l.GroupId)).OrderBy(l => l.Slot).ToList();

    public List<string> MarksOn(Guid studentId, Guid lessonId) =>
        Marks.Where(m => m.StudentId == studentId && m.LessonId == lessonId).Select(m => m.Value.Text).ToList();

    public string? AbsenceOn(Guid studentId, Guid lessonId) =>
        Absences.Where(a => a.StudentId == studentId && a.LessonId == lessonId).Select(a => AbsenceKinds.Text(a.Kind)).SingleOrDefault();

    public List<string> DatelessMarks(Guid studentId, DateOnly date) =>
        Marks.Where(m => m.StudentId == studentId && m.Date == date && m.LessonId is null).Select(m => $"{m.Column}:{m.Value.Text}").Order().ToList();

    /// <summary>
    /// Homework due on the date: for each page the student has on that weekday by the timetable, the homework of the
    /// page's last lesson before the date.
    /// </summary>
    public List<Guid> HomeworkDue(Guid studentId, Guid classId, DateOnly date)
    {
        var due = new List<Guid>();
        var pages = Timetable.Where(t => t.ClassId == classId && t.Day == date.DayOfWeek && Sees(studentId, t.GroupId))
            .Select(t => (t.SubjectId, t.GroupId)).Distinct();
        foreach (var (subjectId, groupId) in pages)
        {
            Lesson? previous = null;
            foreach (var l in Lessons)
            {
                if (l.ClassId != classId || l.SubjectId != subjectId || l.GroupId != groupId || l.Date >= date) continue;
                if (previous is null || l.Date > previous.Date || (l.Date == previous.Date && l.Slot > previous.Slot)) previous = l;
            }

            if (previous?.Homework is not null) due.Add(previous.Id);
        }

        return due.Order().ToList();
    }

    /// <summary>A-2, A-3: missed lessons and days ("н", "хв") of the student in the class over the period, counted by hand.</summary>
    public AttendanceTotals Attendance(Guid studentId, Guid classId, DateOnly from, DateOnly to)
    {
        if (Students.Single(s => s.Id == studentId).StudyMode == StudyMode.Individual) return default;
        int lessonsAbsent = 0, lessonsIll = 0, daysAbsent = 0, daysIll = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (!Enrolled(studentId, classId, d)) continue;
            var counted = LessonsOf(studentId, classId, d)
                .Where(l => Subjects.Single(s => s.Id == l.SubjectId).Kind != SubjectKind.Optional).ToList();
            var missed = counted.Select(l => Absences.SingleOrDefault(a => a.LessonId == l.Id && a.StudentId == studentId)).Where(a => a is not null).ToList();
            var absent = missed.Count(a => a!.Kind == AbsenceKind.Absent);
            var ill = missed.Count(a => a!.Kind == AbsenceKind.Ill);
            lessonsAbsent += absent;
            lessonsIll += ill;
            if (counted.Count > 0 && missed.Count == counted.Count)
            {
                if (absent > 0) daysAbsent++;
                else daysIll++;
            }
        }

        return new AttendanceTotals(lessonsAbsent, lessonsIll, daysAbsent, daysIll);
    }
}
