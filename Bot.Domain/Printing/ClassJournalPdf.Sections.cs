using Bot.Domain.Attendance;
using Bot.Domain.Diary;
using Bot.Domain.Grading;

namespace Bot.Domain.Printing;

/// <summary>The class teacher's sections of the printed journal (J-2): attendance, achievements, report cards, logs, remarks.</summary>
public static partial class ClassJournalPdf
{

    /// <summary>The final columns of the summary of achievements for the period, in the journal's order (M-6..M-8, M-10, N-13, N-14).</summary>
    public static IReadOnlyList<MarkColumn> SummaryColumns(ClassJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var present = journal.Achievements.SelectMany(r => r.Marks.Keys).ToHashSet();
        var always = new List<MarkColumn>();
        // N-13: grades 1–2 have no semester results; grades 3–4 have them (N-14).
        var semesters = GradeScales.HasSemesterResults(journal.Grade);
        if (semesters && journal.Period.ShowsSemester(1)) always.Add(MarkColumn.Semester1);
        if (semesters && journal.Period.ShowsSemester(2)) always.Add(MarkColumn.Semester2);
        if (journal.Period.Kind is JournalPeriodKind.Year or JournalPeriodKind.Semester2) always.Add(MarkColumn.Annual);
        return Enum.GetValues<MarkColumn>().Where(c => MarkColumns.IsFinal(c) && (always.Contains(c) || present.Contains(c))).ToList();
    }

    private static void AttendancePages(PdfBook book, ClassJournal journal)
    {
        book.AddPage(PdfOrientation.Landscape, "Облік відвідування");
        book.Paragraph("Облік відвідування навчальних занять", PdfStyle.Heading, spaceAfter: 2);
        book.Paragraph("Пропущено уроків і днів (пропущений день — коли пропущено всі уроки розкладу); у дужках — з них за хворобою (хв).", PdfStyle.Small, spaceAfter: 4);
        var semesters = new List<(string Title, Func<JournalAttendanceRow, AttendanceTotals?> Of)>();
        if (journal.Period.Kind != JournalPeriodKind.Month)
        {
            if (journal.Period.ShowsSemester(1)) semesters.Add(("І семестр", r => r.Semester1));
            if (journal.Period.ShowsSemester(2)) semesters.Add(("ІІ семестр", r => r.Semester2));
            if (journal.Period.Kind == JournalPeriodKind.Year) semesters.Add(("за рік", r => r.Total));
        }

        // Two columns (lessons, days) a month and a semester, as wide as the page allows: "12 (10)" fits one line from 28 pt.
        var countWidth = Math.Min(40f, (PdfPage.A4Long - 2 * PdfBook.Margin - NumberWidth - NameWidth) / (2 * (journal.Months.Count + semesters.Count)));
        var columns = new List<PdfColumn> { new("№", NumberWidth, PdfAlign.Right), new("Прізвище, ім'я учня", NameWidth) };
        foreach (var (_, m) in journal.Months)
        {
            columns.Add(new PdfColumn($"{JournalPeriod.MonthNames[m - 1]}: уроків", countWidth, PdfAlign.Center, true));
            columns.Add(new PdfColumn($"{JournalPeriod.MonthNames[m - 1]}: днів", countWidth, PdfAlign.Center, true));
        }

        foreach (var (title, _) in semesters)
        {
            columns.Add(new PdfColumn($"{title}: уроків", countWidth, PdfAlign.Center, true));
            columns.Add(new PdfColumn($"{title}: днів", countWidth, PdfAlign.Center, true));
        }

        var table = new PdfTable(columns);
        foreach (var row in journal.Attendance)
        {
            var cells = new List<string?> { row.Student.Number.ToString(), row.Student.Name + (row.Student.IndividualStudy ? " (інд. навчання)" : "") };
            foreach (var month in journal.Months)
            {
                var t = row.Months.TryGetValue(month, out var v) ? v : AttendanceTotals.Zero;
                cells.Add(Lessons(t));
                cells.Add(Days(t));
            }

            foreach (var (_, of) in semesters)
            {
                var t = of(row) ?? AttendanceTotals.Zero;
                cells.Add(Lessons(t));
                cells.Add(Days(t));
            }

            table.Add([.. cells]);
        }

        book.Table(table);
    }

