using Bot.Domain.Linking;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Invites;

/// <summary>What the invites pages share: the people with their chats and invites, links of a code, local times, revoking.</summary>
public abstract class InvitePage(InviteService invites, IBotAddresses bots, TimeProvider clock) : PageModel
{
    protected InviteService Invites => invites;

    public IReadOnlyList<PersonLinks> People { get; protected set; } = [];
    public string TimeZone { get; protected set; } = SchoolTime.DefaultTimeZone;
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public string TelegramLink(string code) => InviteLinks.Telegram(bots.TelegramUsername, code);
    public string ViberLink(string code) => InviteLinks.Viber(bots.ViberChatUri, code);
    public bool LinksKnown => bots.TelegramUsername is not null || bots.ViberChatUri is not null;
    protected string? BotUsername => bots.TelegramUsername;
    protected string? ViberChatUri => bots.ViberChatUri;
    protected string? PublicBaseUrl => bots.PublicBaseUrl;

    /// <summary>A code as people read it: in groups for a new one ("K7PQ-3XMZ-A9RTW").</summary>
    public static string Printed(string code) => InviteCode.Display(code);

    public string Local(DateTime utc, string format = "dd.MM.yyyy HH:mm") =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), SchoolTime.Resolve(TimeZone)).ToString(format);

    /// <summary>"не використано", "використано: Telegram", "відкликано 12.11.2026", "строк минув 01.11.2026".</summary>
    public string Status(PersonInvite invite) =>
        invite.RevokedAtUtc is { } revoked ? $"відкликано {Local(revoked, "dd.MM.yyyy")}"
        : invite.ExpiresAtUtc <= NowUtc ? $"строк минув {Local(invite.ExpiresAtUtc, "dd.MM.yyyy")}"
        : invite.SpentIn.Count == 0 ? "не використано"
        : $"використано: {string.Join(", ", invite.SpentIn)}";

    /// <summary>Why a link was closed, in words.</summary>
    public static string Reason(string? reason) => reason switch
    {
        "unlink" => "від'єднався сам (/unlink)",
        "blocked" => "заблокував бота",
        "deactivated" => "обліковий запис вимкнено",
        "chat not found" => "чат не знайдено",
        "unsubscribed" => "відписався у Viber",
        "consent withdrawn" => "відкликано згоду на обробку даних",
        null or "" => "закрито",
        _ => reason,
    };

    /// <summary>Revokes an invite through the domain (which checks the rights on the person); a refusal of rights is 403.</summary>
    protected async Task<IActionResult> RevokeAsync(Bot.Domain.Journal.Actor actor, Guid inviteId, Func<IActionResult> back, CancellationToken ct)
    {
        var result = await invites.RevokeAsync(actor, inviteId, ct);
        if (!result.IsSuccess)
        {
            if (result.Error.Code.StartsWith("auth.", StringComparison.Ordinal)) return Forbid();
            TempData["Error"] = result.Error.Message;
            return back();
        }

        TempData["Notice"] = $"Запрошення з кодом {Printed(result.Value!.Code)} відкликано: код більше нічого не приєднає. Уже приєднані чати лишаються.";
        return back();
    }
}
