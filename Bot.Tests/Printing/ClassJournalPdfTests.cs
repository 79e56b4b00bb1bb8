using Bot.Domain.Diary;
using Bot.Domain.Printing;
using Bot.Tests.Builders;

namespace Bot.Tests.Printing;

/// <summary>
/// The printed class journal (J-2, J-6, M-3, A-2, M-9, J-11..J-13) of the test school, read back with poppler.
/// Set PRINT_KEEP to a folder to keep the PDFs for a look.
/// </summary>
public sealed class ClassJournalPdfTests : IAsyncLifetime
{
    private PrintScenario _scenario = null!;
    private TestSchool S => _scenario.S;

    public async Task InitializeAsync() => _scenario = await PrintScenario.CreateAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    private async Task<(ClassJournal Journal, PdfFile Pdf)> PrintAsync(Guid classId, string period)
    {
        await using var db = _scenario.Database.NewContext();
        var journal = (await new DiaryQueries(db, S.Clock).ClassJournalAsync(classId, period)).GetValueOrThrow();
        var bytes = ClassJournalPdf.Render(journal, TestSchool.Now);
        if (Environment.GetEnvironmentVariable("PRINT_KEEP") is { Length: > 0 } keep)
            await File.WriteAllBytesAsync(Path.Combine(keep, $"{journal.ClassName}-{period}.pdf"), bytes);
        return (journal, new PdfFile(bytes));
    }

    /// <summary>
    /// ADR 0037 decision 3: the last page carries the school's audit head, an anchor kept on paper — the last record the
    /// sealer chained, not a record still waiting for it (decision 1).
    /// </summary>
    [Fact]
    public async Task LastPage_CarriesTheSchoolsAuditHead()
    {
        Assert.True(await _scenario.Database.SealAsync(Bot.Domain.Audit.AuditKey.Generate()) > 0);
        await using (var write = _scenario.Database.NewContext())
            (await S.Journal(write).RecordLessonAsync(S.As(S.AlgebraTeacher), new Bot.Domain.Journal.LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 3, "Повторення")))
                .GetValueOrThrow(); // written after the seal: not in the chain yet

