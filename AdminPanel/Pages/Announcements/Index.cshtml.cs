using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Announcements;

/// <summary>An announcement as the form sends it.</summary>
public sealed class AnnouncementForm
{
    public AnnouncementAudience Audience { get; set; } = AnnouncementAudience.Class;

    [Display(Name = "Клас")]
    public Guid? ClassId { get; set; }

    [Display(Name = "Паралель")]
    public int? Grade { get; set; }

    [Display(Name = "Текст оголошення")]
    public string? Text { get; set; }

    public bool Urgent { get; set; }

    public bool AskAcknowledgement { get; set; }
}

/// <summary>
/// "Оголошення": the administration writes to the parents of a class, a grade or the whole school, a class
/// teacher to their own class's (anything else is 403); urgent ones go ahead of alerts, others at the digests' priority.
/// The list shows how many of each were delivered, are still on their way, or were not delivered (no consent, no chat,
/// switched off, the chat gone — the outbox rows say why).
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class IndexModel(PanelUser user, AnnouncementService announcements, NotificationRulesService rules, TimeProvider clock) : PageModel
{
    public School? School { get; private set; }
    public List<SchoolClass> Classes { get; private set; } = [];
    public List<int> Grades { get; private set; } = [];
    public bool MayWriteToAll => user.IsAdministration;
    public bool SwitchedOff { get; private set; }
    public List<AnnouncementRow> List { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    [BindProperty]
    public AnnouncementForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (School is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var posted = await announcements.PostAsync(user.Actor, School.Id, new AnnouncementInput(Form.Audience, Form.ClassId, Form.Grade, Form.Text, Form.Urgent, Form.AskAcknowledgement), ct);
        if (!posted.IsSuccess)
        {
            if (posted.Error.Code == "announcement.forbidden") return Forbid();
            var field = posted.Error.Code switch
            {
                "announcement.Text" => "Form.Text",
                "announcement.ClassId" => "Form.ClassId",
                "announcement.Grade" => "Form.Grade",
                _ => "",
            };
            ModelState.AddModelError(field, posted.Error.Message);
            return Page();
        }

        TempData["Notice"] = $"Оголошення для «{posted.Value!.AudienceTitle}» поставлено в чергу: {posted.Value.Recipients} батькам.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        School = await user.SchoolAsync(ct);
        if (School is null) return;
        Zone = SchoolTime.Resolve(School.TimeZone);
        var classes = await announcements.CurrentClassesAsync(School.Id, SchoolTime.Today(clock, School.TimeZone), ct);
        Classes = user.IsAdministration ? classes : classes.Where(c => c.ClassTeacherId == user.StaffId && user.StaffId is not null).ToList();
        Grades = Classes.Select(c => c.Grade).Distinct().Order().ToList();
        SwitchedOff = !(await rules.ForSchoolAsync(School.Id, ct)).Announcements;
        List = await announcements.ListAsync(School.Id, user.IsAdministration ? null : user.StaffId ?? Guid.Empty, 50, ct);
    }
}
