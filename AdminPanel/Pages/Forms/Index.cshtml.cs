using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Bot.Domain.Forms;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Forms;

/// <summary>A form as the page sends it.</summary>
public sealed class FamilyFormFields
{
    [Display(Name = "Клас")]
    public Guid ClassId { get; set; }

    /// <summary>The students ticked; none: the whole class.</summary>
    public List<Guid> StudentIds { get; set; } = [];

    public FormKind Kind { get; set; } = FormKind.Permission;

    [Display(Name = "Питання")]
    public string? Question { get; set; }

    /// <summary>A poll's options (the empty ones are left out).</summary>
    public List<string?> Options { get; set; } = [];

    [Display(Name = "Відповісти до")]
    public DateTime? Deadline { get; set; }
}

/// <summary>
/// "Дозволи й опитування" (ADR 0045): the administration creates a form for any class, a class teacher for
/// their own (anything else is 403) — a permission with Так/Ні or a poll with 2–6 options, for the whole class or the students
/// ticked, with a deadline; the list links each form's results.
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class IndexModel(PanelUser user, FormService forms, TimeProvider clock) : PageModel
{
    public School? School { get; private set; }
    public List<SchoolClass> Classes { get; private set; } = [];
    public SchoolClass? Class { get; private set; }
    public List<Student> Students { get; private set; } = [];
    public List<FormListRow> List { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    [BindProperty]
    public FamilyFormFields Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid? classId, CancellationToken ct)
    {
        await LoadAsync(classId, ct);
        if (School is null) return Page();
        if (classId is not null && Class is null) return NotFound();
        Form.Deadline = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Zone).Date.AddDays(3).AddHours(18);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(Form.ClassId, ct);
        if (School is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var created = await forms.CreateAsync(user.Actor, School.Id, new FormInput(Form.ClassId, Form.StudentIds, Form.Kind, Form.Question,
            Form.Options.OfType<string>().ToList(), Form.Deadline), ct);
        if (!created.IsSuccess)
        {
            if (created.Error.Code == "form.forbidden") return Forbid();
            // A field's error goes next to it; the class's (the form is not shown without a class) and the rest above the form.
            var code = created.Error.Code;
            var field = code.StartsWith("form.", StringComparison.Ordinal) && char.IsUpper(code[5]) && code != "form.ClassId" ? "Form." + code[5..] : "";
            ModelState.AddModelError(field, created.Error.Message);
            return Page();
        }

        TempData["Notice"] = $"{FormPrints.KindTitle(created.Value!.Kind)} для «{created.Value.AudienceTitle}» поставлено в чергу батькам.";
        return RedirectToPage("/Forms/Results", new { id = created.Value.Id });
    }

    private async Task LoadAsync(Guid? classId, CancellationToken ct)
    {
        School = await user.SchoolAsync(ct);
        if (School is null) return;
        Zone = SchoolTime.Resolve(School.TimeZone);
        Classes = user.StaffId is null && !user.IsAdministration ? [] : await forms.ClassesForAsync(user.Actor, School.Id, ct);
        Class = Classes.FirstOrDefault(c => c.Id == classId) ?? (classId is null && Classes.Count == 1 ? Classes[0] : null);
        if (Class is not null)
        {
            Form.ClassId = Class.Id;
            Students = await forms.StudentsOfAsync(School.Id, Class.Id, ct);
        }

        List = await forms.ListAsync(School.Id, user.IsAdministration ? null : user.StaffId ?? Guid.Empty, 50, ct);
    }

    public string When(DateTime utc) => FormService.Local(utc, Zone);
}