    private static string Lessons(AttendanceTotals t) => t.Lessons == 0 ? "" : t.LessonsIll > 0 ? $"{t.Lessons} ({t.LessonsIll})" : t.Lessons.ToString();

    private static string Days(AttendanceTotals t) => t.Days == 0 ? "" : t.DaysIll > 0 ? $"{t.Days} ({t.DaysIll})" : t.Days.ToString();

    private static void AchievementPages(PdfBook book, ClassJournal journal)
    {
        var subjects = journal.Achievements.Select(r => r.Subject).Distinct().ToList();
        var rows = journal.Achievements.ToLookup(r => r.Student.Id);
        book.AddPage(PdfOrientation.Landscape, "Зведений облік навчальних досягнень");
        book.Paragraph("Зведений облік навчальних досягнень", PdfStyle.Heading, spaceAfter: 4);
        var width = Math.Min(40f, (PdfPage.A4Long - 2 * PdfBook.Margin - NumberWidth - NameWidth) / Math.Max(1, subjects.Count));
        foreach (var column in SummaryColumns(journal))
        {
            var title = MarkColumns.FullTitle(column);
            book.Ensure(120).Y += 2;
            book.Paragraph(title, PdfStyle.Heading.WithSize(10), spaceAfter: 3);
            var table = new PdfTable([
                new PdfColumn("№", NumberWidth, PdfAlign.Right),
                new PdfColumn("Прізвище, ім'я учня", NameWidth),
                .. subjects.Select(s => new PdfColumn(s, width, PdfAlign.Center, VerticalHeader: true)),
            ]);
            foreach (var student in journal.Students)
            {
                var marks = rows[student.Id].ToDictionary(r => r.Subject);
                table.Add([student.Number.ToString(), student.Name, .. subjects.Select(s => marks.TryGetValue(s, out var r) ? r.Mark(column) : "")]);
            }

            book.Table(table, 12);
        }

        Footnotes(book, journal.Footnotes);
    }

    /// <summary>N-12: the notes under the summary and on a report card, each on its own line in small type.</summary>
    private static void Footnotes(PdfBook book, IReadOnlyList<JournalFootnote> notes)
    {
        if (notes.Count == 0) return;
        book.Paragraph("Примітки:", PdfStyle.SmallBold.WithSize(8), spaceAfter: 1);
        foreach (var note in notes) book.Paragraph(note.Text, PdfStyle.Small.WithSize(8), spaceAfter: 1);
        book.Space(6);
    }

    private static void ReportCards(PdfBook book, ClassJournal journal)
    {
        var columns = SummaryColumns(journal);
        var rows = journal.Achievements.ToLookup(r => r.Student.Id);
        var attendance = journal.Attendance.ToDictionary(a => a.Student.Id);
        book.AddPage(PdfOrientation.Portrait, "Табель навчальних досягнень");
        book.Paragraph("Табель навчальних досягнень", PdfStyle.Heading, spaceAfter: 8);
        foreach (var student in journal.Students)
        {
            var lines = rows[student.Id].ToList();
            book.Ensure((lines.Count + lines.Sum(l => l.Outcomes.Count) + 4) * PdfStyle.Body.LineHeight + 40);
            book.Paragraph($"{student.Number}. {student.Name}", PdfStyle.Heading.WithSize(10), spaceAfter: 3);
            var table = new PdfTable([new PdfColumn("Предмет"), .. columns.Select(c => new PdfColumn(MarkColumns.FullTitle(c), 62, PdfAlign.Center))])
                { BodyStyle = PdfStyle.Small.WithSize(8) };
            foreach (var line in lines)
            {
                // N-7: an НУШ class's subject in bold over its lines of marks by group of outcomes, each in its semester's column.
                table.Add(new PdfRow([line.Subject, .. columns.Select(line.Mark)], Bold: line.Mathematics || line.Outcomes.Count > 0));
                foreach (var o in line.Outcomes)
                    table.Add([$"{o.Code} — {o.Title}", .. columns.Select(c => c switch
                    {
                        MarkColumn.Semester1 => o.Semester1,
                        MarkColumn.Semester2 => o.Semester2,
                        _ => "",
                    })]);
            }

            book.Table(table, 2);
            // N-12: this student's notes, and the council's decision where a "зар"/"незар" stands on the card.
            var credited = lines.Any(l => columns.Any(c => CellParser.IsCouncilCreditColumn(c) && l.Mark(c) is "зар" or "незар"));
            Footnotes(book, journal.Footnotes.Where(n => n.StudentId == student.Id || (n.CouncilCredit && credited)).ToList());
            var t = attendance.TryGetValue(student.Id, out var a) ? a.Total : AttendanceTotals.Zero;
            book.Paragraph($"Пропущено за період: уроків — {t.Lessons} (з них за хворобою — {t.LessonsIll}), днів — {t.Days} (з них за хворобою — {t.DaysIll}).",
                PdfStyle.Small.WithSize(8), spaceAfter: 12);
        }
    }

