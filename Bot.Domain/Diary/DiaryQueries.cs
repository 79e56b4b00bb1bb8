using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Diary;

/// <summary>
/// The read side of the journal for parents, students and class teachers: diary days and weeks, a class's and a
/// school's day for the evening digest, marks, attendance and the class teacher's week. Read-only (no tracking);
/// every query runs a fixed number of SQL commands whatever the number of students or classes, and returns plain
/// records that a chat reply or a web page renders. "Today" is the school's local date (its time zone).
/// Split by concern: <c>DiaryQueries.Days.cs</c>, <c>DiaryQueries.Marks.cs</c>, <c>DiaryQueries.Attendance.cs</c>,
/// <c>DiaryQueries.ClassTeacher.cs</c>.
/// </summary>
public sealed partial class DiaryQueries(JournalDbContext db, TimeProvider clock)
{
    /// <summary>Today in the school's time zone.</summary>
    private DateOnly TodayIn(School school) => SchoolTime.Today(clock, school.TimeZone);

    private Task<School> SchoolAsync(Guid schoolId, CancellationToken ct) =>
        db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);

    private async Task<Dictionary<Guid, SchoolYear>> YearsAsync(IEnumerable<Guid> yearIds, CancellationToken ct)
    {
        var ids = yearIds.Distinct().ToList();
        return await db.SchoolYears.AsNoTracking().Where(y => ids.Contains(y.Id)).ToDictionaryAsync(y => y.Id, ct);
    }

    /// <summary>A class with its school and year: three queries.</summary>
    private async Task<(SchoolClass Class, School School, SchoolYear Year)?> ClassAsync(Guid classId, CancellationToken ct)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (cls is null) return null;
        var school = await SchoolAsync(cls.SchoolId, ct);
        var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == cls.SchoolYearId, ct);
        return (cls, school, year);
    }

    /// <summary>The arithmetic mean rounded to 2 decimals, half away from zero; null for no values.</summary>
    internal static decimal? Average(IReadOnlyCollection<int> values) =>
        values.Count == 0 ? null : Math.Round(values.Sum() / (decimal)values.Count, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The expected "no"s of the diary, in Ukrainian.</summary>
public static class DiaryErrors
{
    public static readonly DomainError StudentNotFound = new("not_found", "Учня не знайдено.");

    public static readonly DomainError ClassNotFound = new("not_found", "Клас не знайдено.");

    public static readonly DomainError SchoolNotFound = new("not_found", "Школу не знайдено.");

    public static DomainError NotInClassOn(string student, DateOnly date) =>
        new("student.no_class", $"{student} не навчається в жодному класі на {date:dd.MM.yyyy}.");

    public static DomainError NotInClassInWeek(string student, DateOnly monday) =>
        new("student.no_class", $"{student} не навчається в жодному класі в тиждень з {monday:dd.MM.yyyy}.");

    public static DomainError NoSchoolYear(DateOnly date) =>
        new("year.none", $"На {date:dd.MM.yyyy} навчального року немає.");

    public static readonly DomainError WrongSemester = new("semester.number", "Семестр — це 1 або 2.");

    public static DomainError BadPeriod(DateOnly from, DateOnly to) =>
        new("period.dates", $"Період з {from:dd.MM.yyyy} по {to:dd.MM.yyyy} закінчується раніше, ніж починається.");
}
