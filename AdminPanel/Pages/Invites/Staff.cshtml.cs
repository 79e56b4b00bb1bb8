using AdminPanel.Access;
using Bot.Domain.Linking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AdminPanel.Pages.Invites;

/// <summary>The staff's invites: a code per staff member (unused ones given again), who is linked, revoking. The administration.</summary>
[Authorize(Policy = Policies.Rosters)]
public sealed class StaffModel(PanelUser user, InviteService invites, IBotAddresses bots, TimeProvider clock) : InvitePage(invites, bots, clock)
{
    public string SchoolName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return NotFound();
        var result = await Invites.CreateForStaffAsync(user.Actor, school.Id, ct);
        if (!result.IsSuccess) return result.Error.Code.StartsWith("auth.", StringComparison.Ordinal) ? Forbid() : NotFound();
        TempData["Notice"] = $"Коди для працівників: {result.Value!.Count}. Невикористані раніше коди видано ті самі.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostRevokeAsync(Guid inviteId, CancellationToken ct) => RevokeAsync(user.Actor, inviteId, () => RedirectToPage(), ct);

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return NotFound();
        SchoolName = school.Name;
        TimeZone = school.TimeZone;
        People = await Invites.LinksOfStaffAsync(school.Id, ct);
        return null;
    }
}
