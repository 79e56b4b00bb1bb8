using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Timetable;

/// <summary>Reads the weekly timetable and the day changes and plans days (<see cref="DayPlan"/>): two queries for any number of classes.</summary>
public static class TimetablePlans
{
    /// <summary>The school's changes that alter any date from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Task<List<DayChange>> ChangesAsync(JournalDbContext db, Guid schoolId, DateOnly from, DateOnly to, CancellationToken ct) =>
        db.DayChanges.AsNoTracking()
            .Where(c => c.SchoolId == schoolId && ((c.Date >= from && c.Date <= to) || (c.ToDate != null && c.ToDate >= from && c.ToDate <= to)))
            .ToListAsync(ct);

    /// <summary>Each given class's day on a date.</summary>
    public static async Task<Dictionary<Guid, DayPlan>> DaysAsync(JournalDbContext db, Guid schoolId, IReadOnlyCollection<Guid> classIds, DateOnly date,
        CancellationToken ct)
    {
        var ids = classIds.ToList();
        var weekday = date.DayOfWeek;
        var weekly = await db.Timetable.AsNoTracking().Where(t => ids.Contains(t.ClassId) && t.Day == weekday).ToListAsync(ct);
        var changes = await ChangesAsync(db, schoolId, date, date, ct);
        var byClass = weekly.ToLookup(t => t.ClassId);
        return ids.ToDictionary(id => id, id => DayPlan.Of(id, date, byClass[id], changes));
    }

    public static async Task<DayPlan> DayAsync(JournalDbContext db, Guid schoolId, Guid classId, DateOnly date, CancellationToken ct) =>
        (await DaysAsync(db, schoolId, [classId], date, ct))[classId];

    /// <summary>
    /// Where a teacher is at a lesson number on a date, by every class's plan of the school's classes of that year:
    /// the class and the lesson, or null when free. <paramref name="except"/> skips one lesson (the one being changed).
    /// </summary>
    public static async Task<(Guid ClassId, PlannedLesson Lesson)?> BusyAsync(JournalDbContext db, Guid schoolId, Guid yearId, Guid teacherId, DateOnly date,
        int number, Func<Guid, PlannedLesson, bool>? except, CancellationToken ct)
    {
        var classIds = await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == yearId).Select(c => c.Id).ToListAsync(ct);
        var plans = await DaysAsync(db, schoolId, classIds, date, ct);
        foreach (var (classId, plan) in plans)
        foreach (var lesson in plan.Held.Where(l => l.Number == number && l.TeacherId == teacherId))
            if (except is null || !except(classId, lesson))
                return (classId, lesson);
        return null;
    }
}
