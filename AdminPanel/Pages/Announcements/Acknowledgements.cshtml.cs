using AdminPanel.Access;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Announcements;

/// <summary>
/// An announcement that asked for acknowledgement (ADR 0043): per class, who has acknowledged (when, in which messenger), who has
/// only seen it in Viber ("переглянуто"), who has not; and the one reminder to those who have not (the button is gone once sent).
/// The administration reads any; a class teacher their own announcements and their class's (otherwise 404).
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class AcknowledgementsModel(PanelUser user, AcknowledgementService acknowledgements) : PageModel
{
    public AcknowledgementReport? Report { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRemindAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var sent = await acknowledgements.RemindAsync(user.Actor, Report!.Announcement.SchoolId, id, ct);
        if (sent.IsSuccess)
            TempData["Notice"] = $"Нагадування поставлено в чергу: {sent.Value} {Bot.Domain.Text.UkrainianText.Plural(sent.Value, "родині", "родинам", "родинам")}.";
        else
            TempData["Error"] = sent.Error.Message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return false;
        Zone = SchoolTime.Resolve(school.TimeZone);
        Report = await acknowledgements.ReportAsync(user.Actor, school.Id, id, ct);
        return Report is not null;
    }

    public string When(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString("dd.MM HH:mm");
}
