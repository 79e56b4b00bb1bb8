using AdminPanel.Access;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Printing;
using Bot.Domain.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Invites;

/// <summary>
/// A class's invites: codes for its parents (one per guardian, linking all their children) or its students,
/// through the same <see cref="InviteService"/> as the verb `invites create`; people already linked get no new code
/// unless asked, and the page names them; the printable sheet for a parents' meeting (PDF); who is linked, where, since
/// when and last seen; revoking a code. The administration for any class, a class teacher for theirs.
/// </summary>
[Authorize(Policy = Policies.ClassInvites)]
public sealed class ClassModel(JournalDbContext db, PanelUser user, InviteService invites, IBotAddresses bots, TimeProvider clock)
    : InvitePage(invites, bots, clock)
{
    public SchoolClass Class { get; private set; } = null!;
    public string SchoolName { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public InviteAudience Audience { get; set; } = InviteAudience.Parents;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>Codes for everyone of the class not yet linked (or for everyone, with <paramref name="reissueLinked"/>); says whom it left out.</summary>
    public async Task<IActionResult> OnPostCreateAsync(Guid id, bool reissueLinked, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (BadAudience() is { } bad) return bad;
        var result = await Invites.IssueForClassAsync(user.Actor, id, Audience, reissueLinked, ct);
        if (!result.IsSuccess) return Refused(result.Error);
        var sheet = result.Value!;
        var codes = sheet.Rows.Select(r => r.Code).Distinct().Count();
        var whom = Audience == InviteAudience.Parents ? "батьків" : "учнів";
        TempData["Notice"] = codes == 0 ? $"Нових кодів для {whom} не потрібно." : $"Коди для {whom} {Class.Name}: {codes}. Невикористані раніше коди видано ті самі.";
        if (sheet.AlreadyLinked.Count > 0) TempData["Linked"] = AlreadyLinkedText(sheet.AlreadyLinked);
        return RedirectToPage(new { id, audience = Audience });
    }

    /// <summary>The printable sheet (PDF) of the class's codes, made as <see cref="OnPostCreateAsync"/> makes them.</summary>
    public async Task<IActionResult> OnPostSheetAsync(Guid id, bool reissueLinked, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (BadAudience() is { } bad) return bad;
        var result = await Invites.IssueForClassAsync(user.Actor, id, Audience, reissueLinked, ct);
        if (!result.IsSuccess) return Refused(result.Error);
        var sheet = result.Value!;
        var pdf = InviteSheet.Render(new InviteSheetTitle(sheet.SchoolName, sheet.ClassName, Audience, TimeZone),
            InviteSheet.Slips(sheet.Rows, BotUsername, ViberChatUri, PublicBaseUrl));
        var who = Audience == InviteAudience.Parents ? "батьки" : "учні";
        return File(pdf, "application/pdf", $"Запрошення {Class.Name} ({who}).pdf");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid inviteId, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? await RevokeAsync(user.Actor, inviteId, () => RedirectToPage(new { id, audience = Audience }), ct);

    public static string AlreadyLinkedText(IReadOnlyList<string> names) =>
        $"Уже приєднані й нових кодів не отримали ({names.Count}): {string.Join(", ", names)}. " +
        "Щоб видати їм нові коди (наприклад, для другого телефона), позначте «Видати нові коди й тим, хто вже приєднаний».";

    /// <summary>An audience that is neither parents nor students (a hand-made request) changes nothing.</summary>
    private IActionResult? BadAudience()
    {
        if (ModelState.GetFieldValidationState(nameof(Audience)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid) return null;
        TempData["Error"] = "Оберіть, для кого запрошення: для батьків чи для учнів. Нічого не створено.";
        return RedirectToPage(new { id = Class.Id });
    }

    private IActionResult Refused(Bot.Domain.DomainError error)
    {
        if (error.Code.StartsWith("auth.", StringComparison.Ordinal)) return Forbid();
        TempData["Error"] = error.Message;
        return RedirectToPage(new { id = Class.Id, audience = Audience });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cls is null) return NotFound();
        if (!user.MaySee(cls)) return Forbid();
        Class = cls;
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == cls.SchoolId, ct);
        SchoolName = school.Name;
        TimeZone = school.TimeZone;
        People = await Invites.LinksOfClassAsync(id, Audience, ct);
        return null;
    }
}
