using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation.FamilyDays;

/// <summary>
/// Families and the one date parser (ADR 0036) on <see cref="DiaryWeek"/>'s two recorded weeks of 7-А (9–20 November
/// 2026): Іваненко Олег (a boy) with his mother, Петренко Марія (a girl, absent on 17 and 18 November) with hers, and
/// a grade 2 and a grade 4 class with a child each (Мельник Матвій, Коваль Дарина) and their mothers. Chats are linked
/// in the database with consent recorded, so that what is tested is the diary, not the welcome.
/// </summary>
public sealed class FamilyWorld
{
    private FamilyWorld(TestDatabase database, DiaryWeek week) => (Database, Week) = (database, week);

    public TestDatabase Database { get; }
    public DiaryWeek Week { get; }
    public TestSchool S => Week.S;
    public Guardian PetrenkoMother { get; private set; } = null!;
    public Student SecondGrader { get; private set; } = null!;
    public Guardian SecondGraderMother { get; private set; } = null!;
    public Student FourthGrader { get; private set; } = null!;
    public Guardian FourthGraderMother { get; private set; } = null!;

    public static async Task<FamilyWorld> CreateAsync()
    {
        var database = await TestDatabase.SqliteAsync();
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        var world = new FamilyWorld(database, await DiaryWeek.CreateAsync(database, s));
        await world.AddFamiliesAsync();
        return world;
    }

    private async Task AddFamiliesAsync()
    {
        await using (var db = Database.NewContext())
        {
            (await db.Students.SingleAsync(x => x.Id == S.Ivanenko.Id)).SetSex(Sex.Male);
            (await db.Students.SingleAsync(x => x.Id == S.Petrenko.Id)).SetSex(Sex.Female);
            PetrenkoMother = new Guardian(S.School.Id, "Петренко", "Ольга");
            db.Add(PetrenkoMother);
            db.Add(new GuardianStudent(PetrenkoMother.Id, S.Petrenko.Id, "мати"));

            var c2 = new SchoolClass(S.School.Id, S.Year.Id, ClassName.Parse("2-Б").Value);
            var c4 = new SchoolClass(S.School.Id, S.Year.Id, ClassName.Parse("4-Б").Value);
            SecondGrader = new Student(S.School.Id, "Мельник", "Матвій", sex: Sex.Male);
            FourthGrader = new Student(S.School.Id, "Коваль", "Дарина", sex: Sex.Female);
            SecondGraderMother = new Guardian(S.School.Id, "Мельник", "Ірина");
            FourthGraderMother = new Guardian(S.School.Id, "Коваль", "Тетяна");
            db.AddRange(c2, c4, SecondGrader, FourthGrader, SecondGraderMother, FourthGraderMother);
            db.Add(new Enrolment(S.School.Id, SecondGrader.Id, c2.Id, S.Year.Semester1Start, 0, false));
            db.Add(new Enrolment(S.School.Id, FourthGrader.Id, c4.Id, S.Year.Semester1Start, 0, false));
            db.Add(new GuardianStudent(SecondGraderMother.Id, SecondGrader.Id, "мати"));
            db.Add(new GuardianStudent(FourthGraderMother.Id, FourthGrader.Id, "мати"));
            db.Add(new TeachingAssignment(S.School.Id, S.OtherTeacher.Id, c2.Id, S.Reading.Id));
            db.Add(new TeachingAssignment(S.School.Id, S.OtherTeacher.Id, c4.Id, S.Reading.Id));
            await db.SaveChangesAsync();
        }

        var second = await LessonAsync(SecondGrader, new DateOnly(2026, 11, 18), "Казка «Колобок»");
        await CellAsync(SecondGrader, second, "сформовано");
        var fourth = await LessonAsync(FourthGrader, new DateOnly(2026, 11, 18), "Байка");
        await CellAsync(FourthGrader, fourth, "Д");
        var fourthNext = await LessonAsync(FourthGrader, new DateOnly(2026, 11, 19), "Вірш");
        await CellAsync(FourthGrader, fourthNext, "н");
    }

    private async Task<Lesson> LessonAsync(Student student, DateOnly date, string topic)
    {
        await using var db = Database.NewContext();
        var classId = await db.Enrolments.Where(e => e.StudentId == student.Id).Select(e => e.ClassId).SingleAsync();
        return (await S.Journal(db).RecordLessonAsync(Actor.System(), new LessonInput(classId, S.Reading.Id, null, date, 1, topic), notify: false)).GetValueOrThrow();
    }

    private async Task CellAsync(Student student, Lesson lesson, string text)
    {
        await using var db = Database.NewContext();
        (await S.Journal(db).SetCellsAsync(Actor.System(), [new CellInput(student.Id, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, text, LessonId: lesson.Id)],
            notify: false)).GetValueOrThrow();
    }

    /// <summary>Links the guardian's chat (a Telegram chat id) with consent recorded.</summary>
    public async Task LinkAsync(Guardian guardian, string chat)
    {
        await using var db = Database.NewContext();
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, guardian.Id, long.Parse(chat));
        db.Consents.Add(new Consent(S.School.Id, guardian.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
        await db.SaveChangesAsync();
    }

    public static string All(IReadOnlyList<ChatReply> replies) => string.Join("\n", replies.Select(r => r.Text));
}
