using System.Text.RegularExpressions;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Text;
using MiniExcelLibs;

namespace Bot.Domain.Printing;

/// <summary>What a CSV export of a journal holds: one table a file.</summary>
public enum JournalSection
{
    /// <summary>Marks and absences: a row a filled cell (subject, date, column, student, value).</summary>
    Journal,

    /// <summary>The lessons: subject, date, number, topic, homework (J-6, J-9).</summary>
    Lessons,

    /// <summary>The attendance summary (A-2).</summary>
    Attendance,

    /// <summary>The summary of achievements (M-6..M-9).</summary>
    Achievements,
}

/// <summary>A table with Ukrainian headers, as exported.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The journal's data as tables for people's spreadsheets (J-1): CSV in UTF-8 with a BOM and `;` (what Excel
/// opens in Ukraine; a cell that looks like a formula marked as text, <see cref="SpreadsheetCells"/>), a table a file
/// (<see cref="JournalSection"/>); XLSX (MiniExcel, every cell a string, never a formula) with a sheet per subject page
/// (students × dates, as on paper) and sheets for the lessons, the attendance and the summary of achievements. Made
/// from the same <see cref="ClassJournal"/> as the printed journal.
/// </summary>
public static partial class JournalExport
{
    public static ExportTable Table(ClassJournal journal, JournalSection section)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return section switch
        {
            JournalSection.Journal => Cells(journal),
            JournalSection.Lessons => Lessons(journal),
            JournalSection.Attendance => Attendance(journal),
            JournalSection.Achievements => Achievements(journal),
            _ => throw new ArgumentOutOfRangeException(nameof(section)),
        };
    }

    public static string SectionTitle(JournalSection section) => section switch
    {
        JournalSection.Journal => "оцінки і пропуски",
        JournalSection.Lessons => "зміст уроків",
        JournalSection.Attendance => "відвідування",
        _ => "зведений облік",
    };

    private static ExportTable Cells(ClassJournal journal)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var page in journal.Pages)
            foreach (var column in page.Columns)
                foreach (var student in page.Students)
                    if (page.Cell(student.Id, column.Key) is { Length: > 0 } value)
                        rows.Add([page.Title, column.Date.ToString("dd.MM.yyyy"), column.IsLesson ? "" : column.Label,
                            student.Number.ToString(), student.Name, value]);
        return new("Оцінки і пропуски", ["Предмет", "Дата", "Колонка", "№", "Учень", "Запис"], rows);
    }

    private static ExportTable Lessons(ClassJournal journal) =>
        new("Зміст уроків", ["Предмет", "Дата", "№ уроку", "Зміст уроку", "Домашнє завдання"],
            journal.Pages.SelectMany(p => p.Lessons.Select(l => (IReadOnlyList<string>)
                [p.Title, l.Date.ToString("dd.MM.yyyy"), l.Number.ToString(), l.Topic.Replace("\n", ". ", StringComparison.Ordinal), l.Homework])).ToList());

    private static ExportTable Attendance(ClassJournal journal)
    {
        var headers = new List<string> { "№", "Учень" };
        foreach (var (_, m) in journal.Months) headers.AddRange([$"{JournalPeriod.MonthNames[m - 1]}: уроків", $"{JournalPeriod.MonthNames[m - 1]}: з них хв", $"{JournalPeriod.MonthNames[m - 1]}: днів"]);
        headers.AddRange(["Усього: уроків", "Усього: з них хв", "Усього: днів", "Усього: днів з них хв"]);
        var rows = journal.Attendance.Select(a =>
        {
            var row = new List<string> { a.Student.Number.ToString(), a.Student.Name };
            foreach (var month in journal.Months)
            {
                var t = a.Months.GetValueOrDefault(month);
                row.AddRange([t.Lessons.ToString(), t.LessonsIll.ToString(), t.Days.ToString()]);
            }

            row.AddRange([a.Total.Lessons.ToString(), a.Total.LessonsIll.ToString(), a.Total.Days.ToString(), a.Total.DaysIll.ToString()]);
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new("Відвідування", headers, rows);
    }

    private static ExportTable Achievements(ClassJournal journal)
    {
        var columns = ClassJournalPdf.SummaryColumns(journal);
        // N-7: in an НУШ class, a column per semester with the marks by group of outcomes ("ГР1: 8; ГР2: 9") before the semester's.
        var outcomeSemesters = new[] { 1, 2 }.Where(n => journal.Achievements.Any(r => r.Outcomes.Any(o => o.Of(n).Length > 0))).ToList();
        var headers = new List<string> { "№", "Учень", "Предмет" };
        var parts = new List<Func<JournalSummaryRow, string>>();
        foreach (var n in outcomeSemesters)
        {
            headers.Add($"Групи результатів, {(n == 1 ? "І" : "ІІ")} семестр");
            parts.Add(r => string.Join("; ", r.Outcomes.Where(o => o.Of(n).Length > 0).Select(o => $"{o.Code}: {o.Of(n)}")));
        }

        headers.AddRange(columns.Select(MarkColumns.FullTitle));
        parts.AddRange(columns.Select(c => (Func<JournalSummaryRow, string>)(r => r.Mark(c))));
        // N-12: the notes (the council's decision, converted marks' sources, displaced students) as rows after the summary.
        var notes = journal.Footnotes.Select(n => (IReadOnlyList<string>)["", "Примітка", n.Text, .. parts.Select(_ => "")]);
        return new("Зведений облік", headers,
            journal.Achievements.Select(r => (IReadOnlyList<string>)[r.Student.Number.ToString(), r.Student.Name, r.Subject, .. parts.Select(p => p(r))])
                .Concat(notes).ToList());
    }

    /// <summary>A subject page as on paper: a row a student, a column a lesson date or dateless column (headers made unique).</summary>
    public static ExportTable Grid(JournalPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var seen = new Dictionary<string, int>();
        string Unique(string title)
        {
            seen[title] = seen.GetValueOrDefault(title) + 1;
            return seen[title] == 1 ? title : $"{title} ({seen[title]})";
        }

        var headers = new List<string> { "№", "Учень" };
        headers.AddRange(page.Columns.Select(c => Unique(c.IsLesson ? c.Title : c.Caption ?? $"{MarkColumns.FullTitle(c.Column)} {c.Date:dd.MM}")));
        var rows = page.Students.Select(s => (IReadOnlyList<string>)[s.Number.ToString(), s.Name, .. page.Columns.Select(c => page.Cell(s.Id, c.Key))]).ToList();
        return new(page.Title, headers, rows);
    }

    public static async Task WriteCsvAsync(ExportTable table, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await SpreadsheetCells.WriteCsvAsync(output, table.Headers, table.Rows, ct);
    }

    /// <summary>The workbook: a sheet per subject page, then the lessons, the attendance and the summary of achievements.</summary>
    public static async Task WriteXlsxAsync(ClassJournal journal, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var sheets = new Dictionary<string, object>();
        void Add(ExportTable t)
        {
            var name = SheetName(t.Name, sheets.Keys);
            var rows = t.Rows.Select(r => t.Headers.Select((h, i) => (h, r[i])).ToDictionary(x => x.h, x => (object)x.Item2)).ToList();
            if (rows.Count == 0) rows.Add(t.Headers.ToDictionary(h => h, _ => (object)""));
            sheets[name] = rows;
        }

        foreach (var page in journal.Pages) Add(Grid(page));
        foreach (var section in new[] { JournalSection.Lessons, JournalSection.Attendance, JournalSection.Achievements }) Add(Table(journal, section));
        await MiniExcel.SaveAsAsync(output, sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
    }

    /// <summary>Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    public static string SheetName(string title, IEnumerable<string> taken)
    {
        var name = Forbidden().Replace(title, "-");
        if (name.Length > 31) name = name[..31];
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = 2; used.Contains(name); n++) name = $"{name[..Math.Min(name.Length, 27)]} ({n})";
        return name;
    }

    [GeneratedRegex(@"[\[\]:*?/\\]")]
    private static partial Regex Forbidden();
}