    private static void Logs(PdfBook book, ClassJournal journal)
    {
        book.AddPage(PdfOrientation.Portrait, "Екскурсії, інструктажі");
        book.Paragraph("Облік екскурсій та практики, не передбачених програмою", PdfStyle.Heading, spaceAfter: 4);
        LogTable(book, ["Дата", "Форма", "Тема (предмет)", "Вчитель"], journal.Excursions);
        book.Space(10);
        book.Paragraph("Вступний інструктаж, бесіди та інструктажі з безпеки життєдіяльності", PdfStyle.Heading, spaceAfter: 4);
        LogTable(book, ["Дата", "Учень", "Вид і тема", "Відмітка"], journal.Briefings);
    }

    private static void LogTable(PdfBook book, string[] titles, IReadOnlyList<JournalLogEntry> entries)
    {
        if (entries.Count == 0)
        {
            book.Paragraph("За період записів немає.", PdfStyle.Body);
            return;
        }

        var table = new PdfTable([new PdfColumn(titles[0], 50, PdfAlign.Center), new PdfColumn(titles[1], 120), new PdfColumn(titles[2]), new PdfColumn(titles[3], 110)])
            { BodyStyle = PdfStyle.Small.WithSize(8) };
        foreach (var e in entries) table.Add(e.Date.ToString("dd.MM.yyyy"), e.What, e.Topic, e.Who);
        book.Table(table);
    }

    private static void Remarks(PdfBook book, ClassJournal journal)
    {
        book.AddPage(PdfOrientation.Portrait, "Зауваження");
        book.Paragraph("Зауваження до ведення класного журналу", PdfStyle.Heading, spaceAfter: 4);
        if (journal.Remarks.Count == 0)
        {
            book.Paragraph("За період зауважень немає.", PdfStyle.Body);
            AuditHead(book, journal);
            return;
        }

        var table = new PdfTable([new PdfColumn("Дата", 50, PdfAlign.Center), new PdfColumn("Зауваження"), new PdfColumn("Хто записав", 90), new PdfColumn("Відмітка про виконання", 130)])
            { BodyStyle = PdfStyle.Small.WithSize(8) };
        foreach (var r in journal.Remarks)
            table.Add(r.WrittenOn.ToString("dd.MM.yyyy"), r.Text, r.Author,
                r.Answer is null ? "" : $"{r.Answer}, {r.AnsweredOn:dd.MM.yyyy}" + (r.AnsweredBy is { Length: > 0 } by ? $", {by}" : ""));
        book.Table(table);
        AuditHead(book, journal);
    }

    /// <summary>
    /// The school's audit head at the time of printing, at the end of the last page (ADR 0037 decision 3): a copy of the
    /// chain's last link kept on paper; a chain rewritten later no longer has this link.
    /// </summary>
    private static void AuditHead(PdfBook book, ClassJournal journal)
    {
        if (journal.AuditHead is not { Sequence: > 0 } head) return;
        book.Paragraph($"Журнал змін школи на час друку: останній запис № {head.Sequence}" +
            (head.AtLocal is { } at ? $" від {at:dd.MM.yyyy HH:mm}" : "") + ", його відбиток:", PdfStyle.Small, spaceAfter: 1);
        book.Paragraph(head.Hash, PdfStyle.Small);
    }
}
