using Bot.Domain.Diary;
using Bot.Domain.Persistence;

namespace Bot.Domain.Printing;

public enum ExportFormat
{
    Pdf,
    Csv,
    Xlsx,
}

/// <summary>A file to hand to a person: its name, its media type and its bytes.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The printed journal and its exports as files, for the panel's print page and the <c>export journal</c> verb alike:
/// reads the class's journal for the period (<see cref="DiaryQueries.ClassJournalAsync"/>) and writes it as PDF
/// (<see cref="ClassJournalPdf"/>), CSV (one <see cref="JournalSection"/>) or XLSX (<see cref="JournalExport"/>).
/// </summary>
public sealed class JournalPrints(JournalDbContext db, TimeProvider clock)
{
    public static readonly DomainError BadFormat = new("export.format", "Формат — pdf, csv або xlsx.");

    public static readonly DomainError BadSection = new("export.section",
        "Розділ для CSV — journal (оцінки і пропуски), lessons (зміст уроків), attendance (відвідування) або achievements (зведений облік).");

    public static Result<ExportFormat> ParseFormat(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "pdf" => ExportFormat.Pdf,
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => BadFormat,
    };

    public static Result<JournalSection> ParseSection(string? text) => (text ?? "journal").Trim().ToLowerInvariant() switch
    {
        "journal" or "" => JournalSection.Journal,
        "lessons" => JournalSection.Lessons,
        "attendance" => JournalSection.Attendance,
        "achievements" => JournalSection.Achievements,
        _ => BadSection,
    };

    public async Task<Result<ExportFile>> ClassJournalAsync(Guid classId, string? period, ExportFormat format, JournalSection section = JournalSection.Journal,
        Guid? subjectId = null, bool archive = false, CancellationToken ct = default)
    {
        var read = await new DiaryQueries(db, clock).ClassJournalAsync(classId, period, subjectId, ct);
        if (!read.IsSuccess) return read.Error;
        var journal = read.Value!;
        var name = $"журнал-{journal.ClassName}-{journal.Period.Code}";
        switch (format)
        {
            case ExportFormat.Pdf:
                return new ExportFile(name + ".pdf", "application/pdf", ClassJournalPdf.Render(journal, clock.GetUtcNow(), archive));
            case ExportFormat.Xlsx:
            {
                using var stream = new MemoryStream();
                await JournalExport.WriteXlsxAsync(journal, stream, ct);
                return new ExportFile(name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stream.ToArray());
            }

            default:
            {
                using var stream = new MemoryStream();
                await JournalExport.WriteCsvAsync(JournalExport.Table(journal, section), stream, ct);
                return new ExportFile($"{name}-{JournalExport.SectionTitle(section).Replace(' ', '-')}.csv", "text/csv; charset=utf-8", stream.ToArray());
            }
        }
    }
}