        var (journal, pdf) = await PrintAsync(S.Class7A.Id, "semester1");
        using (pdf)
        {
            await using var db = _scenario.Database.NewContext();
            var head = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.AuditHeads, h => h.SchoolId == S.School.Id);
            Assert.True(head.LastSequence > 0);
            Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditRecords, r => r.SchoolId == S.School.Id && r.Sequence == 0));
            Assert.Equal((head.LastSequence, head.LastHash), (journal.AuditHead!.Sequence, journal.AuditHead.Hash));
            var pages = await pdf.PageCountAsync();
            // As read: poppler may break the line anywhere.
            var last = string.Join(' ', (await pdf.TextAsync(pages, pages)).Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("на час друку: останній запис № " + head.LastSequence + " від ", last); // poppler splits "ш коли" of the condensed face
            Assert.Contains(head.LastHash, last);
        }
    }

    [Fact]
    public async Task Semester_7A_HasTheExpectedPages_NumberedNofM_NoneBlank()
    {
        var (_, pdf) = await PrintAsync(S.Class7A.Id, "semester1");
        using (pdf)
        {
            // Title page and class list, two spreads (algebra; English group I, J-5), attendance, achievements,
            // report cards, logs, remarks: each fits one page for five students and a week of lessons.
            const int expected = 2 + 2 * 2 + 1 + 1 + 1 + 1 + 1;
            Assert.Equal(expected, await pdf.PageCountAsync());
            for (var p = 1; p <= expected; p++)
            {
                Assert.Contains($"сторінка {p} з {expected}", await pdf.TextAsync(p, p));
                Assert.Contains("Ліцей № 1 (тест), 7-А, 2026-2027", await pdf.TextAsync(p, p));
                Assert.True(await pdf.InkAsync(p) > 0.002, $"page {p} is blank");
            }
        }
    }

    [Fact]
    public async Task RightPage_SetsTheThemesTitleBold_OnItsFirstLessonsLine_AndTheTopicInTheBodyFace_J6()
    {
        await using var db = _scenario.Database.NewContext();
        var journal = (await new DiaryQueries(db, S.Clock).ClassJournalAsync(S.Class7A.Id, "semester1")).GetValueOrThrow();
        using var book = ClassJournalPdf.Build(journal, TestSchool.Now);
        var texts = book.Pages[3].Ops.OfType<PdfTextOp>().ToList(); // the algebra spread's right page
        var theme = texts.Single(t => t.Text == "Тема 3. Системи лінійних рівнянь");
        var topic = texts.Single(t => t.Text == "Системи рівнянь. Основні поняття");
        Assert.Contains(theme.Style.Face, new[] { PdfFace.Bold, PdfFace.CondensedBold });
        Assert.DoesNotContain(topic.Style.Face, new[] { PdfFace.Bold, PdfFace.CondensedBold });
        Assert.True(theme.Y < topic.Y, "the title stands on the line above the lesson's topic");
        Assert.Equal(theme.Style.Size, topic.Style.Size);
    }

    [Fact]
    public async Task SubjectSpread_HasNamesMarksAbsencesDatelessColumns_AndLessonsWithThemeHomeworkAndSubstitute()
    {
        var (_, pdf) = await PrintAsync(S.Class7A.Id, "semester1");
        using (pdf)
        {
            var left = await pdf.TextAsync(3, 3);
            Assert.Contains("Алгебра", left);
            foreach (var name in new[] { "Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія", "Гнатюк Богдан" })
                Assert.Contains(name, left);
            Assert.DoesNotContain("Зінченко", left);
            Assert.Contains("16.11", left);
            Assert.Contains("Тематична", left);
            var row = Line(await LayoutTextAsync(pdf, 3), "Іваненко Олег");
            Assert.Equal(["10", "11", "10"], Tokens(row)[3..]);
            Assert.Equal(["н", "хв"], Tokens(Line(await LayoutTextAsync(pdf, 3), "Сидоренко Андрій"))[3..]);

            var right = (await pdf.TextAsync(4, 4)).Replace('\n', ' ');
            Assert.Contains("Тема 3. Системи лінійних рівнянь", right);
            Assert.Contains("§ 13, № 320–324 (письмово)", right);
            Assert.Contains("Заміна. Ткаченко А. М.", right);
            Assert.All(PrintScenario.LongTopic.Split(' '), word => Assert.Contains(word, right));

            var english = await pdf.TextAsync(5, 5);
            Assert.Contains("Англійська мова (I група)", english);
            Assert.Contains("Петренко Марія", english);
            Assert.DoesNotContain("Сидоренко", english);
        }
    }

    [Fact]
    public async Task ClassTeacherSections_AttendanceAchievementsReportCardsLogsRemarks()
    {
        var (journal, pdf) = await PrintAsync(S.Class7A.Id, "semester1");
        using (pdf)
        {
            var attendance = await LayoutTextAsync(pdf, 7);
            Assert.Contains("Облік відвідування навчальних занять", attendance);
            // A-2: Sydorenko missed two lessons on two days, each the only lesson he had that day: 2 days, one of them ill.
            Assert.Equal(["2 (1)", "2 (1)"], Cells(Line(attendance, "Сидоренко Андрій")).Take(2));
            Assert.Equal(2, journal.Attendance.Single(a => a.Student.Id == S.Sydorenko.Id).Total.Days);

            Assert.Contains("Зведений облік навчальних досягнень", await pdf.TextAsync(8, 8));
            var cards = await pdf.TextAsync(9, 9);
            Assert.Contains("Табель навчальних досягнень", cards);
            Assert.Contains("1. Гнатюк Богдан", cards);
            var logs = (await pdf.TextAsync(10, 10)).Replace('\n', ' ');
            Assert.Contains("Музей історії міста", logs);
            Assert.Contains("н (проведено 03.09.2026)", logs);
            var remarks = (await pdf.TextAsync(11, 11)).Replace('\n', ' ');
            Assert.Contains("Не записано домашнє завдання за 12.11.", remarks);
            Assert.Contains("Виконано, 20.11.2026", remarks);
        }
    }

    [Fact]
    public async Task Grade11_Summary_HasMathematicsFromAlgebraAndGeometry_M9()
    {
        var (journal, pdf) = await PrintAsync(S.Class11A.Id, "semester1");
        using (pdf)
        {
            var maths = journal.Achievements.Single(r => r.Mathematics && r.Student.Id == S.Senior.Id);
            Assert.Equal("10", maths.Mark(Bot.Domain.Grading.MarkColumn.Semester1));
            var summaryPage = await FindPageAsync(pdf, "Зведений облік навчальних досягнень");
            var row = Line(await LayoutTextAsync(pdf, summaryPage), "Лисенко Дмитро");
            Assert.Equal(["9", "10", "10"], Tokens(row)[3..]);
        }
    }

    [Fact]
    public async Task MonthPeriod_ShowsOnlyThatMonthsLessons()
    {
        var (journal, pdf) = await PrintAsync(S.Class7A.Id, "2026-10");
        using (pdf)
        {
            Assert.Empty(journal.Pages);
            Assert.Contains("жовтень 2026 р.", await pdf.TextAsync(1, 1));
        }
    }

    internal static async Task<string> LayoutTextAsync(PdfFile pdf, int page)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", "-f", page.ToString(), "-l", page.ToString(), pdf.Path, "-"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    private static async Task<int> FindPageAsync(PdfFile pdf, string text)
    {
        for (var p = 1; p <= await pdf.PageCountAsync(); p++)
            if ((await pdf.TextAsync(p, p)).Contains(text)) return p;
        throw new Xunit.Sdk.XunitException($"No page has \"{text}\".");
    }

    private static string Line(string text, string start) => text.Split('\n').Single(l => l.Contains(start));

    private static string[] Tokens(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // The cells after the name in a layout line, split at runs of two or more spaces.
    private static IEnumerable<string> Cells(string line) =>
        System.Text.RegularExpressions.Regex.Split(line.Trim(), @"\s{2,}").Skip(2);
}

