using Bot.Domain.Audit;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Linking;

public sealed partial class InviteService
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// A code typed (or carried by a deep link) in a chat. Every attempt is recorded; after
    /// <see cref="LinkingSettings.MaxFailedAttemptsPerHour"/> failures within the hour the chat is refused without
    /// the code being looked at. Unknown, expired, revoked and spent codes get one and the same answer, and the
    /// installation's <see cref="WrongCodeBrake"/> says how long that answer should wait (<see cref="RedeemResult.Delay"/>);
    /// a code that links is never delayed. The code may be typed in any case, with spaces or dashes, with Cyrillic
    /// look-alike letters (<see cref="InviteCode.Normalize"/>); a code of the earlier format only exactly. A code is
    /// spent once per messenger; the chat that spent it gets success again while it stays linked (a second press of
    /// the deep link), and is linked anew if it had unlinked and the code is still valid. A chat already linked to
    /// the code's person is told so and the code is left unspent.
    /// </summary>
    public async Task<RedeemResult> RedeemAsync(Channel channel, string chatId, string userId, string code, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        code = code?.Trim() ?? "";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.WriteAsync(c => RedeemOnceAsync(channel, chatId, userId ?? "", code, c), ct);
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Another chat spent the code in this messenger at the same moment (the redemption's key refused
                // ours): look again, and answer as for a spent code.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<RedeemResult> RedeemOnceAsync(Channel channel, string chatId, string userId, string code, CancellationToken ct)
    {
        var now = UtcNow;
        var since = now - RateWindow;
        var failures = await db.LinkAttempts.CountAsync(a => a.Channel == channel && a.ChatId == chatId && !a.Succeeded && a.AtUtc > since, ct);
        if (failures >= settings.MaxFailedAttemptsPerHour) return await FailAsync(RedeemStatus.RateLimited, LinkingTexts.TooManyAttempts);

        var invite = await FindAsync(code, ct);
        if (invite is null) return await FailAsync(RedeemStatus.Refused, LinkingTexts.InvalidCode);
        var redemption = await db.InviteRedemptions.AsNoTracking().FirstOrDefaultAsync(r => r.InviteId == invite.Id && r.Channel == channel, ct);
        if (redemption is not null && redemption.ChatId != chatId) return await FailAsync(RedeemStatus.Refused, LinkingTexts.InvalidCode);
        var existing = await db.ChatLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.Channel == channel && l.ChatId == chatId && l.IsActive && l.Kind == invite.Kind && l.PersonId == invite.PersonId, ct);
        var spentHere = redemption is not null;
        if (!(spentHere && existing is not null) && !invite.IsUsable(now)) return await FailAsync(RedeemStatus.Refused, LinkingTexts.InvalidCode);
        var person = await PersonAsync(invite.Kind, invite.PersonId, ct);
        if (person is null) return await FailAsync(RedeemStatus.Refused, LinkingTexts.InvalidCode);

        var link = existing;
        if (link is null)
        {
            if (!spentHere) db.InviteRedemptions.Add(new InviteRedemption(invite.Id, channel, chatId, now));
            link = new ChatLink(person.SchoolId, channel, chatId, userId, invite.Kind, person.Id, invite.Id, now);
            db.ChatLinks.Add(link);
            db.Audit(new AuditRecord(person.SchoolId, now, invite.Kind == PersonKind.Staff ? person.Id : null, person.FullName, channel,
                nameof(ChatLink), link.Id, AuditAction.Created, null, $"{channel}, чат {chatId}", null, $"{person.FullName} ({LinkingTexts.Title(invite.Kind)})"));
        }

        db.LinkAttempts.Add(new LinkAttempt(channel, chatId, now, succeeded: true));
        await db.SaveChangesAsync(ct);
        var linked = await BuildPersonaAsync(channel, chatId, [link], ct);
        return new RedeemResult(existing is null ? RedeemStatus.Linked : RedeemStatus.AlreadyLinked, LinkingTexts.Greeting(linked), linked);

        async Task<RedeemResult> FailAsync(RedeemStatus status, string message)
        {
            db.LinkAttempts.Add(new LinkAttempt(channel, chatId, now, succeeded: false));
            await db.SaveChangesAsync(ct);
            // A wrong code is braked; a chat over its own limit is refused without a lookup (it learns nothing) and is not.
            var delay = status == RedeemStatus.Refused && brake is not null ? brake.OnWrongCode() : TimeSpan.Zero;
            return new RedeemResult(status, message, null) { Delay = delay };
        }
    }

    /// <summary>
    /// The invite of a typed code, by the unique index on <see cref="Invite.Code"/>. A text of the old format's shape (16
    /// base64url characters) is looked up exactly as typed, case-sensitive, and nothing else: normalising it could turn
    /// a mistyped old code into some other code. Any other text is looked up by its canonical new form; a canonical code
    /// has 13 characters and an old one 16, so the two never meet.
    /// </summary>
    private async Task<Invite?> FindAsync(string typed, CancellationToken ct)
    {
        var key = InviteCode.IsLegacy(typed) ? typed : InviteCode.Normalize(typed);
        return key is null ? null : await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.Code == key, ct);
    }

    /// <summary>`/unlink`: every active link of the chat ends (reason "unlink"); the number of links ended.</summary>
    public Task<int> UnlinkAsync(Channel channel, string chatId, CancellationToken ct = default) =>
        DeactivateAsync(channel, chatId, "unlink", byTheChat: true, ct);

    /// <summary>
    /// The messenger says the chat is gone ("blocked", "deactivated", "chat not found", "unsubscribed"): its links end
    /// with that reason, and nothing more is sent there. The number of links ended.
    /// </summary>
    public Task<int> DeactivateChatAsync(Channel channel, string chatId, string reason, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return DeactivateAsync(channel, chatId, reason.Trim().Length > 100 ? reason.Trim()[..100] : reason.Trim(), byTheChat: false, ct);
    }

    /// <summary>
    /// The chat has just written: its links' "last seen" moves on (written at most once per
    /// <see cref="ChatLink.SeenGranularity"/>, in one statement, so most messages write nothing).
    /// </summary>
    public async Task NoteSeenAsync(ChatPersona persona, CancellationToken ct = default)
    {
        var now = UtcNow;
        var stale = persona.Links.Where(l => l.NeedsSeen(now)).Select(l => l.Id).ToList();
        if (stale.Count == 0) return;
        // A plain UPDATE, not a tracked save: "last seen" changes nobody's rights, so it leaves the roster's stamp alone.
        await db.ChatLinks.Where(l => stale.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastSeenAtUtc, now), ct);
        // The persona may be kept between updates (ADR 0020): its links remember the write, so the next ten minutes of
        // this chat's messages write nothing.
        foreach (var link in persona.Links.Where(l => stale.Contains(l.Id))) link.Seen(now);
    }

    /// <summary>The chat's active links, oldest first.</summary>
    public async Task<IReadOnlyList<ChatLink>> LinksOfChatAsync(Channel channel, string chatId, CancellationToken ct = default) =>
        (await db.ChatLinks.AsNoTracking().Where(l => l.Channel == channel && l.ChatId == chatId && l.IsActive).ToListAsync(ct))
        .OrderBy(l => l.LinkedAtUtc).ToList();

    private Task<int> DeactivateAsync(Channel channel, string chatId, string reason, bool byTheChat, CancellationToken ct) =>
        db.WriteAsync(async c =>
        {
            var links = await db.ChatLinks.Where(l => l.Channel == channel && l.ChatId == chatId && l.IsActive).ToListAsync(c);
            if (links.Count == 0) return 0;
            var names = await NamesAsync(links, c);
            var now = UtcNow;
            foreach (var link in links)
            {
                link.Deactivate(reason, now);
                var name = names.GetValueOrDefault(link.PersonId, LinkingTexts.Title(link.Kind));
                var actorId = byTheChat && link.Kind == PersonKind.Staff ? link.PersonId : (Guid?)null;
                db.Audit(new AuditRecord(link.SchoolId, now, actorId, byTheChat ? name : "Система (доставка)", channel, nameof(ChatLink), link.Id,
                    AuditAction.Changed, $"{channel}, чат {chatId}", $"вимкнено ({reason})", null, $"{name} ({LinkingTexts.Title(link.Kind)})"));
            }

            await db.SaveChangesAsync(c);
            return links.Count;
        }, ct);

    /// <summary>Full names of the people behind some links, in at most three queries.</summary>
    private Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<ChatLink> links, CancellationToken ct)
    {
        List<Guid> Ids(PersonKind kind) => links.Where(l => l.Kind == kind).Select(l => l.PersonId).Distinct().ToList();
        return PersonNames.OfAsync(db, Ids(PersonKind.Guardian), Ids(PersonKind.Student), Ids(PersonKind.Staff), ct);
    }
}
