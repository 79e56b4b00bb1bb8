using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;

namespace Bot.Tests.Builders;

/// <summary>
/// Two schools in one installation (docs/architecture.md "Tenancy"): <see cref="A"/> in Kyiv, <see cref="B"/> seven hours ahead in
/// Tokyo — each the <see cref="TestSchool"/> — and a mother with a child in each: Іваненко Олег in A's 7-А (her guardian
/// record there is A's <see cref="TestSchool.IvanenkoMother"/>), Іваненко Софія in B's 7-А (<see cref="MotherInB"/>).
/// </summary>
public sealed class TwoSchools
{
    public const string FarZone = "Asia/Tokyo";

    public required TestSchool A { get; init; }
    public required TestSchool B { get; init; }
    public required Student Sofia { get; init; }
    public required Guardian MotherInB { get; init; }

    public static async Task<TwoSchools> CreateAsync(JournalDbContext db)
    {
        var a = await TestSchool.CreateAsync(db);
        var b = await TestSchool.CreateAsync(db, "Гімназія № 5 (тест)", FarZone);
        var sofia = new Student(b.School.Id, "Іваненко", "Софія");
        var mother = new Guardian(b.School.Id, "Іваненко", "Галина");
        db.AddRange(sofia, mother);
        db.Add(new Enrolment(b.School.Id, sofia.Id, b.Class7A.Id, b.Year.Semester1Start, 0, false));
        db.Add(new GuardianStudent(mother.Id, sofia.Id, "мати"));
        await db.SaveChangesAsync();
        return new TwoSchools { A = a, B = b, Sofia = sofia, MotherInB = mother };
    }

    /// <summary>Today's algebra lesson (the 2nd) in a school's 7-А with one mark, as its algebra teacher records it.</summary>
    public static async Task AlgebraMarkAsync(JournalDbContext db, TestSchool s, Student student, string mark, string topic, string homework)
    {
        var journal = s.Journal(db);
        var lesson = (await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, 2, topic,
            Homework: homework), notify: false)).GetValueOrThrow();
        (await journal.SetCellsAsync(Actor.System(), [new CellInput(student.Id, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, mark, lesson.Id)], notify: false))
            .GetValueOrThrow();
    }

    /// <summary>A fresh invite code for a person (as the panel or the verb prints it).</summary>
    public static async Task<string> InviteAsync(JournalDbContext db, TestSchool s, PersonKind kind, Guid personId) =>
        (await new InviteService(db, s.Clock, new LinkingSettings()).CreateAsync(Actor.System(), kind, personId)).GetValueOrThrow().Code;
}
