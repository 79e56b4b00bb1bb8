using System.Text;
using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Journal.Grid;
using Bot.Domain.Printing;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Printing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Bot.Tests.Journal;

/// <summary>
/// The martial-law variants of assessment (docs/rules.md N-12; ADR 0047) and an alert's lesson status on paper and in the
/// exports (N-16, N-19): in a 7th grade, "незар" and a non-PE "зар" are refused for a semester mark until the deputy records
/// the teachers' council's decision (audited), then taken for the semester mark (and still refused under a lesson's date);
/// a converted mark with its source note is refused to the teacher and taken from the deputy, its note in the grid's tooltip;
/// a displaced student's annual mark is refused with only semester II until the deputy marks the student, then taken. The
/// printed journal (read back with pdftotext) and the CSV/XLSX exports carry the council's decision, the marker and the source,
/// the displaced student's note and the lesson held in the shelter; the audit names each variant. On SQLite and PostgreSQL.
/// </summary>
public abstract class MartialLawVariantsTests : IAsyncLifetime
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private TestDatabase _database = null!;
    private TestSchool S = null!;

    private static readonly DateTimeOffset Semester1Window = new(2026, 12, 14, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Semester2Window = new(2027, 5, 20, 8, 0, 0, TimeSpan.Zero);
    private const string Source = "зараховано за результатами навчання в Польщі, довідка № 12 від 10.12.2026";

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        S.Clock.SetUtcNow(Semester1Window);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<Result<CellChange>> SetAsync(Bot.Domain.Roster.Staff who, Student student, MarkColumn column, string text, string? source = null,
        Guid? lessonId = null)
    {
        await using var db = _database.NewContext();
        return await S.Journal(db).SetCellAsync(S.As(who), new CellInput(student.Id, S.Class7A.Id, S.Algebra.Id, column, text, lessonId, SourceNote: source));
    }

    private async Task<string?> ReasonOfAsync(Student student, MarkColumn column, string value)
    {
        await using var db = _database.NewContext();
        return (await db.AuditRecords.AsNoTracking().Where(r => r.EntityType == nameof(Mark) && r.StudentId == student.Id && r.NewValue == value).ToListAsync())
            .Single(r => r.Context!.Contains($"· {MarkColumns.Title(column)} (", StringComparison.Ordinal)).Reason;
    }

    [Fact]
    public async Task CouncilCredit_Displaced_Converted_AndTheShelter_InTheJournal_ThePrint_TheExports_AndTheAudit_N12_N16_N19()
    {
        // A lesson held in the shelter (ADR 0044), and "незар" before the council's decision.
        Guid lessonId;
        await using (var db = _database.NewContext())
        {
            lessonId = (await S.Journal(db).RecordLessonAsync(S.As(S.AlgebraTeacher),
                new LessonInput(S.Class7A.Id, S.Algebra.Id, null, new DateOnly(2026, 12, 14), 1, "Лінійні рівняння"))).GetValueOrThrow().Id;
            db.DayChanges.Add(DayChange.LessonStatus(S.School.Id, DayChangeKind.HeldInShelter, S.Class7A.Id, new DateOnly(2026, 12, 14), 1, S.Algebra.Id, null,
                S.Deputy.Id, Semester1Window.UtcDateTime));
            await db.SaveChangesAsync();
        }

        Assert.Equal("«незар» ставлять лише за семестр і рік у класах, для яких педагогічна рада на час воєнного стану ухвалила оцінювання " +
            "«зараховано / не зараховано»; для 7 класу такого рішення немає.", (await SetAsync(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "незар")).Error!.Message);
        Assert.StartsWith("«зар» за семестр і рік ставлять за рішенням педагогічної ради",
            (await SetAsync(S.AlgebraTeacher, S.Petrenko, MarkColumn.Semester1, "зар")).Error!.Message, StringComparison.Ordinal);

        // The deputy records the council's decision; a teacher may not.
        await using (var db = _database.NewContext())
        {
            var setup = new SchoolSetupService(db, S.Clock);
            Assert.False((await setup.SetCreditDecisionAsync(S.As(S.AlgebraTeacher), S.Year.Id, new DateOnly(2026, 11, 28), "5", [5, 6, 7, 8, 10])).IsSuccess);
            Assert.Equal("Вкажіть номер рішення (протоколу) педагогічної ради.",
                (await setup.SetCreditDecisionAsync(S.As(S.Deputy), S.Year.Id, new DateOnly(2026, 11, 28), " ", [7])).Error!.Message);
            (await setup.SetCreditDecisionAsync(S.As(S.Deputy), S.Year.Id, new DateOnly(2026, 11, 28), "5", [5, 6, 7, 8, 10])).GetValueOrThrow();
            var audit = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.EntityType == nameof(SchoolYear));
            Assert.Equal(("немає", "рішення педагогічної ради від 28.11.2026 № 5: 5, 6, 7, 8, 10 класи"), (audit.OldValue, audit.NewValue));
        }

        Assert.Equal("незар", (await SetAsync(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester1, "не зараховано")).GetValueOrThrow().NewValue);
        Assert.Equal("зар", (await SetAsync(S.AlgebraTeacher, S.Petrenko, MarkColumn.Semester1, "зар")).GetValueOrThrow().NewValue);
        Assert.Equal("«незар» ставлять лише за семестр і рік (за рішенням педагогічної ради), тож не під датою уроку.",
            (await SetAsync(S.AlgebraTeacher, S.Sydorenko, MarkColumn.Current, "незар", lessonId: lessonId)).Error!.Message);
        Assert.Contains("«зараховано / не зараховано» за рішення педагогічної ради від 28.11.2026 № 5", await ReasonOfAsync(S.Ivanenko, MarkColumn.Semester1, "незар"));

        // A converted mark: the administration's, with its source; the grid's tooltip shows it.
        Assert.Equal("Оцінку, зараховану за результатами навчання за кордоном, вносить заступник директора або директор.",
            (await SetAsync(S.AlgebraTeacher, S.Sydorenko, MarkColumn.Semester1, "10", Source)).Error!.Message);
        Assert.Equal("10", (await SetAsync(S.Deputy, S.Sydorenko, MarkColumn.Semester1, "10", Source)).GetValueOrThrow().NewValue);
        Assert.Equal($"джерело: {Source}", await ReasonOfAsync(S.Sydorenko, MarkColumn.Semester1, "10"));
        await using (var db = _database.NewContext())
        {
            var grid = (await new JournalGridQuery(db, S.Clock).LoadAsync(S.Class7A.Id, S.Algebra.Id, null, GridPeriod.Semester1))!;
            Assert.Equal(Source, grid.Cells[(S.Sydorenko.Id, nameof(MarkColumn.Semester1))].SourceNote);
            Assert.True(grid.CouncilCredit);
        }

        // The displaced newcomer: semester II only; the annual mark refused until the deputy marks her.
        S.Clock.SetUtcNow(Semester2Window);
        (await SetAsync(S.AlgebraTeacher, S.Newcomer, MarkColumn.Semester2, "9")).GetValueOrThrow();
        Assert.Equal("Річну оцінку можна виставити, коли є оцінки за обидва семестри (або «н/а»): немає за І семестр.",
            (await SetAsync(S.AlgebraTeacher, S.Newcomer, MarkColumn.Annual, "9")).Error!.Message);
        await using (var db = _database.NewContext())
        {
            var roster = new RosterService(db, S.Clock);
            Assert.False((await roster.SetAnnualFromSemester2Async(S.As(S.AlgebraTeacher), S.Newcomer.Id, new DateOnly(2027, 1, 12), "ВПО")).IsSuccess);
            (await roster.SetAnnualFromSemester2Async(S.As(S.Deputy), S.Newcomer.Id, new DateOnly(2027, 1, 12), "ВПО з Бахмута, без оцінок за І семестр")).GetValueOrThrow();
            var grid = (await new JournalGridQuery(db, S.Clock).LoadAsync(S.Class7A.Id, S.Algebra.Id, null, GridPeriod.Semester2))!;
            Assert.Null(grid.AnnualMissing(S.Newcomer.Id));
            Assert.NotNull(grid.AnnualMissing(S.Ivanenko.Id));
        }

        Assert.Equal("9", (await SetAsync(S.AlgebraTeacher, S.Newcomer, MarkColumn.Annual, "9")).GetValueOrThrow().NewValue);
        Assert.Contains("річна за ІІ семестр (позначка адміністрації від 12.01.2027: ВПО з Бахмута, без оцінок за І семестр)", await ReasonOfAsync(S.Newcomer, MarkColumn.Annual, "9"));
        Assert.Equal("незар", (await SetAsync(S.AlgebraTeacher, S.Ivanenko, MarkColumn.Semester2, "незар")).GetValueOrThrow().NewValue);

        // On paper: the summary and the report cards end with the notes; the lesson's topic carries its status.
        ClassJournal journal;
        await using (var db = _database.NewContext())
            journal = (await new DiaryQueries(db, S.Clock).ClassJournalAsync(S.Class7A.Id, "year")).GetValueOrThrow();
        const string Council = "«зар» — зараховано, «незар» — не зараховано: семестрові й річні оцінки 5, 6, 7, 8, 10 класів за рішення педагогічної ради від 28.11.2026 № 5 (воєнний стан).";
        Assert.Equal(Council, journal.Footnotes[0].Text);
        Assert.Equal($"*1 Сидоренко Андрій, Алгебра, і семестр — 10: {Source}", journal.Footnotes[1].Text);
        Assert.StartsWith("Яковенко Софія: річну оцінку виставлено за результатами ІІ семестру", journal.Footnotes[2].Text, StringComparison.Ordinal);
        using (var pdf = new PdfFile(ClassJournalPdf.Render(journal, TestSchool.Now)))
        {
            var text = Flat(await pdf.TextAsync());
            Assert.Contains("Лінійні рівняння (проведено в укритті)", text);
            Assert.Contains("річна оцінка за ІІ семестр (з 12.01.2027)", text);
            var summary = text[text.IndexOf("Зведений облік навчальних досягнень", StringComparison.Ordinal)..text.IndexOf("Табель навчальних досягнень", StringComparison.Ordinal)];
            Assert.Contains("10*1", summary);
            Assert.Contains("незар", summary);
            Assert.Contains(Flat(Council), summary);
            Assert.Contains("*1 Сидоренко Андрій, Алгебра, і семестр — 10: зараховано за результатами навчання в Польщі, довідка № 12 від 10.12.2026", summary);
            var cards = text[text.IndexOf("Табель навчальних досягнень", StringComparison.Ordinal)..];
            var ivanenko = cards[cards.IndexOf("Іваненко", StringComparison.Ordinal)..];
            Assert.Contains("рішення педагогічної ради від 28.11.2026 № 5", ivanenko[..ivanenko.IndexOf("Пропущено за період", StringComparison.Ordinal)]);
        }

        // The exports: the summary's markers and notes, the lessons' statuses, in CSV and XLSX.
        var achievements = JournalExport.Table(journal, JournalSection.Achievements);
        Assert.Contains(achievements.Rows, r => r[1] == "Сидоренко Андрій" && r.Contains("10*1"));
        Assert.Equal([Council, journal.Footnotes[1].Text, journal.Footnotes[2].Text], achievements.Rows.Where(r => r[1] == "Примітка").Select(r => r[2]));
        using (var csv = new MemoryStream())
        {
            await JournalExport.WriteCsvAsync(JournalExport.Table(journal, JournalSection.Lessons), csv);
            Assert.Contains("Лінійні рівняння (проведено в укритті)", Encoding.UTF8.GetString(csv.ToArray()));
        }

        using var xlsx = new MemoryStream();
        await JournalExport.WriteXlsxAsync(journal, xlsx);
        xlsx.Position = 0;
        var lessons = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Зміст уроків", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(lessons, l => l["Зміст уроку"]?.ToString() == "Лінійні рівняння (проведено в укритті)");
        xlsx.Position = 0;
        var summaryRows = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Зведений облік", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(summaryRows, r => r["Предмет"]?.ToString() == Council);
    }

    // pdftotext breaks long lines where the page does: compare without line breaks.
    private static string Flat(string text) => string.Join(" ", text.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
}

public sealed class MartialLawVariantsTestsOnSqlite : MartialLawVariantsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class MartialLawVariantsTestsOnPostgres(PostgresServer server) : MartialLawVariantsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
