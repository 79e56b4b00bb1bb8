using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Printing;
using Bot.Host.Conversation.Formatting;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Bot.Tests.Printing;

/// <summary>
/// N-7 on paper and in files: an НУШ 6th grade's marks by group of learning outcomes in the printed journal (the group
/// columns before the semester mark, the groups' titles in a legend, sub-rows of the report cards), the CSV and XLSX
/// exports, the student's report, and the day's diary naming the group by its title; a non-НУШ class's journal has none.
/// On each provider (the journal's and the diary's reads). Set PRINT_KEEP to a folder to keep the PDFs for a look.
/// </summary>
public abstract class ResultGroupPrintTests : IAsyncLifetime
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private NusClass _nus = null!;
    private List<ResultGroup> _groups = null!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        _nus = await NusClass.AddAsync(db, S);
        (await new ResultGroupService(db, S.Clock).SeedDefaultsAsync(S.As(S.Deputy), S.School.Id, S.Year.Id)).GetValueOrThrow();
        _groups = (await db.ResultGroups.Where(g => g.SubjectId == _nus.Mathematics.Id).ToListAsync()).OrderBy(g => g.Number).ToList();
        S.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 21, 8, 0, 0, TimeSpan.Zero));   // the week before semester I ends
        var journal = S.Journal(db);
        var teacher = S.As(S.AlgebraTeacher);
        // Кравчук 8, 9, 7 and the semester mark 8; Мороз 10 in the first group only.
        foreach (var (g, k) in _groups.Zip(["8", "9", "7"]))
            (await journal.SetCellAsync(teacher, new CellInput(_nus.Kravchuk.Id, _nus.Class6A.Id, _nus.Mathematics.Id, MarkColumn.ResultGroup1, k, ResultGroupId: g.Id))).GetValueOrThrow();
        (await journal.SetCellAsync(teacher, new CellInput(_nus.Moroz.Id, _nus.Class6A.Id, _nus.Mathematics.Id, MarkColumn.ResultGroup1, "10", ResultGroupId: _groups[0].Id))).GetValueOrThrow();
        (await journal.SetCellAsync(teacher, new CellInput(_nus.Kravchuk.Id, _nus.Class6A.Id, _nus.Mathematics.Id, MarkColumn.Semester1, "8"))).GetValueOrThrow();
        // 7-А (not НУШ) has an algebra mark, so its journal has a subject page too.
        (await journal.SetCellAsync(teacher, new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Thematic, "10", Date: new DateOnly(2026, 12, 21)))).GetValueOrThrow();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<ClassJournal> JournalAsync(Guid classId)
    {
        await using var db = _database.NewContext();
        return (await new DiaryQueries(db, S.Clock).ClassJournalAsync(classId, "semester1")).GetValueOrThrow();
    }

    private static async Task<PdfFile> PrintAsync(ClassJournal journal)
    {
        var bytes = ClassJournalPdf.Render(journal, TestSchool.Now);
        if (Environment.GetEnvironmentVariable("PRINT_KEEP") is { Length: > 0 } keep)
            await File.WriteAllBytesAsync(Path.Combine(keep, $"{journal.ClassName}-semester1.pdf"), bytes);
        return new PdfFile(bytes);
    }

    [Fact]
    public async Task PrintedJournal_OfAnNusClass_HasTheGroupColumnsBeforeTheSemesterMark_TheirTitles_AndTheReportCardsSubRows()
    {
        var journal = await JournalAsync(_nus.Class6A.Id);
        var maths = Assert.Single(journal.Pages);
        Assert.Equal(["ГР1", "ГР2", "ГР3", "І семестр"], maths.Columns.Select(c => c.Title));

        using var pdf = await PrintAsync(journal);
        var left = await ClassJournalPdfTests.LayoutTextAsync(pdf, 3);
        Assert.Contains("Математика", left);
        Assert.Equal(["8", "9", "7", "8"], Tokens(Line(left, "Кравчук Ярина"))[3..]);
        Assert.Equal(["10"], Tokens(Line(left, "Мороз Назар"))[3..]);
        var text = Flat(await pdf.TextAsync());
        Assert.Contains("Групи результатів навчання:", text);
        foreach (var g in _groups) Assert.Contains($"{g.Code} — {g.Title}", text);

        // The report card: the subject's line, then a line a group with its mark under "І семестр".
        var all = await pdf.PageCountAsync();
        var cards = string.Join("\n", await Task.WhenAll(Enumerable.Range(1, all).Select(p => ClassJournalPdfTests.LayoutTextAsync(pdf, p))));
        var card = cards[cards.IndexOf("Табель навчальних досягнень", StringComparison.Ordinal)..];
        Assert.Equal("8", Tokens(Line(card, "Математика"))[^1]);
        Assert.EndsWith(" 9", Line(card, "ГР2 —").TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintedJournal_OfANonNusClass_HasNoGroupsOfResults()
    {
        using var pdf = await PrintAsync(await JournalAsync(S.Class7A.Id));
        var text = await pdf.TextAsync();
        Assert.Contains("Алгебра", text);
        Assert.DoesNotContain("ГР", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Групи результатів", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_CsvAndXlsx_HoldTheGroupMarks_WithTheGroupsTitles()
    {
        var journal = await JournalAsync(_nus.Class6A.Id);
        var caption = $"ГР2 «{_groups[1].Title}», І семестр";

        var cells = JournalExport.Table(journal, JournalSection.Journal);
        Assert.Contains(cells.Rows, r => r.SequenceEqual(["Математика", S.Year.Semester1End.ToString("dd.MM.yyyy"), caption, "1", "Кравчук Ярина", "9"]));
        var summary = JournalExport.Table(journal, JournalSection.Achievements);
        Assert.Equal(["№", "Учень", "Предмет", "Групи результатів, І семестр", "І семестр"], summary.Headers);
        Assert.Equal(["1", "Кравчук Ярина", "Математика", "ГР1: 8; ГР2: 9; ГР3: 7", "8"], summary.Rows[0]);

        using var stream = new MemoryStream();
        await JournalExport.WriteXlsxAsync(journal, stream);
        stream.Position = 0;
        var sheet = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Математика", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var kravchuk = sheet.Single(r => (string?)r["Учень"] == "Кравчук Ярина");
        Assert.Equal("9", kravchuk[caption]?.ToString());
        Assert.Equal("8", kravchuk[$"ГР1 «{_groups[0].Title}», І семестр"]?.ToString());
        Assert.Equal("10", sheet.Single(r => (string?)r["Учень"] == "Мороз Назар")[$"ГР1 «{_groups[0].Title}», І семестр"]?.ToString());

        // The 7-А export: no group column anywhere.
        var other = await JournalAsync(S.Class7A.Id);
        Assert.DoesNotContain(JournalExport.Table(other, JournalSection.Achievements).Headers, h => h.StartsWith("Групи", StringComparison.Ordinal));
        Assert.DoesNotContain(JournalExport.Table(other, JournalSection.Journal).Rows, r => r[2].StartsWith("ГР", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StudentsReport_AndTheDaysDiary_NameTheGroupsByTheirTitles()
    {
        await using var db = _database.NewContext();
        var report = (await new StudentReportPdf(db, S.Clock).RenderAsync(_nus.Kravchuk.Id, 1)).GetValueOrThrow();
        if (Environment.GetEnvironmentVariable("PRINT_KEEP") is { Length: > 0 } keep)
            await File.WriteAllBytesAsync(Path.Combine(keep, "report-6-А.pdf"), report.Content);
        using (var pdf = new PdfFile(report.Content))
        {
            var text = Flat(await pdf.TextAsync());
            foreach (var g in _groups) Assert.Contains($"{g.Code} — {g.Title}", text);
        }

        // The day the group marks stand on (the semester's end): the parent's and the student's diary name each group.
        var day = (await new DiaryQueries(db, S.Clock).StudentDayAsync(_nus.Kravchuk.Id, S.Year.Semester1End)).GetValueOrThrow();
        var shown = DiaryFormatter.Day(day, new DateOnly(2026, 12, 21)).PlainText;
        Assert.Contains($"• Математика — ГР1 «{_groups[0].Title}», І семестр: 8", shown, StringComparison.Ordinal);
        Assert.Contains($"• Математика — ГР3 «{_groups[2].Title}», І семестр: 7", shown, StringComparison.Ordinal);
        Assert.Contains("• Математика — і семестр: 8", shown, StringComparison.Ordinal);
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static string Line(string text, string start) =>
        text.Split('\n').First(l => l.TrimStart().Contains(start, StringComparison.Ordinal));

    private static string[] Tokens(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public sealed class ResultGroupPrintTestsOnSqlite : ResultGroupPrintTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class ResultGroupPrintTestsOnPostgres(PostgresServer server) : ResultGroupPrintTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
