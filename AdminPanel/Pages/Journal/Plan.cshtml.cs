using AdminPanel.Access;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Roster.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Journal;

/// <summary>
/// The calendar-thematic plan of a class × subject (× group) (docs/decisions/0050-calendar-plan.md): the plan with the lessons
/// that took its topics; a file or pasted lines → a preview naming every bad line → import (all or nothing). The
/// previewed plan travels back with the import button as its lines, and the import reads and checks them again.
/// Who: the page's teacher and the administration (<see cref="CalendarPlanService.MayImportAsync"/>).
/// </summary>
[Authorize(Policy = Policies.Staff)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxFileBytes * 2, ValueLengthLimit = ImportLimits.MaxFileBytes * 2)]
[RequestSizeLimit(ImportLimits.MaxFileBytes * 3)]
public sealed class PlanModel(JournalDbContext db, PanelUser user, CalendarPlanService plans) : PageModel
{
    public string ClassName { get; private set; } = "";
    public string PageTitle { get; private set; } = "";
    public IReadOnlyList<PlanLineView> Lines { get; private set; } = [];

    /// <summary>The plan read from the file or the form, not yet imported.</summary>
    public PlanDraft? Draft { get; private set; }

    public string? Source { get; private set; }

    /// <summary>What the teacher pasted, shown again after a refusal.</summary>
    [BindProperty]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct) =>
        await LoadAsync(classId, subjectId, groupId, ct) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(Guid classId, Guid subjectId, Guid? groupId, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(classId, subjectId, groupId, ct) is { } refused) return refused;
        if (file is { Length: > 0 })
        {
            Source = $"файл «{Path.GetFileName(file.FileName)}»";
            if (file.Length > ImportLimits.MaxFileBytes) Draft = PlanDraft.Refused(ImportLimits.FileTooBig.Message);
            else
            {
                await using var stream = file.OpenReadStream();
                Draft = CalendarPlanFile.ReadFile(stream, file.FileName);
            }
        }
        else
        {
            Source = "вставлені рядки";
            Draft = CalendarPlanFile.ReadText(Text);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid classId, Guid subjectId, Guid? groupId, string? content, CancellationToken ct)
    {
        if (await LoadAsync(classId, subjectId, groupId, ct) is { } refused) return refused;
        Source = "перевірений план";
        Draft = CalendarPlanFile.ReadText(content);
        var imported = await plans.ImportAsync(user.Actor, classId, subjectId, groupId, Draft, ct);
        if (!imported.IsSuccess)
        {
            ModelState.AddModelError("plan", imported.Error!.Message);
            return Page();
        }

        TempData["Notice"] = $"План завантажено: уроків — {imported.Value}.";
        return RedirectToPage(new { classId, subjectId, groupId });
    }

    private async Task<IActionResult?> LoadAsync(Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (cls is null) return NotFound();
        if (user.StaffSchoolId is { } school && school != cls.SchoolId) return Forbid();
        var may = await plans.MayImportAsync(user.Actor, classId, subjectId, groupId, ct);
        if (!may.IsSuccess) return may.Error!.Code == "not_found" ? NotFound() : Forbid();
        var subject = await db.Subjects.AsNoTracking().FirstAsync(s => s.Id == subjectId, ct);
        var groupName = groupId is { } g ? await db.Groups.AsNoTracking().Where(x => x.Id == g).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        ClassName = cls.Name.ToString();
        PageTitle = ClassGroup.PageTitle(subject.Name, groupName);
        Lines = await plans.LinesAsync(classId, subjectId, groupId, ct);
        return null;
    }
}
