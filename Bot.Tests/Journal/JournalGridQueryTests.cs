using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Journal.Grid;
using Bot.Domain.Persistence;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Journal;

/// <summary>
/// The web grid's read (<see cref="JournalGridQuery"/>) and the fill-in monitoring (<see cref="FillInMonitor"/>) on a real
/// database: SQLite and PostgreSQL.
/// </summary>
public abstract class JournalGridQueryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
        var journal = _s.Journal(db);
        var system = Actor.System();
        var monday = (await journal.RecordLessonAsync(system, new LessonInput(_s.Class7A.Id, _s.Algebra.Id, null, new DateOnly(2026, 11, 16), 2, "Одночлени", "Тема 2"), false)).GetValueOrThrow();
        var friday = (await journal.RecordLessonAsync(system, new LessonInput(_s.Class7A.Id, _s.Algebra.Id, null, new DateOnly(2026, 11, 20), 2, ""), false)).GetValueOrThrow();
        (await journal.SetCellsAsync(system, [Cell(_s.Ivanenko.Id, monday, "9"), Cell(_s.Petrenko.Id, monday, "н")], false)).GetValueOrThrow();
        (await journal.SetCellsAsync(system, [Cell(_s.Ivanenko.Id, friday, "10", "самостійна")], false)).GetValueOrThrow();
    }

    private CellInput Cell(Guid student, Lesson lesson, string text, string? kind = null) =>
        new(student, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, text, lesson.Id, WorkKind: kind);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Page_HasTheListInJ4Order_LessonAndThematicColumns_CellsAndAThematicProposal()
    {
        await using var db = _database.NewContext();
        var grid = (await new JournalGridQuery(db, _s.Clock).LoadAsync(_s.Class7A.Id, _s.Algebra.Id, null, null, [(MarkColumn.Thematic, TestSchool.Today)]))!;

        Assert.Equal(GridPeriod.Semester1, grid.Period);
        Assert.Equal(["Гнатюк Богдан", "Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія"], grid.Rows.Select(r => r.FullName));
        Assert.Equal(["16.11", "20.11", "Тематична", "І семестр", "Скоригована"], grid.Columns.Select(c => c.Title));
        Assert.Equal([1, 2], grid.Lessons.Select(l => l.Number));
        var monday = grid.Columns[0].Key;
        Assert.Equal(new GridCell("9", false), grid.Cells[(_s.Ivanenko.Id, monday)]);
        Assert.Equal(new GridCell("н", true), grid.Cells[(_s.Petrenko.Id, monday)]);
        // M-5: 9 (поточна) and 10 (самостійна) → 9.5 → 10, two marks: not objective. Petrenko was away and has no mark: "н/а";
        // Sydorenko has neither: nothing to propose.
        var proposal = grid.Suggestions[(_s.Ivanenko.Id, grid.Columns[2].Key)];
        Assert.Equal("10", proposal.Text);
        Assert.False(proposal.IsObjective);
        Assert.Contains("Середнє 9,5 з 2 оцінок", proposal.Explanation);
        Assert.Equal("н/а", grid.Suggestions[(_s.Petrenko.Id, grid.Columns[2].Key)].Text);
        Assert.False(grid.Suggestions.ContainsKey((_s.Sydorenko.Id, grid.Columns[2].Key)));
        Assert.False(grid.Rows[0].IsOnListOn(new DateOnly(2026, 11, 16))); // the leaver's cells are not on the page
    }

    [Fact]
    public async Task Monitoring_CountsTheLessonWithoutATopic_AndTheClassesWithoutMarks()
    {
        await using var db = _database.NewContext();
        var report = await new FillInMonitor(db, _s.Clock, new JournalSettings()).ReportAsync(_s.School, _s.Year);
        var algebra = Assert.Single(report.Pages);
        Assert.Equal((2, 1, new DateOnly(2026, 11, 20)), (algebra.Lessons, algebra.WithoutTopic, algebra.LastLesson!.Value));
        Assert.Equal(1, algebra.MarksLate); // 16.11's 9, entered on the 20th
        Assert.Equal(["1-А", "3-А", "11-А"], report.ClassesWithoutMarksThisWeek);
    }
}

public sealed class JournalGridQueryOnSqlite : JournalGridQueryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class JournalGridQueryOnPostgres(PostgresServer server) : JournalGridQueryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
