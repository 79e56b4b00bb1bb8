using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Printing;

/// <summary>
/// The свідоцтво досягнень of a class's students for the school year, a page a student, with the school's name, the year
/// and the class teacher (docs/rules.md N-8, N-13, N-21): in grades 1–2 each educational field's expected learning
/// outcomes with the year's level (<see cref="OutcomeResult"/>); in grades 3 and up each subject's semester and annual
/// results — levels or verbal in 3–4 (N-14), and in НУШ classes a line per group of results under its subject (N-7) —
/// read from the year's class journal (<see cref="DiaryQueries.ClassJournalAsync"/>), the same numbers as the report card;
/// then the class teacher's description of the student's learning activity (<see cref="CertificateDescription"/>, N-8).
/// </summary>
public sealed class AchievementCertificatePdf(JournalDbContext db, TimeProvider clock)
{
    private static readonly MarkColumn[] Columns = [MarkColumn.Semester1, MarkColumn.Semester2, MarkColumn.Annual];

    /// <summary>One student's свідоцтво, or (no student) the whole class's in one file.</summary>
    public async Task<Result<ExportFile>> RenderAsync(Guid classId, Guid? studentId = null, CancellationToken ct = default)
    {
        var read = await new DiaryQueries(db, clock).ClassJournalAsync(classId, "year", ct: ct);
        if (!read.IsSuccess) return read.Error;
        var journal = read.Value!;
        // The class's file: the students who finish the year in the class; one student's: whoever is asked for.
        var students = journal.Students.Where(s => studentId is null ? s.To is null || s.To >= journal.Period.To : s.Id == studentId).ToList();
        if (students.Count == 0) return studentId is null ? new DomainError("certificate.empty", "У класі немає учнів.") : DiaryErrors.StudentNotFound;
        var cls = await db.Classes.AsNoTracking().FirstAsync(c => c.Id == classId, ct);

        using var book = new PdfBook(journal.RunningHeader,
            new PdfInfo(studentId is null ? $"Свідоцтва досягнень {journal.ClassName} класу, {journal.YearTitle}" : $"Свідоцтво досягнень: {students[0].Name}, {journal.YearTitle}",
                journal.SchoolName, clock.GetUtcNow()));
        var descriptions = await new LearningOutcomeService(db, clock).DescriptionsAsync(classId, ct);
        if (journal.Grade <= 2)
        {
            var setup = await new LearningOutcomeService(db, clock).ForYearAsync(cls.SchoolId, cls.SchoolYearId, ct);
            var levels = await new LearningOutcomeService(db, clock).ResultsAsync(classId, ct);
            foreach (var s in students) PrimaryPage(book, journal, s, setup, levels, descriptions.GetValueOrDefault(s.Id));
        }
        else
        {
            var rows = journal.Achievements.ToLookup(r => r.Student.Id);
            foreach (var s in students) SubjectPage(book, journal, s, rows[s.Id].ToList(), descriptions.GetValueOrDefault(s.Id));
        }

        var name = studentId is null
            ? $"свідоцтва-{journal.ClassName}-{journal.YearTitle}.pdf"
            : $"свідоцтво-{students[0].Name.Replace(' ', '-')}-{journal.YearTitle}.pdf";
        return new ExportFile(name, "application/pdf", book.ToBytes());
    }

    private static void Head(PdfBook book, ClassJournal journal, JournalStudent student)
    {
        book.AddPage(PdfOrientation.Portrait, "Свідоцтво досягнень");
        book.Paragraph(journal.SchoolName, PdfStyle.Heading, PdfAlign.Center, 10);
        book.Paragraph("СВІДОЦТВО ДОСЯГНЕНЬ", PdfStyle.Title.WithSize(18), PdfAlign.Center, 4);
        book.Paragraph($"за {journal.YearTitle} навчальний рік", PdfStyle.Body, PdfAlign.Center, 12);
        book.Paragraph($"{student.Name}, {journal.ClassName} клас", PdfStyle.Heading.WithSize(11), spaceAfter: 2);
        book.Paragraph($"Класний керівник: {journal.ClassTeacher ?? "не призначено"}", PdfStyle.Body, spaceAfter: 10);
    }

    private static void PrimaryPage(PdfBook book, ClassJournal journal, JournalStudent student, OutcomeSetup setup,
        IReadOnlyDictionary<(Guid Student, Guid Outcome), OutcomeLevel> levels, string? description)
    {
        Head(book, journal, student);
        if (setup.Fields.Count == 0)
        {
            book.Paragraph("Очікувані результати навчання на цей рік ще не задано.", PdfStyle.Body);
            Description(book, description);
            Signatures(book, journal);
            return;
        }

        var table = new PdfTable([new PdfColumn("Очікуваний результат навчання"), new PdfColumn("Результат навчального року", 230)])
            { BodyStyle = PdfStyle.Body.WithSize(8.5f), HeaderStyle = PdfStyle.SmallBold.WithSize(8) };
        foreach (var field in setup.Fields)
        {
            table.Add(new PdfRow([$"{field.Name} освітня галузь", ""], Bold: true, Shade: true));
            foreach (var o in setup.Outcomes[field.Id])
                table.Add($"{o.Code} {o.Title}", levels.TryGetValue((student.Id, o.Id), out var level) ? level.Text() : "—");
        }

        book.Table(table);
        Description(book, description);
        Signatures(book, journal);
    }

    private static void SubjectPage(PdfBook book, ClassJournal journal, JournalStudent student, IReadOnlyList<JournalSummaryRow> rows, string? description)
    {
        Head(book, journal, student);
        var table = new PdfTable([new PdfColumn("Предмет"), .. Columns.Select(c => new PdfColumn(MarkColumns.FullTitle(c), 70, PdfAlign.Center))])
            { BodyStyle = PdfStyle.Body.WithSize(8.5f), HeaderStyle = PdfStyle.SmallBold.WithSize(8) };
        foreach (var line in rows)
        {
            // N-8: in an НУШ class a subject's results by group of outcomes, each in its semester's column, under the subject.
            table.Add(new PdfRow([line.Subject, .. Columns.Select(line.Mark)], Bold: line.Outcomes.Count > 0));
            foreach (var o in line.Outcomes) table.Add($"   {o.Code} — {o.Title}", o.Semester1, o.Semester2, "");
        }

        if (rows.Count == 0) book.Paragraph("Результатів за цей рік ще немає.", PdfStyle.Body);
        else book.Table(table);
        Description(book, description);
        Signatures(book, journal);
    }

    /// <summary>N-8: the class teacher's description of the student's learning activity; «—» when none is written.</summary>
    private static void Description(PdfBook book, string? description)
    {
        book.Ensure(40).Y += 10;
        book.Paragraph("Характеристика навчальної діяльності", PdfStyle.Heading.WithSize(11), spaceAfter: 4);
        var lines = (description ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !VisibleText.IsBlank(l)).ToList();
        if (lines.Count == 0) lines.Add("—");
        foreach (var line in lines) book.Paragraph(line, PdfStyle.Body, spaceAfter: 2);
    }

    private static void Signatures(PdfBook book, ClassJournal journal)
    {
        book.Ensure(60).Y += 16;
        book.Paragraph($"Класний керівник ____________________ {journal.ClassTeacher ?? ""}", PdfStyle.Body, spaceAfter: 14);
        book.Paragraph("Директор ____________________", PdfStyle.Body);
    }
}
