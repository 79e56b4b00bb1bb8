using AdminPanel.Access;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Shelter;

/// <summary>
/// "Укриття" (ADR 0044): the administration takes chosen classes, or the whole school, to the shelter in
/// one press — the families get an urgent message at once, through quiet hours — and gives the all-clear ("Відбій") with
/// what happens next: the lessons go on, online from lesson N (synchronous or asynchronous), or the day ends. The lessons
/// the alert touched get their statuses in the day's changes. A teacher does it from the chat for the class they teach now.
/// </summary>
[Authorize(Policy = Policies.Setup)]
public sealed class IndexModel(PanelUser user, ShelterService shelter, AnnouncementService announcements, TimeProvider clock) : PageModel
{
    public School? School { get; private set; }
    public List<SchoolClass> Classes { get; private set; } = [];
    public Dictionary<Guid, DayChange> InShelter { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    [BindProperty]
    public List<Guid> ClassIds { get; set; } = [];

    [BindProperty]
    public bool WholeSchool { get; set; }

    [BindProperty]
    public AllClearNext Next { get; set; } = AllClearNext.Continue;

    [BindProperty]
    public int? OnlineFrom { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostEnterAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (School is null) return NotFound();
        if (!WholeSchool && ClassIds.Count == 0)
        {
            ModelState.AddModelError("", "Оберіть класи або «Уся школа».");
            return Page();
        }

        var done = await shelter.EnterAsync(user.Actor, School.Id, WholeSchool ? null : ClassIds, ct);
        if (!done.IsSuccess)
        {
            ModelState.AddModelError("", done.Error.Message);
            return Page();
        }

        var o = done.Value!;
        TempData["Notice"] = (o.Done.Count > 0 ? $"В укритті: {string.Join(", ", o.Done)}. Батькам надіслано термінове повідомлення ({o.Families})." : "")
            + (o.Skipped.Count > 0 ? $" Уже були в укритті (повторно не надсилали): {string.Join(", ", o.Skipped)}." : "");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAllClearAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (School is null) return NotFound();
        if (!WholeSchool && ClassIds.Count == 0)
        {
            ModelState.AddModelError("", "Оберіть класи або «Уся школа».");
            return Page();
        }

        var done = await shelter.AllClearAsync(user.Actor, School.Id, WholeSchool ? null : ClassIds, Next, OnlineFrom, ct);
        if (!done.IsSuccess)
        {
            ModelState.AddModelError(done.Error.Code == "shelter.from" ? nameof(OnlineFrom) : "", done.Error.Message);
            return Page();
        }

        var o = done.Value!;
        TempData["Notice"] = (o.Done.Count > 0
                ? $"Відбій: {string.Join(", ", o.Done)} — {ShelterService.NextText(Next, OnlineFrom)}. Батькам надіслано повідомлення ({o.Families}); статуси уроків записано у зміни розкладу."
                : "")
            + (o.Skipped.Count > 0 ? $" Не були в укритті: {string.Join(", ", o.Skipped)}." : "");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        School = await user.SchoolAsync(ct);
        if (School is null) return;
        Zone = SchoolTime.Resolve(School.TimeZone);
        var today = SchoolTime.Today(clock, School.TimeZone);
        Classes = await announcements.CurrentClassesAsync(School.Id, today, ct);
        InShelter = await shelter.InShelterAsync(School.Id, today, ct);
    }
}
