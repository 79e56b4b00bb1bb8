using Bot.Domain;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Printing;

/// <summary>
/// The test school's 7-А and 11-А with a few days of journal written through JournalService and ClassLogService: algebra
/// lessons with a theme title, a topic longer than its column and homework, a substitute lesson (J-9), marks, "н" and "хв",
/// a thematic mark, English for group I (J-5), an excursion (J-11), a briefing with an absent student (J-12), a remark with
/// its answer (J-13), and for 11-А semester marks in algebra and geometry (M-9).
/// </summary>
public sealed class PrintScenario : IAsyncDisposable
{
    public const string LongTopic =
        "Розв'язування систем лінійних рівнянь із двома змінними способом підстановки та способом додавання; застосування до задач на рух і на спільну роботу";

    public required TestDatabase Database { get; init; }
    public required TestSchool S { get; init; }

    public static async Task<PrintScenario> CreateAsync(TestDatabase? database = null)
    {
        database ??= await TestDatabase.SqliteAsync();
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        var scenario = new PrintScenario { Database = database, S = s };
        await scenario.WriteAsync();
        return scenario;
    }

    private async Task<T> Journal<T>(Func<JournalService, Task<Result<T>>> work)
    {
        await using var db = Database.NewContext();
        return (await work(S.Journal(db))).GetValueOrThrow();
    }

    private async Task<T> Logs<T>(Func<ClassLogService, Task<Result<T>>> work)
    {
        await using var db = Database.NewContext();
        return (await work(new ClassLogService(db, S.Clock))).GetValueOrThrow();
    }

    private Task<Lesson> LessonAsync(Staff by, Subject subject, DateOnly date, string topic, string? theme = null, string? homework = null,
        Guid? group = null, bool substitute = false) =>
        Journal(j => j.RecordLessonAsync(S.As(by), new LessonInput(S.Class7A.Id, subject.Id, group, date, 2, topic, theme, homework, substitute)));

    private Task<CellChange> CellAsync(Staff by, Student student, Lesson lesson, string text) =>
        Journal(j => j.SetCellAsync(S.As(by), new CellInput(student.Id, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, text, LessonId: lesson.Id)));

    /// <summary>
    /// A dateless mark; a semester mark on a clock of its own standing in the semester's window (14.12.2026, M-6, ADR 0033),
    /// so that the school's clock stays on 20 November for the prints.
    /// </summary>
    private async Task<CellChange> FinalAsync(Staff by, Student student, SchoolClass cls, Subject subject, MarkColumn column, string text)
    {
        if (!Bot.Domain.Grading.PeriodMarkWindows.HasWindow(column))
            return await Journal(j => j.SetCellAsync(S.As(by), new CellInput(student.Id, cls.Id, subject.Id, column, text)));
        await using var db = Database.NewContext();
        var inWindow = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));
        return (await new JournalService(db, inWindow, new JournalSettings()).SetCellAsync(S.As(by), new CellInput(student.Id, cls.Id, subject.Id, column, text)))
            .GetValueOrThrow();
    }

    private async Task WriteAsync()
    {
        var t = S.AlgebraTeacher;
        var a1 = await LessonAsync(t, S.Algebra, new(2026, 11, 16), "Системи рівнянь. Основні поняття", "Тема 3. Системи лінійних рівнянь", "§ 12, № 301, 305");
        var a2 = await LessonAsync(t, S.Algebra, new(2026, 11, 18), LongTopic, homework: "§ 13, № 320–324 (письмово)");
        var a3 = await LessonAsync(S.OtherTeacher, S.Algebra, new(2026, 11, 19), "Розв'язування задач", homework: "№ 330", substitute: true);
        await CellAsync(t, S.Ivanenko, a1, "10");
        await CellAsync(t, S.Petrenko, a1, "7");
        await CellAsync(t, S.Sydorenko, a1, "н");
        await CellAsync(t, S.Ivanenko, a2, "11");
        await CellAsync(t, S.Sydorenko, a2, "хв");
        await CellAsync(t, S.Newcomer, a2, "8");
        await CellAsync(t, S.Petrenko, a3, "9");
        await FinalAsync(t, S.Ivanenko, S.Class7A, S.Algebra, MarkColumn.Thematic, "10");

        var e1 = await LessonAsync(S.EnglishTeacher, S.English, new(2026, 11, 17), "Present Perfect: revision", homework: "p. 47, ex. 3", group: S.EnglishGroup1.Id);
        await CellAsync(S.EnglishTeacher, S.Petrenko, e1, "12");

        await Logs(l => l.AddExcursionAsync(S.As(S.ClassTeacher), S.Class7A.Id, new(2026, 11, 13), "екскурсія", "Музей історії міста", null, S.ClassTeacher.Id));
        await Logs(l => l.RecordBriefingAsync(S.As(S.ClassTeacher), S.Class7A.Id, BriefingKind.Introductory, "Правила поведінки в школі", new(2026, 9, 1),
            new Dictionary<Guid, DateOnly> { [S.Sydorenko.Id] = new(2026, 9, 3) }));
        var remark = await Logs(l => l.WriteRemarkAsync(S.As(S.Deputy), S.Class7A.Id, S.Algebra.Id, S.AlgebraTeacher.Id, "Не записано домашнє завдання за 12.11."));
        await Logs(l => l.AnswerRemarkAsync(S.As(S.AlgebraTeacher), remark.Id, RemarkResponse.Done));

        await FinalAsync(t, S.Senior, S.Class11A, S.Algebra, MarkColumn.Semester1, "9");
        await FinalAsync(t, S.Senior, S.Class11A, S.Geometry, MarkColumn.Semester1, "10");
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
