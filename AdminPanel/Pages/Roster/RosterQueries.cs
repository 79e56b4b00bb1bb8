using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Roster;

/// <summary>Reads the roster pages share: the school's current year and its classes, a person's classes.</summary>
public static class RosterQueries
{
    /// <summary>The year that contains today, else the latest one.</summary>
    public static async Task<SchoolYear?> CurrentYearAsync(JournalDbContext db, School school, TimeProvider clock, CancellationToken ct)
    {
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct);
        return SchoolYears.Current(years, SchoolTime.Today(clock, school.TimeZone)) ?? years.OrderByDescending(y => y.Semester1Start).FirstOrDefault();
    }

    public static async Task<List<SchoolClass>> ClassesAsync(JournalDbContext db, Guid yearId, CancellationToken ct) =>
        (await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == yearId).ToListAsync(ct)).OrderBy(c => c.Name.SortKey, StringComparer.Ordinal).ToList();

    /// <summary>The year's classes the signed-in person may see (the administration: all; a class teacher: theirs), in order.</summary>
    public static async Task<List<SchoolClass>> VisibleClassesAsync(JournalDbContext db, Guid yearId, Access.PanelUser user, CancellationToken ct) =>
        (await ClassesAsync(db, yearId, ct)).Where(user.MaySee).ToList();

    /// <summary>The classes a student is or was enrolled in.</summary>
    public static Task<List<SchoolClass>> ClassesOfStudentAsync(JournalDbContext db, Guid studentId, CancellationToken ct) =>
        db.Enrolments.AsNoTracking().Where(e => e.StudentId == studentId).Join(db.Classes, e => e.ClassId, c => c.Id, (e, c) => c).Distinct().ToListAsync(ct);

    /// <summary>The classes the children of a guardian are or were enrolled in.</summary>
    public static Task<List<SchoolClass>> ClassesOfGuardianAsync(JournalDbContext db, Guid guardianId, CancellationToken ct)
    {
        var children = db.GuardianStudents.Where(l => l.GuardianId == guardianId).Select(l => l.StudentId);
        return db.Enrolments.AsNoTracking().Where(e => children.Contains(e.StudentId)).Join(db.Classes, e => e.ClassId, c => c.Id, (e, c) => c).Distinct().ToListAsync(ct);
    }
}
