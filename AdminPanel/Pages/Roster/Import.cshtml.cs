using AdminPanel.Access;
using Bot.Domain.Roster.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Roster;

/// <summary>
/// The roster from a spreadsheet: upload → preview (every bad row and why, what would change) → import (all or
/// nothing); and the export in the same format. The previewed file travels back with the import button, so the import
/// checks exactly what was shown, again.
/// </summary>
[Authorize(Policy = Policies.Rosters)]
// The form takes a file somewhat over the limit, so that the page answers "too big" with the limit rather than failing.
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes * 2, ValueLengthLimit = MaxFileBytes * 2)]
[RequestSizeLimit(MaxFileBytes * 3)]
public sealed class ImportModel(PanelUser user, RosterImportService import, RosterExport export) : PageModel
{
    public const int MaxFileBytes = ImportLimits.MaxFileBytes;

    public ImportPlan? Plan { get; private set; }
    public bool Committed { get; private set; }
    public string? FileName { get; private set; }
    public string? FileContent { get; private set; }
    public string? SchoolName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => SchoolName = (await user.SchoolAsync(ct))?.Name;

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        SchoolName = (await user.SchoolAsync(ct))?.Name;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Оберіть файл CSV або XLSX зі списками.");
            return Page();
        }

        if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError("file", ImportLimits.FileTooBig.Message);
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        FileName = Path.GetFileName(file.FileName);
        FileContent = Convert.ToBase64String(buffer.ToArray());
        Plan = await RunAsync(buffer.ToArray(), FileName, commit: false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string? fileName, string? content, CancellationToken ct)
    {
        SchoolName = (await user.SchoolAsync(ct))?.Name;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        if (bytes.Length == 0 || string.IsNullOrWhiteSpace(fileName))
        {
            ModelState.AddModelError("file", "Файл не надійшов: завантажте його ще раз.");
            return Page();
        }

        FileName = Path.GetFileName(fileName);
        Plan = await RunAsync(bytes, FileName, commit: true, ct);
        Committed = Plan.CanCommit;
        if (!Committed) FileContent = content;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return NotFound();
        var stream = new MemoryStream();
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (xlsx) await export.WriteXlsxAsync(school.Id, stream, ct);
        else await export.WriteCsvAsync(school.Id, stream, ct);
        stream.Position = 0;
        return File(stream, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
            $"учні.{(xlsx ? "xlsx" : "csv")}");
    }

    private async Task<ImportPlan> RunAsync(byte[] bytes, string fileName, bool commit, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return ImportPlan.Unreadable("У базі ще немає школи.");
        using var stream = new MemoryStream(bytes);
        var rows = RosterFile.Read(stream, fileName);
        if (!rows.IsSuccess) return ImportPlan.Unreadable(rows.Error.Message);
        if (!commit) return await import.PreviewAsync(school.Id, rows.Value!, ct);
        var result = await import.CommitAsync(user.Actor, school.Id, rows.Value!, ct);
        return result.IsSuccess ? result.Value! : ImportPlan.Unreadable(result.Error.Message);
    }
}
