using System.Diagnostics;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Demo;

/// <summary>
/// A deterministic, realistic Ukrainian school for demonstrations, tests and benchmarks: 33 classes of grades 1–11,
/// about 600 students with their families, some 50 staff, the curriculum, the timetable, and the journal of every
/// school day of the year up to the day of seeding — written through <see cref="Journal.JournalService"/> by the
/// teachers themselves, so every entry passed the journal's rules and is in the audit trail. The same day of seeding
/// gives the same school (identifiers aside); seeding a database that has it already does nothing.
/// </summary>
public static class DemoSchool
{
    public const string SchoolName = "Демонстраційний ліцей № 1";

    /// <summary>The largest <see cref="DemoSchoolOptions.Scale"/>: classes are named with one letter each.</summary>
    public const int MaxScale = RosterGenerator.MaxScale;

    public static async Task<DemoSummary> SeedAsync(JournalDbContext db, DemoSchoolOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Scale < 1 || options.Scale > MaxScale)
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, $"Scale is 1 to {MaxScale}.");
        if (options.DaysBack is < 0) throw new ArgumentOutOfRangeException(nameof(options), options.DaysBack, "DaysBack cannot be negative.");

        var existing = await db.Schools.AsNoTracking().Where(s => s.IsDemo).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) return await SummarizeAsync(db, id, alreadySeeded: true, TimeSpan.Zero, ct);

        var watch = Stopwatch.StartNew();
        var yearStart = DemoCalendar.YearStartFor(options.Today);
        var seed = yearStart * 100 + options.Scale;
        var school = new School(SchoolName, options.TimeZone, "Демо-ліцей");
        school.MarkAsDemo();
        var year = DemoCalendar.CreateYear(school.Id, yearStart);
        var last = options.Today < year.EndsOn ? options.Today : year.EndsOn;
        var first = options.DaysBack is { } back && options.Today.AddDays(-back) > year.StartsOn ? options.Today.AddDays(-back) : year.StartsOn;
        var days = DemoCalendar.SchoolDays(year, first, last);

        var roster = RosterGenerator.Generate(school, year, seed, options.Scale, days, options.Today);
        var clock = new SteppingClock(school.TimeZone);
        clock.MoveTo(year.StartsOn.AddDays(-1), new TimeOnly(12, 0));

        // One connection for the whole seeding; on SQLite with a page cache that holds the growing indexes.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db is SqliteJournalDbContext) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -131072;", ct);
            await RosterWriter.SaveAsync(db, roster, clock, ct);
            await new JournalFiller(db, roster, clock, days, options.Today, options.TimeOfDay).FillAsync(ct);
            return await SummarizeAsync(db, school.Id, alreadySeeded: false, watch.Elapsed, ct);
        }
        finally
        {
            if (db is SqliteJournalDbContext) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DemoSummary> SummarizeAsync(JournalDbContext db, Guid schoolId, bool alreadySeeded, TimeSpan elapsed, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var year = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == schoolId).OrderByDescending(y => y.Semester1Start).FirstAsync(ct);
        return new DemoSummary(
            alreadySeeded,
            school.Name,
            year.Title,
            await db.Classes.CountAsync(c => c.SchoolYearId == year.Id, ct),
            await db.Students.CountAsync(s => s.SchoolId == schoolId, ct),
            await db.Guardians.CountAsync(g => g.SchoolId == schoolId, ct),
            await db.Staff.CountAsync(s => s.SchoolId == schoolId, ct),
            await db.Subjects.CountAsync(s => s.SchoolId == schoolId, ct),
            await db.Lessons.CountAsync(l => l.SchoolId == schoolId, ct),
            await db.Marks.CountAsync(m => m.SchoolId == schoolId, ct),
            await db.Absences.CountAsync(a => a.SchoolId == schoolId, ct),
            await db.AuditRecords.LongCountAsync(r => r.SchoolId == schoolId, ct),
            elapsed);
    }
}
