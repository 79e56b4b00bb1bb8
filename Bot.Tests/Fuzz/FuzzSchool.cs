using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Timetable;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Fuzz;

/// <summary>Who talks to the bot in a fuzz run: a name for the failure message, the invite's kind and person.</summary>
public sealed record FuzzPersona(string Name, PersonKind Kind, Guid PersonId, bool IsStaff);

/// <summary>
/// The fuzz's school: <see cref="TwoSchools"/> (so that ids of another school exist to forge), A's Friday timetable for every
/// teacher, and lessons to aim forged buttons at — the algebra teacher's own today (7-А, 11-А), another teacher's (English,
/// 7-А), another class's (3-А), a stale one (a fortnight back) and one in school B. The people who talk: a parent, a
/// student, a subject teacher and the class teacher of 7-А.
/// </summary>
public sealed class FuzzSchool
{
    public required TwoSchools Schools { get; init; }
    public required IReadOnlyList<FuzzPersona> Personas { get; init; }

    /// <summary>Ids a forger might paste into button data: lessons, students, timetable entries, classes, people, of both schools.</summary>
    public required IReadOnlyList<Guid> ForgeableIds { get; init; }

    public TestSchool A => Schools.A;

    public static async Task<FuzzSchool> CreateAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var two = await TwoSchools.CreateAsync(db);
        var a = two.A;
        db.AddRange(
            new TimetableEntry(a.School.Id, a.Class3A.Id, a.Reading.Id, DayOfWeek.Friday, 1, a.OtherTeacher.Id),
            new TimetableEntry(a.School.Id, a.Class7A.Id, a.English.Id, DayOfWeek.Friday, 3, a.EnglishTeacher.Id, a.EnglishGroup1.Id),
            new TimetableEntry(a.School.Id, a.Class7A.Id, a.Ukrainian.Id, DayOfWeek.Friday, 4, a.ClassTeacher.Id),
            new TimetableEntry(a.School.Id, a.Class11A.Id, a.Algebra.Id, DayOfWeek.Friday, 5, a.AlgebraTeacher.Id),
            new TimetableEntry(a.School.Id, a.Class7A.Id, a.Algebra.Id, DayOfWeek.Thursday, 2, a.AlgebraTeacher.Id));
        await db.SaveChangesAsync();

        await TwoSchools.AlgebraMarkAsync(db, a, a.Ivanenko, "8", "Лінійні рівняння", "§4, № 12");
        await TwoSchools.AlgebraMarkAsync(db, two.B, two.B.Ivanenko, "9", "Лінійні рівняння", "§4, № 12");
        var journal = a.Journal(db);
        (await journal.RecordLessonAsync(a.As(a.EnglishTeacher), new LessonInput(a.Class7A.Id, a.English.Id, a.EnglishGroup1.Id, TestSchool.Today, 3,
            "Present Simple"), notify: false)).GetValueOrThrow();
        (await journal.RecordLessonAsync(a.As(a.OtherTeacher), new LessonInput(a.Class3A.Id, a.Reading.Id, null, TestSchool.Today, 1,
            "Казка"), notify: false)).GetValueOrThrow();
        // A fortnight back (past the ten days a teacher may correct on their own, M-2).
        await journal.RecordLessonAsync(Actor.System(), new LessonInput(a.Class7A.Id, a.Algebra.Id, null, TestSchool.Today.AddDays(-15), 2,
            "Старий урок"), notify: false);

        // In an order that does not depend on the ids' values, so that a seed picks the same things every run.
        var first = a.School.Id;
        var ids = new List<Guid>();
        ids.AddRange((await db.Lessons.Select(l => new { l.Id, l.SchoolId, l.Date, l.Slot }).ToListAsync())
            .OrderBy(l => l.SchoolId != first).ThenBy(l => l.Date).ThenBy(l => l.Slot).Select(l => l.Id));
        ids.AddRange((await db.Timetable.Select(t => new { t.Id, t.SchoolId, t.Day, t.LessonNumber }).ToListAsync())
            .OrderBy(t => t.SchoolId != first).ThenBy(t => t.Day).ThenBy(t => t.LessonNumber).Select(t => t.Id));
        foreach (var s in new[] { a, two.B })
            ids.AddRange([
                s.Class7A.Id, s.Class3A.Id, s.Class11A.Id, s.Ivanenko.Id, s.Petrenko.Id, s.Sydorenko.Id, s.Outsider.Id, s.Primary.Id, s.Senior.Id,
                s.AlgebraTeacher.Id, s.EnglishTeacher.Id, s.ClassTeacher.Id, s.OtherTeacher.Id, s.IvanenkoMother.Id, s.Algebra.Id, s.English.Id,
            ]);
        ids.AddRange([two.Sofia.Id, two.MotherInB.Id]);

        return new FuzzSchool
        {
            Schools = two,
            Personas =
            [
                new("мати Іваненка", PersonKind.Guardian, a.IvanenkoMother.Id, false),
                new("учениця Петренко", PersonKind.Student, a.Petrenko.Id, false),
                new("вчителька алгебри", PersonKind.Staff, a.AlgebraTeacher.Id, true),
                new("класна керівниця 7-А", PersonKind.Staff, a.ClassTeacher.Id, true),
            ],
            ForgeableIds = ids,
        };
    }

    /// <summary>A fresh invite code for a persona (as the panel prints it).</summary>
    public async Task<string> InviteAsync(TestDatabase database, FuzzPersona persona)
    {
        await using var db = database.NewContext();
        return await TwoSchools.InviteAsync(db, A, persona.Kind, persona.PersonId);
    }
}
