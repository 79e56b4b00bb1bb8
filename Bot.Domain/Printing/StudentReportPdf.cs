using Bot.Domain.Attendance;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Printing;

/// <summary>
/// A student's report for their parents: the semester's marks by subject (current marks with their mean,
/// thematic and final marks) and the attendance (A-2), as one or two A4 pages. Made from the diary's own queries
/// (<see cref="DiaryQueries.StudentMarksAsync"/>, <see cref="DiaryQueries.ClassAttendanceAsync"/>) — the same numbers the
/// bot's <c>/marks</c> and <c>/attendance</c> show.
/// </summary>
public sealed class StudentReportPdf(JournalDbContext db, TimeProvider clock)
{
    public async Task<Result<ExportFile>> RenderAsync(Guid studentId, int? semester = null, CancellationToken ct = default)
    {
        var queries = new DiaryQueries(db, clock);
        var read = await queries.StudentMarksAsync(studentId, semester, ct);
        if (!read.IsSuccess) return read.Error;
        var marks = read.Value!;
        var place = await db.Enrolments.AsNoTracking().Where(e => e.StudentId == studentId && e.From <= marks.To)
            .Join(db.Classes, e => e.ClassId, c => c.Id, (e, c) => new { e.From, Class = c })
            .Join(db.Schools, x => x.Class.SchoolId, s => s.Id, (x, s) => new { x.From, x.Class, School = s })
            .OrderByDescending(x => x.From).FirstOrDefaultAsync(ct);
        if (place is null) return DiaryErrors.StudentNotFound;
        var today = Schools.SchoolTime.Today(clock, place.School.TimeZone);
        var until = today < marks.To ? today : marks.To;
        AttendanceTotals? totals = null;
        if (until >= marks.From && await queries.ClassAttendanceAsync(place.Class.Id, marks.From, until, ct) is { IsSuccess: true } attendance)
            totals = attendance.Value!.Students.FirstOrDefault(s => s.StudentId == studentId)?.Totals;

        var semesterTitle = marks.Semester == 1 ? "І семестр" : "ІІ семестр";
        using var book = new PdfBook($"{place.School.Name}, {place.Class.Name}, {marks.YearTitle}",
            new PdfInfo($"Звіт про навчальні досягнення: {marks.StudentName}, {semesterTitle} {marks.YearTitle}", place.School.Name, clock.GetUtcNow()));
        book.AddPage(PdfOrientation.Portrait, "Звіт про навчальні досягнення");
        book.Paragraph("Звіт про навчальні досягнення", PdfStyle.Title.WithSize(16), spaceAfter: 6);
        book.Paragraph($"{marks.StudentName}, {place.Class.Name} клас", PdfStyle.Heading, spaceAfter: 2);
        book.Paragraph($"{semesterTitle} {marks.YearTitle} н. р. ({marks.From:dd.MM.yyyy}–{marks.To:dd.MM.yyyy}); станом на {until:dd.MM.yyyy}", PdfStyle.Body, spaceAfter: 10);

        var table = new PdfTable([
            new PdfColumn("Предмет", 120),
            new PdfColumn("Поточні оцінки"),
            new PdfColumn("Середній бал", 46, PdfAlign.Center),
            new PdfColumn("Тематичні", 70, PdfAlign.Center),
            new PdfColumn("Семестрова, річна", 90, PdfAlign.Center),
        ]) { BodyStyle = PdfStyle.Small.WithSize(8.5f), HeaderStyle = PdfStyle.SmallBold.WithSize(8) };
        foreach (var s in marks.Subjects)
        {
            table.Add(s.PageTitle,
                string.Join(" ", s.Marks.Select(m => m.Column == MarkColumn.Current ? m.Value.Text : $"{m.Value.Text} ({MarkColumns.Title(m.Column).ToLowerInvariant()})")),
                // 8,33: a Ukrainian decimal comma whatever the server's culture.
                s.Average?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',') ?? "",
                string.Join(" ", s.Thematic.Select(m => m.Value.Text)),
                string.Join("; ", s.Final.Select(m => $"{MarkColumns.FullTitle(m.Column)}: {m.Value.Text}")));
            // N-7: an НУШ class's marks by group of learning outcomes, a line a group under the subject.
            foreach (var o in s.Outcomes) table.Add("", $"{o.Code} — {o.Title}", "", "", o.Value.Text);
        }
        if (marks.Subjects.Count == 0) book.Paragraph("Оцінок за цей семестр ще немає.", PdfStyle.Body);
        else book.Table(table);

        book.Paragraph("Відвідування", PdfStyle.Heading, spaceAfter: 3);
        book.Paragraph(totals is { } t ? Attendance(t) : "Даних про відвідування за цей період немає.", PdfStyle.Body);
        var name = $"звіт-{marks.StudentName.Replace(' ', '-')}-семестр{marks.Semester}.pdf";
        return new ExportFile(name, "application/pdf", book.ToBytes());
    }

    private static string Attendance(AttendanceTotals t) =>
        t.Lessons == 0 ? "Пропущених уроків немає." :
        $"Пропущено уроків: {t.Lessons} (з них за хворобою — {t.LessonsIll}); пропущено днів: {t.Days} (з них за хворобою — {t.DaysIll}).";
}
