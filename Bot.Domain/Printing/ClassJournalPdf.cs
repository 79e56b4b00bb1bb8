using Bot.Domain.Diary;
using Bot.Domain.Grading;

namespace Bot.Domain.Printing;

/// <summary>
/// The printed class journal (seed 003, J-2, J-6) from a <see cref="ClassJournal"/>: a title page with the class
/// list; per subject and group (J-5) spreads of a left page (students × lesson dates with marks and absences, and the
/// dateless columns at their place, M-3) and a right page (date, lesson number, topic, homework with the substitute note,
/// J-9); the attendance summary (A-2), the summary of achievements (M-6..M-9), the report cards, the logs (J-11, J-12) and
/// the remarks (J-13). Split in two files: the subject pages here, the class teacher's sections in <c>ClassJournalPdf.Sections.cs</c>.
/// </summary>
public static partial class ClassJournalPdf
{
    private const float NumberWidth = 16f;
    private const float NameWidth = 132f;
    private const float MarkWidth = 14.5f;

    public static byte[] Render(ClassJournal journal, DateTimeOffset created, bool archive = false)
    {
        using var book = Build(journal, created, archive);
        return book.ToBytes();
    }

    public static PdfBook Build(ClassJournal journal, DateTimeOffset created, bool archive = false)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var book = new PdfBook(journal.RunningHeader,
            new PdfInfo($"Класний журнал {journal.ClassName} класу, {journal.Period.Title}", journal.SchoolName, created,
                $"{journal.SchoolName}, {journal.ClassName}, {journal.Period.Title}", archive));
        TitlePage(book, journal);
        foreach (var page in journal.Pages) SubjectPages(book, page);
        AttendancePages(book, journal);
        AchievementPages(book, journal);
        ReportCards(book, journal);
        Logs(book, journal);
        Remarks(book, journal);
        return book;
    }

    private static void TitlePage(PdfBook book, ClassJournal journal)
    {
        var page = book.AddPage(PdfOrientation.Portrait);
        page.Y += 120;
        book.Paragraph(journal.SchoolName, PdfStyle.Heading, PdfAlign.Center, 40);
        book.Paragraph("КЛАСНИЙ ЖУРНАЛ", PdfStyle.Title.WithSize(28), PdfAlign.Center, 12);
        book.Paragraph($"{journal.ClassName} класу", PdfStyle.Title, PdfAlign.Center, 30);
        book.Paragraph($"{journal.YearTitle} навчальний рік", PdfStyle.Heading, PdfAlign.Center, 6);
        book.Paragraph($"Період: {journal.Period.Title} ({journal.Period.From:dd.MM.yyyy}–{journal.Period.To:dd.MM.yyyy})", PdfStyle.Body, PdfAlign.Center, 6);
        book.Paragraph($"Класний керівник: {journal.ClassTeacher ?? "не призначено"}", PdfStyle.Body, PdfAlign.Center, 40);

        var subjects = new PdfTable([new PdfColumn("Предмет (група)"), new PdfColumn("Вчитель", 220)]) { BodyStyle = PdfStyle.Body, HeaderStyle = PdfStyle.SmallBold.WithSize(9) };
        foreach (var p in journal.Pages) subjects.Add(p.Title, p.Teachers);
        book.Paragraph("Предмети та вчителі", PdfStyle.Heading, spaceAfter: 6);
        book.Table(subjects);

        book.AddPage(PdfOrientation.Portrait, "Список учнів");
        book.Paragraph($"Список учнів {journal.ClassName} класу", PdfStyle.Heading, spaceAfter: 6);
        var list = new PdfTable([new PdfColumn("№", 24, PdfAlign.Right), new PdfColumn("Прізвище, ім'я учня"), new PdfColumn("Примітка", 200)])
            { BodyStyle = PdfStyle.Body, HeaderStyle = PdfStyle.SmallBold.WithSize(9) };
        foreach (var s in journal.Students)
            list.Add(s.Number.ToString(), s.Name, string.Join("; ", new[] { s.Note, s.IndividualStudy ? "індивідуальне навчання" : "" }.Where(n => n.Length > 0)));
        book.Table(list);
    }

    /// <summary>The columns of a subject page in chunks that fit a landscape page, broken at month ends where a month fits whole.</summary>
    internal static List<List<JournalColumn>> Chunks(IReadOnlyList<JournalColumn> columns, int perPage)
    {
        var chunks = new List<List<JournalColumn>>();
        var current = new List<JournalColumn>();
        foreach (var month in columns.GroupBy(c => (c.Date.Year, c.Date.Month)))
        {
            var items = month.ToList();
            if (current.Count > 0 && current.Count + items.Count > perPage)
            {
                chunks.Add(current);
                current = [];
            }

            foreach (var column in items)
            {
                if (current.Count == perPage)
                {
                    chunks.Add(current);
                    current = [];
                }

                current.Add(column);
            }
        }

        if (current.Count > 0 || chunks.Count == 0) chunks.Add(current);
        return chunks;
    }

    private static void SubjectPages(PdfBook book, JournalPage page)
    {
        var perPage = (int)((PdfPage.A4Long - 2 * PdfBook.Margin - NumberWidth - NameWidth) / MarkWidth);
        foreach (var chunk in Chunks(page.Columns, perPage))
        {
            // The left page: students × dates and dateless columns (M-2, M-3).
            book.AddPage(PdfOrientation.Landscape, page.Title);
            var first = chunk.Count > 0 ? chunk[0].Date : (DateOnly?)null;
            var last = chunk.Count > 0 ? chunk[^1].Date : (DateOnly?)null;
            book.Paragraph($"{page.Title}" + (page.Teachers.Length > 0 ? $" — вчитель: {page.Teachers}" : "")
                + (first is { } f && last is { } l ? $"   ({f:dd.MM.yyyy}–{l:dd.MM.yyyy})" : ""), PdfStyle.Heading.WithSize(10), spaceAfter: 3);
            var left = new PdfTable([
                new PdfColumn("№", NumberWidth, PdfAlign.Right),
                new PdfColumn("Прізвище, ім'я учня", NameWidth),
                .. chunk.Select(c => new PdfColumn(c.Title, MarkWidth, PdfAlign.Center, VerticalHeader: true)),
            ]) { BodyStyle = PdfStyle.Small.WithSize(7), Pad = 1.5f }; // 35 students fit one landscape page
            foreach (var s in page.Students)
                left.Add([s.Number.ToString(), s.Name, .. chunk.Select(c => page.Cell(s.Id, c.Key))]);
            book.Table(left);
            OutcomeLegend(book, page, chunk);

            // The right page: what was done at those lessons (J-6, J-9).
            book.AddPage(PdfOrientation.Landscape, page.Title);
            book.Paragraph($"{page.Title}: зміст уроків", PdfStyle.Heading, spaceAfter: 4);
            var dates = chunk.Where(c => c.IsLesson).Select(c => c.Key).ToHashSet();
            var right = new PdfTable([
                new PdfColumn("Дата", 44, PdfAlign.Center),
                new PdfColumn("№ уроку", 34, PdfAlign.Center),
                new PdfColumn("Зміст уроку"),
                new PdfColumn("Домашнє завдання", 250),
            ]) { BodyStyle = PdfStyle.Small.WithSize(8) };
            foreach (var lesson in LessonsOf(page, chunk))
                right.Add(new PdfRow([lesson.Date.ToString("dd.MM"), lesson.Number.ToString(), lesson.LessonTopic, lesson.Homework],
                    Leads: lesson.Theme is null ? null : [null, null, lesson.Theme, null])); // J-6: the theme's title on its first lesson, bold
            book.Table(right);
        }
    }

    /// <summary>N-7: under a left page with group-of-results columns, the groups' titles: "ГР1 — …".</summary>
    private static void OutcomeLegend(PdfBook book, JournalPage page, List<JournalColumn> chunk)
    {
        var codes = chunk.Where(c => MarkColumns.IsResultGroup(c.Column)).Select(c => c.Title).ToHashSet();
        var shown = page.Outcomes.Where(o => codes.Contains(o.Code)).ToList();
        if (shown.Count == 0) return;
        book.Space(3);
        book.Paragraph("Групи результатів навчання:", PdfStyle.SmallBold.WithSize(7.5f), spaceAfter: 1);
        foreach (var o in shown) book.Paragraph($"{o.Code} — {o.Title}", PdfStyle.Small.WithSize(7.5f), spaceAfter: 0);
    }

    // The lessons whose date columns are in the chunk, in the order of the columns.
    private static IEnumerable<JournalLessonLine> LessonsOf(JournalPage page, List<JournalColumn> chunk)
    {
        var lessonColumns = page.Columns.Where(c => c.IsLesson).ToList();
        var index = lessonColumns.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        return chunk.Where(c => c.IsLesson).Select(c => page.Lessons[index[c.Key]]);
    }
}