/// <summary>The journal's read model on a real PostgreSQL: the same journal as on SQLite (storage-sensitive: final columns as strings, sort keys).</summary>
[Collection("postgres")]
public sealed class ClassJournalOnPostgresTests(Bot.Tests.Infrastructure.PostgresServer server)
{
    [Fact]
    public async Task ClassJournal_OnPostgres_IsTheSameAsOnSqlite()
    {
        await using var postgres = await PrintScenario.CreateAsync(await Bot.Tests.Infrastructure.TestDatabase.PostgresAsync(server));
        await using var sqlite = await PrintScenario.CreateAsync();

        static async Task<string> Summary(PrintScenario scenario, Guid classId)
        {
            await using var db = scenario.Database.NewContext();
            var j = (await new DiaryQueries(db, scenario.S.Clock).ClassJournalAsync(classId, "semester1")).GetValueOrThrow();
            return string.Join("\n", j.Students.Select(s => $"{s.Number} {s.Name}")
                .Concat(j.Pages.Select(p => $"{p.Title}: {string.Join(",", p.Columns.Select(c => c.Title))} | " +
                    string.Join(",", p.Students.SelectMany(s => p.Columns.Select(c => p.Cell(s.Id, c.Key))))))
                .Concat(j.Achievements.Select(a => $"{a.Student.Name} {a.Subject} {string.Join(",", a.Marks.Select(m => $"{m.Key}={m.Value}"))}"))
                .Concat(j.Attendance.Select(a => $"{a.Student.Name} {a.Total}"))
                .Concat(j.Briefings.Select(b => $"{b.Date} {b.What} {b.Who}")).Concat(j.Remarks.Select(r => $"{r.Text} {r.Answer}")));
        }

        var onPostgres = await Summary(postgres, postgres.S.Class7A.Id);
        Assert.Equal(await Summary(sqlite, sqlite.S.Class7A.Id), onPostgres);
        Assert.Contains("Іваненко Олег", onPostgres);
        Assert.Equal(await Summary(sqlite, sqlite.S.Class11A.Id), await Summary(postgres, postgres.S.Class11A.Id));
        Assert.Contains("Математика Semester1=10", await Summary(postgres, postgres.S.Class11A.Id));
    }
}
