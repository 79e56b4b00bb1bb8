using Bot.Domain.Printing;
using Bot.Domain.Text;

namespace Bot.Domain.Forms;

/// <summary>
/// A form's results as a file (ADR 0045): the printable list for the trip (A4, a row per child: the answer, and which guardian
/// gave it, when) and the CSV for a spreadsheet (a row per child and guardian; every cell through <see cref="SpreadsheetCells"/>).
/// </summary>
public static class FormPrints
{
    public const string NoAnswer = "немає відповіді";

    public static string KindTitle(FormKind kind) => kind == FormKind.Permission ? "Дозвіл" : "Опитування";

    public static ExportFile Pdf(FormReport r, DateTimeOffset now)
    {
        var f = r.Form;
        using var book = new PdfBook($"{r.SchoolName}, {r.ClassName}",
            new PdfInfo($"{KindTitle(f.Kind)}: {Cut(f.Question, 80)} — {f.AudienceTitle}", r.SchoolName, now));
        book.AddPage(PdfOrientation.Portrait, $"{KindTitle(f.Kind)} · {f.AudienceTitle}");
        book.Paragraph($"{KindTitle(f.Kind)} · {f.AudienceTitle}", PdfStyle.Title.WithSize(16), spaceAfter: 6);
        book.Paragraph(f.Question, PdfStyle.Heading, spaceAfter: 4);
        book.Paragraph($"Автор: {f.Signature}. Відповіді до {r.Deadline}; станом на {FormService.Local(now.UtcDateTime, r.Zone)}.", PdfStyle.Body, spaceAfter: 4);
        book.Paragraph(Totals(r), PdfStyle.Body, spaceAfter: 8);
        var table = new PdfTable([
            new PdfColumn("№", 22, PdfAlign.Right),
            new PdfColumn("Учень", 150),
            new PdfColumn("Відповідь", 90),
            new PdfColumn("Хто відповів"),
        ]) { BodyStyle = PdfStyle.Body, HeaderStyle = PdfStyle.SmallBold.WithSize(9) };
        var n = 0;
        foreach (var c in r.Children)
            table.Add(new PdfRow([(++n).ToString(), c.Student, c.Answer ?? NoAnswer, Who(c, r.Zone)], Shade: !c.Answered));
        book.Table(table);
        return new ExportFile($"{FileStem(r)}.pdf", "application/pdf", book.ToBytes());
    }

    public static async Task<ExportFile> CsvAsync(FormReport r, CancellationToken ct = default)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var c in r.Children)
        {
            if (c.Guardians.Count == 0) rows.Add([r.ClassName, c.Student, c.Answer ?? NoAnswer, "", "", "", ""]);
            foreach (var g in c.Guardians)
                rows.Add([r.ClassName, c.Student, c.Answer ?? NoAnswer, g.Guardian, g.Answer ?? NoAnswer,
                    g.AtUtc is { } at ? FormService.Local(at, r.Zone) : "", g.Via?.ToString() ?? ""]);
        }

        using var stream = new MemoryStream();
        await SpreadsheetCells.WriteCsvAsync(stream, ["Клас", "Учень", "Відповідь", "Батьки", "Відповідь батьків", "Коли", "Месенджер"], rows, ct);
        return new ExportFile($"{FileStem(r)}.csv", "text/csv; charset=utf-8", stream.ToArray());
    }

    /// <summary>"Так: 12 · Ні: 1 · немає відповіді: 3".</summary>
    public static string Totals(FormReport r) =>
        string.Join(" · ", r.Form.Options.Select(o => $"{o}: {r.Count(o)}").Append($"{NoAnswer}: {r.NotAnswered}"));

    /// <summary>"Іваненко Г. — Так, 20.11.2026 10:05 (Telegram); Іваненко П. — Ні, …"; the guardians who have not answered are left out.</summary>
    public static string Who(FormChildRow c, TimeZoneInfo zone) =>
        string.Join("; ", c.Guardians.Where(g => g.Answer is not null).Select(g => $"{g.Guardian} — {g.Answer}, {FormService.Local(g.AtUtc!.Value, zone)} ({g.Via})"));

    private static string FileStem(FormReport r) => $"{(r.Form.Kind == FormKind.Permission ? "dozvil" : "opytuvannia")}-{r.Form.CreatedAtUtc:yyyyMMdd-HHmm}";

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
