using Bot.Domain;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Journal.Grid;
using Bot.Domain.Printing;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Printing;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Journal;

/// <summary>
/// The primary grades by the current orders (docs/rules.md N-13, N-14): a 3rd grade's subject records a semester result,
/// a level П/С/Д/В, in the grid's "І семестр" column and on paper (the subject's page, the summary and the report card,
/// read back with pdftotext); the school switches a subject to verbal assessment for grades 3–4 (audited) and its levels
/// are refused in Ukrainian while "сформовано" is taken; a 2nd grade's grid and printed journal have no semester column.
/// On SQLite and PostgreSQL (the subject's new setting and the journal's reads).
/// </summary>
public abstract class PrimaryGradesTests : IAsyncLifetime
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private SchoolClass _class2 = null!;
    private Student _secondGrader = null!;

    // Semester I's window of the test school (its last 14 days): semester results may be written.
    private static readonly DateTimeOffset InTheWindow = new(2026, 12, 14, 8, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        _class2 = new SchoolClass(S.School.Id, S.Year.Id, ClassName.Parse("2-А").Value);
        _secondGrader = new Student(S.School.Id, "Оліфіренко", "Марта");
        db.AddRange(_class2, _secondGrader);
        db.Add(new Enrolment(S.School.Id, _secondGrader.Id, _class2.Id, S.Year.Semester1Start, 0, false));
        db.Add(new TeachingAssignment(S.School.Id, S.OtherTeacher.Id, _class2.Id, S.Reading.Id));
        await db.SaveChangesAsync();
        S.Clock.SetUtcNow(InTheWindow);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<Result<CellChange>> SetAsync(Student student, SchoolClass cls, MarkColumn column, string text)
    {
        await using var db = _database.NewContext();
        return await S.Journal(db).SetCellAsync(S.As(S.OtherTeacher), new CellInput(student.Id, cls.Id, S.Reading.Id, column, text));
    }

    private async Task<JournalGrid> GridAsync(SchoolClass cls, GridPeriod period)
    {
        await using var db = _database.NewContext();
        return (await new JournalGridQuery(db, S.Clock).LoadAsync(cls.Id, S.Reading.Id, null, period))!;
    }

    private async Task<ClassJournal> JournalAsync(Guid classId, string period)
    {
        await using var db = _database.NewContext();
        return (await new DiaryQueries(db, S.Clock).ClassJournalAsync(classId, period)).GetValueOrThrow();
    }

    [Fact]
    public async Task ThirdGrade_SemesterLevel_InTheGrid_AndOnPaper_SecondGrade_HasNoSemesterColumn_N13_N14()
    {
        var grid3 = await GridAsync(S.Class3A, GridPeriod.Semester1);
        Assert.Contains(grid3.Columns, c => c.Column == MarkColumn.Semester1);
        Assert.DoesNotContain(grid3.Columns, c => c.Column is MarkColumn.Corrected1 or MarkColumn.Thematic);
        Assert.Null(grid3.ClosedWindow(MarkColumn.Semester1));
        Assert.Equal(GradeScale.Levels, grid3.Scale);
        Assert.True((await SetAsync(S.Primary, S.Class3A, MarkColumn.Semester1, "д")).IsSuccess);
        grid3 = await GridAsync(S.Class3A, GridPeriod.Semester1);
        Assert.Equal("Д", grid3.Cells[(S.Primary.Id, nameof(MarkColumn.Semester1))].Text);

        var grid2 = await GridAsync(_class2, GridPeriod.Year);
        Assert.DoesNotContain(grid2.Columns, c => c.Column is MarkColumn.Semester1 or MarkColumn.Semester2 or MarkColumn.Thematic or MarkColumn.Notebook);
        Assert.Contains(grid2.Columns, c => c.Column == MarkColumn.Annual);
        var refused = await SetAsync(_secondGrader, _class2, MarkColumn.Semester1, "сформовано");
        Assert.Equal("У 2 класі колонки «І семестр» немає: у 1–2 класах ставлять лише поточні оцінки та річний результат.", refused.Error!.Message);

        // On paper: the subject's page has the "І семестр" column with the level, the summary and the report card too.
        var journal = await JournalAsync(S.Class3A.Id, "semester1");
        var reading = Assert.Single(journal.Pages);
        Assert.Equal(["І семестр"], reading.Columns.Select(c => c.Title));
        using (var pdf = new PdfFile(ClassJournalPdf.Render(journal, TestSchool.Now)))
        {
            var left = await ClassJournalPdfTests.LayoutTextAsync(pdf, 3);
            Assert.Contains("Літературне читання", left);
            Assert.Contains("І семестр", left);
            Assert.Equal("Д", Tokens(Line(left, "Ґудзь Олена"))[^1]);
            var all = await pdf.PageCountAsync();
            var rest = string.Join("\n", await Task.WhenAll(Enumerable.Range(4, all - 3).Select(p => ClassJournalPdfTests.LayoutTextAsync(pdf, p))));
            var summary = rest[rest.IndexOf("Зведений облік навчальних досягнень", StringComparison.Ordinal)..];
            Assert.Contains("І семестр", summary);
            Assert.Equal("Д", Tokens(Line(summary, "Ґудзь Олена"))[^1]);
            var card = rest[rest.IndexOf("Табель навчальних досягнень", StringComparison.Ordinal)..];
            Assert.Equal("Д", Tokens(Line(card, "Літературне читання"))[^1]);
        }

        // The 2nd grade's printed journal: its reading page and summary have no semester column.
        await using (var db = _database.NewContext())
        {
            var journal2 = S.Journal(db);
            var lesson = (await journal2.RecordLessonAsync(S.As(S.OtherTeacher),
                new LessonInput(_class2.Id, S.Reading.Id, null, new DateOnly(2026, 12, 14), 1, "Казка «Рукавичка»"))).GetValueOrThrow();
            (await journal2.SetCellAsync(S.As(S.OtherTeacher), new CellInput(_secondGrader.Id, _class2.Id, S.Reading.Id, MarkColumn.Current, "сф",
                LessonId: lesson.Id))).GetValueOrThrow();
        }
        var second = await JournalAsync(_class2.Id, "semester1");
        Assert.DoesNotContain(Assert.Single(second.Pages).Columns, c => c.Column is MarkColumn.Semester1 or MarkColumn.Semester2);
        Assert.Empty(ClassJournalPdf.SummaryColumns(second));
        using (var pdf = new PdfFile(ClassJournalPdf.Render(second, TestSchool.Now)))
        {
            var text = await pdf.TextAsync();
            Assert.Contains("Оліфіренко Марта", text);
            // Attendance keeps its semester totals; the summary of achievements and the report card have no semester column.
            var results = text[text.IndexOf("Зведений облік навчальних досягнень", StringComparison.Ordinal)..];
            Assert.Contains("Табель навчальних досягнень", results);
            Assert.DoesNotContain("І семестр", results, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ASubjectSwitchedToVerbal_InGrade3_RefusesLevels_AndTakesFormed_TheSwitchAudited_N14()
    {
        await using (var db = _database.NewContext())
        {
            var setup = new TeachingSetupService(db, S.Clock);
            (await setup.UpdateSubjectAsync(S.As(S.Deputy), S.School.Id, S.Reading.Id,
                new SubjectInput(S.Reading.Name, SubjectKind.Regular, S.Reading.Traits with { IsVerbalInGrades3To4 = true }, null))).GetValueOrThrow();
        }

        var level = await SetAsync(S.Primary, S.Class3A, MarkColumn.Semester1, "Д");
        Assert.Equal("«Д» не підходить: у 3 класі цей предмет оцінюють вербально, ставлять лише «сформовано».", level.Error!.Message);
        Assert.True((await SetAsync(S.Primary, S.Class3A, MarkColumn.Semester1, "сф")).IsSuccess);
        Assert.Equal(GradeScale.Verbal, (await GridAsync(S.Class3A, GridPeriod.Semester1)).Scale);

        await using (var db = _database.NewContext())
        {
            Assert.Equal("сформовано", (await db.Marks.SingleAsync()).Value.Text);
            Assert.True((await db.Subjects.SingleAsync(s => s.Id == S.Reading.Id)).IsVerbalInGrades3To4);
            var audit = await db.AuditRecords.Where(a => a.EntityId == S.Reading.Id).ToListAsync();
            Assert.Contains(audit, a => a.NewValue != null && a.NewValue.Contains("3–4 класи: вербальне оцінювання", StringComparison.Ordinal)
                && a.OldValue != null && !a.OldValue.Contains("вербальне", StringComparison.Ordinal));
        }

        // Grades 5–11 keep their points whatever the primary grades' choice.
        Assert.Equal(GradeScale.TwelvePoint, GradeScales.For(7, S.Reading.Traits with { IsVerbalInGrades3To4 = true }));
    }

    private static string Line(string text, string start) =>
        text.Split('\n').First(l => l.TrimStart().Contains(start, StringComparison.Ordinal));

    private static string[] Tokens(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public sealed class PrimaryGradesTestsOnSqlite : PrimaryGradesTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class PrimaryGradesTestsOnPostgres(PostgresServer server) : PrimaryGradesTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
