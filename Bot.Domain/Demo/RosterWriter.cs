using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Domain.Timetable;

namespace Bot.Domain.Demo;

/// <summary>Stores the generated school in one transaction, with one audit record that says what was created and by whom.</summary>
internal static class RosterWriter
{
    public static async Task SaveAsync(JournalDbContext db, DemoRoster roster, SteppingClock clock, CancellationToken ct)
    {
        var schoolId = roster.School.Id;
        db.AddRange(roster.School, roster.Year);
        db.AddRange(DemoCalendar.CreateBells(schoolId));
        db.AddRange(roster.Subjects.Select(s => s.Entity));
        // N-6: the year's groups of learning outcomes of the НУШ subjects, as a school starts with them.
        db.AddRange(roster.Subjects.SelectMany(s => Grading.ResultGroupCatalogue.NewRows(schoolId, roster.Year.Id, s.Entity)));
        // N-20: the educational fields of grades 1–2 with their expected learning outcomes.
        db.AddRange(Grading.LearningOutcomeCatalogue.NewRows(schoolId, roster.Year.Id, roster.Subjects.Select(s => s.Entity)));
        db.AddRange(roster.Staff.Select(s => s.Entity));
        db.AddRange(roster.Classes.Select(c => c.Entity));
        db.AddRange(roster.Pages.Where(p => p.Group is not null).Select(p => p.Group!));
        db.AddRange(roster.Students.Select(s => s.Entity));
        db.AddRange(roster.Students.Select(s => s.Enrolment));
        db.AddRange(roster.Guardians);
        db.AddRange(roster.Links);
        db.AddRange(roster.Consents);
        db.AddRange(roster.Pages.Select(p => new Roster.TeachingAssignment(schoolId, p.Teacher.Entity.Id, p.Class.Entity.Id, p.Subject.Entity.Id, p.Group?.Id)));
        foreach (var cls in roster.Classes)
            for (var d = 0; d < cls.Week.GetLength(0); d++)
                for (var n = 1; n < cls.Week.GetLength(1); n++)
                    db.AddRange(cls.Week[d, n].Select(p => new TimetableEntry(schoolId, cls.Entity.Id, p.Subject.Entity.Id, (DayOfWeek)(d + 1), n, p.Teacher.Entity.Id, p.Group?.Id)));

        db.Audit(new AuditRecord(schoolId, clock.GetUtcNow().UtcDateTime, null, "Демонстраційні дані", Channel.System, nameof(Schools.School), schoolId,
            AuditAction.Created, null,
            $"класів: {roster.Classes.Count}, учнів: {roster.Students.Count}, батьків і опікунів: {roster.Guardians.Count}, працівників: {roster.Staff.Count}",
            null, $"{roster.School.Name} · {roster.Year.Title}"));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }
}
