using System.Text;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Bot.Tests.Journal;

/// <summary>
/// The calendar-thematic plan (docs/decisions/0050-calendar-plan.md) on a real SQLite database: a plan with a bad line imports
/// nothing and names the line; a good one (pasted, CSV in Windows-1251, XLSX) replaces the page's plan; the next topic is the
/// first line no lesson has taken, accepted on its day and refused ahead of it (J-7); the programme's progress; who may import.
/// </summary>
public sealed class CalendarPlanTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    private const string Plan = "1; Повторення: дроби; Вступ\n2; Раціональні числа; Розділ 1. Раціональні вирази\n3; Степінь з натуральним показником";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<T> With<T>(Func<CalendarPlanService, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(new CalendarPlanService(db, S.Journal(db), S.Clock));
    }

    private Task<Bot.Domain.Result<int>> ImportAsync(Staff by, PlanDraft draft, SchoolClass? cls = null, Subject? subject = null, Guid? group = null) =>
        With(p => p.ImportAsync(S.As(by), (cls ?? S.Class7A).Id, (subject ?? S.Algebra).Id, group, draft));

    private async Task<List<CalendarPlanLine>> StoredAsync()
    {
        await using var db = _database.NewContext();
        return await db.CalendarPlan.OrderBy(l => l.Number).ToListAsync();
    }

    [Fact]
    public async Task APlanWithABadLine_ImportsNothing_AndNamesTheLine()
    {
        (await ImportAsync(S.AlgebraTeacher, CalendarPlanFile.ReadText(Plan))).GetValueOrThrow();
        var before = await StoredAsync();

        var draft = CalendarPlanFile.ReadText("1; Лінійні рівняння\n2;  \n4; Системи рівнянь\nп'ять; Задачі");
        Assert.False(draft.CanImport);
        Assert.Equal(["Рядок 2: не вказано тему уроку.", "Рядок 3: номер 4, а за порядком має бути 3 (уроки нумеруються підряд від 1).",
            "Рядок 4: номер «п'ять» — не номер уроку (1, 2, 3…)."], draft.Problems.Select(p => p.Describe()));
        var refused = await ImportAsync(S.AlgebraTeacher, draft);

        Assert.False(refused.IsSuccess);
        Assert.StartsWith("План не завантажено, жодного рядка не записано. Рядок 2: не вказано тему уроку.", refused.Error!.Message);
        var after = await StoredAsync();
        Assert.Equal(before.Select(l => (l.Id, l.Topic)), after.Select(l => (l.Id, l.Topic))); // the old plan stands, whole
    }

    [Fact]
    public async Task AGoodPlan_FromPastedLines_A1251Csv_OrAnXlsx_ReplacesThePagesPlan()
    {
        var pasted = CalendarPlanFile.ReadText("№\tТема\tРозділ\n1\tПовторення: дроби\tВступ\n2\tРаціональні числа\n");
        Assert.True(pasted.CanImport);
        Assert.Equal(2, (await ImportAsync(S.AlgebraTeacher, pasted)).GetValueOrThrow());

        // Excel's "CSV" on a Ukrainian Windows: Windows-1251, ';'; a formula's protective apostrophe is taken off.
        var csv = CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes("№;Тема уроку;Розділ\r\n1;Вступ до алгебри;Розділ 1. Вирази\r\n2;'=a+b: тотожні вирази;\r\n3;Степінь;\r\n");
        var fromCsv = CalendarPlanFile.ReadFile(new MemoryStream(csv), "ктп.csv");
        Assert.True(fromCsv.CanImport, string.Join(" ", fromCsv.Problems.Select(p => p.Describe())) + fromCsv.Error);
        Assert.Equal(3, (await ImportAsync(S.Deputy, fromCsv)).GetValueOrThrow());
        var stored = await StoredAsync();
        Assert.Equal([(1, "Вступ до алгебри", "Розділ 1. Вирази"), (2, "=a+b: тотожні вирази", null), (3, "Степінь", null)],
            stored.Select(l => (l.Number, l.Topic, l.Section)));

        var xlsx = new MemoryStream();
        MiniExcel.SaveAs(xlsx, new[] { new Dictionary<string, object> { ["№"] = 1, ["Тема"] = "Функції", ["Розділ"] = "Розділ 2" } });
        xlsx.Position = 0;
        var fromXlsx = CalendarPlanFile.ReadFile(xlsx, "plan.xlsx");
        Assert.True(fromXlsx.CanImport, fromXlsx.Error);
        Assert.Equal(1, (await ImportAsync(S.AlgebraTeacher, fromXlsx)).GetValueOrThrow());
        Assert.Equal([(1, "Функції", "Розділ 2")], (await StoredAsync()).Select(l => (l.Number, l.Topic, l.Section)));

        // A file of another shape is refused whole, in words.
        var wrong = CalendarPlanFile.ReadFile(new MemoryStream(Encoding.UTF8.GetBytes("Клас;Тема\n7-А;Дроби\n")), "x.csv");
        Assert.Contains("немає стовпців «№»", wrong.Error);
        await using var db = _database.NewContext();
        Assert.Equal(3, await db.AuditRecords.CountAsync(a => a.EntityType == nameof(CalendarPlanLine)));
    }

    [Fact]
    public async Task TheNextTopic_IsAcceptedOnItsDay_AndRefusedAhead()
    {
        (await ImportAsync(S.AlgebraTeacher, CalendarPlanFile.ReadText(Plan))).GetValueOrThrow();
        var first = await With(p => p.NextAsync(S.Class7A.Id, S.Algebra.Id, null));
        Assert.Equal(new PlannedTopic(1, "Повторення: дроби", "Вступ"), first);

        // Ahead of its day (J-7): tomorrow's lesson is refused and nothing is written.
        var ahead = await With(p => p.AcceptAsync(S.As(S.AlgebraTeacher), S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today.AddDays(1), 2, 1));
        Assert.False(ahead.IsSuccess);
        Assert.Equal(JournalErrors.FutureDate(TestSchool.Today.AddDays(1)).Message, ahead.Error!.Message);
        await using (var db = _database.NewContext()) Assert.Equal(0, await db.Lessons.CountAsync());

        var held = (await With(p => p.AcceptAsync(S.As(S.AlgebraTeacher), S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, 1))).GetValueOrThrow();
        Assert.Equal(("Повторення: дроби", "Вступ", TestSchool.Today), (held.Topic, held.ThemeTitle, held.Date));
        Assert.Equal(2, (await With(p => p.NextAsync(S.Class7A.Id, S.Algebra.Id, null)))!.Number);
        var lines = await With(p => p.LinesAsync(S.Class7A.Id, S.Algebra.Id, null));
        Assert.Equal([TestSchool.Today, null, null], lines.Select(l => l.HeldOn));
        // Another teacher cannot write the plan's topic on this page.
        Assert.False((await With(p => p.AcceptAsync(S.As(S.EnglishTeacher), S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 3, 2))).IsSuccess);
    }

    [Fact]
    public async Task TheProgrammesProgress_CountsPlannedHeldAndTaken()
    {
        (await ImportAsync(S.AlgebraTeacher, CalendarPlanFile.ReadText(Plan))).GetValueOrThrow();
        await using (var db = _database.NewContext())
        {
            var journal = S.Journal(db);
            (await journal.RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today.AddDays(-1), 2, "Контрольна робота"))).GetValueOrThrow();
        }

        (await With(p => p.AcceptAsync(S.As(S.AlgebraTeacher), S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, 1))).GetValueOrThrow();
        var progress = await With(p => p.ProgressAsync(S.School.Id, S.Year.Id));
        var algebra = progress.Single(p => p.ClassId == S.Class7A.Id && p.SubjectId == S.Algebra.Id);
        Assert.Equal(("7-А", "Алгебра", 3, 2, 1), (algebra.ClassName, algebra.PageTitle, algebra.Planned, algebra.Held, algebra.FromPlan));
        var english = progress.Single(p => p.ClassId == S.Class7A.Id && p.SubjectId == S.English.Id);
        Assert.Equal((0, 0), (english.Planned, english.Held));
        Assert.Contains("(I група)", english.PageTitle);
    }

    [Fact]
    public async Task OnlyThePagesTeacherOrTheAdministration_Import_AndForgedIdsAreRefused()
    {
        var draft = CalendarPlanFile.ReadText(Plan);
        // The English teacher does not teach algebra; the algebra teacher does not teach 3-А's reading.
        var notTheirs = await ImportAsync(S.EnglishTeacher, draft);
        Assert.Equal("auth.plan", notTheirs.Error!.Code);
        Assert.Contains("вчитель, який веде цей предмет", notTheirs.Error.Message);
        Assert.Equal("auth.plan", (await ImportAsync(S.AlgebraTeacher, draft, S.Class3A, S.Reading)).Error!.Code);
        // Forged ids: a class, a subject or a group that is not there.
        Assert.Equal("not_found", (await With(p => p.ImportAsync(S.As(S.AlgebraTeacher), Guid.NewGuid(), S.Algebra.Id, null, draft))).Error!.Code);
        Assert.Equal("not_found", (await With(p => p.ImportAsync(S.As(S.AlgebraTeacher), S.Class7A.Id, Guid.NewGuid(), null, draft))).Error!.Code);
        Assert.Equal("not_found", (await With(p => p.ImportAsync(S.As(S.AlgebraTeacher), S.Class7A.Id, S.Algebra.Id, Guid.NewGuid(), draft))).Error!.Code);
        Assert.Empty(await StoredAsync());
        // The deputy imports for any page of the school.
        Assert.Equal(3, (await ImportAsync(S.Deputy, draft, S.Class3A, S.Reading)).GetValueOrThrow());
    }
}
