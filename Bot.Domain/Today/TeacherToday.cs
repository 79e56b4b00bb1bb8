using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Today;

/// <summary>
/// One of a teacher's lessons on their first page: where and what (the timetable's cell with the day's change), and
/// what is recorded for it (J-6: the record, its topic, the roll call, the absent and the marks of that lesson).
/// <see cref="MayOpenGrid"/> is false for a lesson the teacher stands in for without teaching the page (the substitute
/// records it in the chat, J-9).
/// </summary>
public sealed record TeacherLesson(
    DateOnly Date, int Number, Guid ClassId, string ClassName, Guid SubjectId, Guid? GroupId, string Page, int? Semester,
    string? Change, bool IsSubstitution, Guid? LessonId, string? Topic, bool RollCallTaken, int Absent, int Marks, bool MayOpenGrid)
{
    public bool IsRecorded => LessonId is not null;

    public bool HasTopic => !string.IsNullOrWhiteSpace(Topic);
}

/// <summary>A teacher's day: today's lessons and the lessons of the last days held by the timetable with no record (J-7).</summary>
public sealed record TeacherTodayView(string SchoolName, DateOnly Today, bool IsSchoolDay, string? YearTitle, IReadOnlyList<TeacherLesson> Lessons,
    IReadOnlyList<TeacherLesson> Unrecorded)
{
    /// <summary>How many calendar days back the page looks for lessons left without a record.</summary>
    public const int LookbackDays = 7;
}

/// <summary>
/// Reads a teacher's first page ("Сьогодні") in a fixed number of queries, whatever the number of classes and lessons:
/// today by the school's clock, the school's timetable with the day's changes (their own lessons and those they stand in
/// for; not those cancelled, moved away or given to a substitute), each with its record, and the school days of the
/// last <see cref="TeacherTodayView.LookbackDays"/> days whose lessons have no record (J-7: recorded on the day held).
/// </summary>
public static class TeacherToday
{
    public static async Task<TeacherTodayView?> LoadAsync(JournalDbContext db, TimeProvider clock, Guid schoolId, Guid teacherId, CancellationToken ct = default)
    {
        var day = await HeldLessons.DayAsync(db, clock, schoolId, ct);
        if (day is null) return null;
        if (day.Year is not { } year) return new TeacherTodayView(day.School.Name, day.Today, false, null, [], []);
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToListAsync(ct);
        var dates = day.SchoolDaysBefore(TeacherTodayView.LookbackDays).Append(day.Today).ToList();
        var held = (await HeldLessons.LoadAsync(db, day, classes, dates, ct)).Where(h => h.Planned.TeacherId == teacherId).ToList();

        var todayIds = held.Where(h => h.Date == day.Today && h.Record is not null).Select(h => h.Record!.Id).ToList();
        var marks = todayIds.Count == 0 ? [] : await db.Marks.AsNoTracking().Where(m => m.LessonId != null && todayIds.Contains(m.LessonId.Value))
            .GroupBy(m => m.LessonId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var absent = todayIds.Count == 0 ? [] : await db.Absences.AsNoTracking().Where(a => todayIds.Contains(a.LessonId))
            .GroupBy(a => a.LessonId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => a.TeacherId == teacherId && a.SchoolId == schoolId).ToListAsync(ct);
        var title = await HeldLessons.TitlesAsync(db, held.Select(h => h.Planned), ct);
        var regularIds = held.Where(h => h.Planned.IsSubstitution && h.Planned.RegularTeacherId is not null).Select(h => h.Planned.RegularTeacherId!.Value).Distinct().ToList();
        var regulars = regularIds.Count == 0 ? [] : await db.Staff.AsNoTracking().Where(s => regularIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ShortName, ct);

        TeacherLesson Of(HeldLesson h)
        {
            var p = h.Planned;
            var change = p.IsSubstitution
                ? p.RegularTeacherId is { } r && r != teacherId ? regulars.TryGetValue(r, out var name) ? $"заміна; за розкладом — {name}" : "заміна" : null
                : DayChangeText.Note(p, h.Date, _ => null);
            var id = h.Record?.Id;
            return new TeacherLesson(h.Date, p.Number, h.Class.Id, h.Class.Name.ToString(), p.SubjectId, p.GroupId, title(p.SubjectId, p.GroupId),
                year.SemesterOf(h.Date), change, p.IsSubstitution && p.RegularTeacherId != teacherId, id, h.Record?.Topic, h.Record?.RollCallAtUtc is not null,
                id is { } a ? absent.GetValueOrDefault(a) : 0, id is { } m ? marks.GetValueOrDefault(m) : 0,
                assignments.Any(x => x.Covers(h.Class.Id, p.SubjectId, p.GroupId)));
        }

        return new TeacherTodayView(day.School.Name, day.Today, day.IsSchoolDay(day.Today), year.Title,
            held.Where(h => h.Date == day.Today).OrderBy(h => h.Planned.Number).Select(Of).ToList(),
            held.Where(h => h.Date < day.Today && h.Record is null).OrderByDescending(h => h.Date).ThenBy(h => h.Planned.Number).Select(Of).ToList());
    }
}
