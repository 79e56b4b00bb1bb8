using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Today;

/// <summary>A lesson's record as the first pages read it (J-6): enough to say what is recorded.</summary>
public sealed record LessonRecord(Guid Id, Guid ClassId, Guid SubjectId, Guid? GroupId, DateOnly Date, int Slot, string Topic, DateTime? RollCallAtUtc);

/// <summary>A lesson held by the school's timetable on a date (the day's changes applied), with its record if it has one.</summary>
public sealed record HeldLesson(SchoolClass Class, DateOnly Date, PlannedLesson Planned, LessonRecord? Record)
{
    public bool IsRecorded => Record is not null;
}

/// <summary>The school, its current year and the school-local date the first pages start from.</summary>
public sealed record SchoolDay(School School, SchoolYear? Year, DateOnly Today, DateTime LocalNow)
{
    public bool IsSchoolDay(DateOnly date) => Year?.IsSchoolDay(date) == true;

    /// <summary>The school days among the <paramref name="days"/> calendar days before today, latest first.</summary>
    public IEnumerable<DateOnly> SchoolDaysBefore(int days) =>
        Enumerable.Range(1, days).Select(i => Today.AddDays(-i)).Where(IsSchoolDay);
}

/// <summary>
/// The lessons a set of dates held by the timetable (ADR 0019: the weekly timetable with the day changes), matched with
/// their records the way the lesson-day reminder does: same class, number and subject, and the group when the cell has
/// one. Three queries for any number of classes and dates: the weekly timetable, the changes, the records.
/// </summary>
internal static class HeldLessons
{
    public static async Task<SchoolDay?> DayAsync(JournalDbContext db, TimeProvider clock, Guid schoolId, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return null;
        var local = SchoolTime.LocalNow(clock, school.TimeZone);
        var today = DateOnly.FromDateTime(local);
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == schoolId).ToListAsync(ct);
        return new SchoolDay(school, SchoolYears.Current(years, today), today, local);
    }

    public static async Task<List<HeldLesson>> LoadAsync(JournalDbContext db, SchoolDay day, IReadOnlyList<SchoolClass> classes,
        IReadOnlyCollection<DateOnly> dates, CancellationToken ct)
    {
        var schoolDates = dates.Where(day.IsSchoolDay).Distinct().ToList();
        if (schoolDates.Count == 0 || classes.Count == 0) return [];
        var from = schoolDates.Min();
        var to = schoolDates.Max();
        var classIds = classes.Select(c => c.Id).ToList();
        var weekly = await db.Timetable.AsNoTracking().Where(t => classIds.Contains(t.ClassId)).ToListAsync(ct);
        var changes = await TimetablePlans.ChangesAsync(db, day.School.Id, from, to, ct);
        var records = await db.Lessons.AsNoTracking()
            .Where(l => l.SchoolId == day.School.Id && l.Date >= from && l.Date <= to && classIds.Contains(l.ClassId))
            .Select(l => new LessonRecord(l.Id, l.ClassId, l.SubjectId, l.GroupId, l.Date, l.Slot, l.Topic, l.RollCallAtUtc))
            .ToListAsync(ct);
        var recordsOf = records.ToLookup(r => (r.ClassId, r.Date, r.Slot));
        var weeklyOf = weekly.ToLookup(t => t.ClassId);

        var held = new List<HeldLesson>();
        foreach (var date in schoolDates.Order())
        foreach (var cls in classes)
        foreach (var planned in DayPlan.Of(cls.Id, date, weeklyOf[cls.Id], changes).Held)
        {
            var record = recordsOf[(cls.Id, date, planned.Number)]
                .FirstOrDefault(r => r.SubjectId == planned.SubjectId && (planned.GroupId is null || r.GroupId == planned.GroupId));
            held.Add(new HeldLesson(cls, date, planned, record));
        }

        return held;
    }

    /// <summary>Page titles ("Англійська мова (I група)") of the lessons' subjects and groups: two queries.</summary>
    public static async Task<Func<Guid, Guid?, string>> TitlesAsync(JournalDbContext db, IEnumerable<PlannedLesson> lessons, CancellationToken ct)
    {
        var list = lessons.ToList();
        var subjectIds = list.Select(l => l.SubjectId).Distinct().ToList();
        var groupIds = list.Select(l => l.GroupId).OfType<Guid>().Distinct().ToList();
        var subjects = subjectIds.Count == 0 ? [] : await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var groups = groupIds.Count == 0 ? [] : await db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return (subject, group) => ClassGroup.PageTitle(subjects.GetValueOrDefault(subject, "?"), group is { } g ? groups.GetValueOrDefault(g) : null);
    }
}
