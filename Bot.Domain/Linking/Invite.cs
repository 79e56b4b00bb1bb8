using System.Security.Cryptography;
using Bot.Domain.Audit;

namespace Bot.Domain.Linking;

/// <summary>Whom an invite or a chat link stands for.</summary>
public enum PersonKind
{
    Guardian,
    Student,
    Staff,
}

/// <summary>
/// A one-time code from the school that links a chat to a person: a guardian (and so all their children), a student,
/// or a staff member. At least 64 random bits, in a form a person can type (<see cref="InviteCode"/>, ADR 0042) that is
/// also a Telegram deep-link payload (≤ 64 chars of A-Za-z0-9_-); expiring, revocable; spent once per messenger, so one
/// slip serves Telegram and Viber. <see cref="Code"/> is stored canonical (new codes) or as issued (codes of the earlier
/// 16-character format, still redeemable until they expire).
/// </summary>
public sealed class Invite : SchoolEntity
{
    private Invite() { Code = ""; }

    public Invite(Guid schoolId, PersonKind kind, Guid personId, DateTime createdAtUtc, TimeSpan validity, Guid? createdById)
    {
        if (validity <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(validity));
        SchoolId = schoolId;
        Kind = kind;
        PersonId = personId;
        Code = NewCode();
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = createdAtUtc + validity;
        CreatedById = createdById;
    }

    public string Code { get; private set; }
    public PersonKind Kind { get; private set; }
    public Guid PersonId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public Guid? CreatedById { get; private set; }

    public bool IsUsable(DateTime nowUtc) => RevokedAtUtc is null && nowUtc < ExpiresAtUtc;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    /// <summary>A new code (<see cref="InviteCode.New"/>): 13 symbols without look-alikes, at least 64 random bits.</summary>
    public static string NewCode() => InviteCode.New();
}

/// <summary>An invite spent in one messenger (a code links one chat per messenger within its validity).</summary>
public sealed class InviteRedemption
{
    private InviteRedemption() { ChatId = ""; }

    public InviteRedemption(Guid inviteId, Channel channel, string chatId, DateTime atUtc)
    {
        InviteId = inviteId;
        Channel = channel;
        ChatId = chatId;
        AtUtc = atUtc;
    }

    public Guid InviteId { get; private set; }
    public Channel Channel { get; private set; }
    public string ChatId { get; private set; }
    public DateTime AtUtc { get; private set; }
}

/// <summary>
/// A chat of a messenger linked to a person of a school. A person may be linked from several chats, and a chat to
/// several people (a parent with children in two schools; a teacher who is also a parent).
/// </summary>
public sealed class ChatLink : SchoolEntity
{
    private ChatLink() { ChatId = UserId = ""; }

    public ChatLink(Guid schoolId, Channel channel, string chatId, string userId, PersonKind kind, Guid personId, Guid inviteId, DateTime linkedAtUtc)
    {
        SchoolId = schoolId;
        Channel = channel;
        ChatId = chatId;
        UserId = userId;
        Kind = kind;
        PersonId = personId;
        InviteId = inviteId;
        LinkedAtUtc = linkedAtUtc;
        IsActive = true;
    }

    public Channel Channel { get; private set; }
    public string ChatId { get; private set; }
    public string UserId { get; private set; }
    public PersonKind Kind { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid InviteId { get; private set; }
    public DateTime LinkedAtUtc { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime? DeactivatedAtUtc { get; private set; }

    /// <summary>"unlink", "blocked", "deactivated", "chat not found", "unsubscribed", ...</summary>
    public string? DeactivationReason { get; private set; }

    /// <summary>When the chat last wrote to the bot (kept to the nearest <see cref="SeenGranularity"/>), null before its first message after linking.</summary>
    public DateTime? LastSeenAtUtc { get; private set; }

    /// <summary>How stale <see cref="LastSeenAtUtc"/> may get before a message writes it again: a chat's every command is not a write.</summary>
    public static readonly TimeSpan SeenGranularity = TimeSpan.FromMinutes(10);

    public bool NeedsSeen(DateTime nowUtc) => LastSeenAtUtc is not { } seen || nowUtc - seen >= SeenGranularity;

    public void Seen(DateTime nowUtc)
    {
        if (LastSeenAtUtc is null || nowUtc > LastSeenAtUtc) LastSeenAtUtc = nowUtc;
    }

    public void Deactivate(string reason, DateTime nowUtc)
    {
        if (!IsActive) return;
        IsActive = false;
        DeactivationReason = reason;
        DeactivatedAtUtc = nowUtc;
    }

    /// <summary>Telegram moved a group to a supergroup: the chat id changes, the link stays.</summary>
    public void MoveTo(string chatId) => ChatId = chatId;
}

/// <summary>A code typed in a chat, kept to rate-limit guessing per chat.</summary>
public sealed class LinkAttempt : Entity
{
    private LinkAttempt() { ChatId = ""; }

    public LinkAttempt(Channel channel, string chatId, DateTime atUtc, bool succeeded)
    {
        Channel = channel;
        ChatId = chatId;
        AtUtc = atUtc;
        Succeeded = succeeded;
    }

    public Channel Channel { get; private set; }
    public string ChatId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public bool Succeeded { get; private set; }
}

/// <summary>A messenger update already handled: webhooks are retried, so each update is processed once.</summary>
public sealed class ProcessedUpdate
{
    private ProcessedUpdate() { UpdateId = ""; }

    public ProcessedUpdate(Channel channel, string updateId, DateTime atUtc)
    {
        Channel = channel;
        UpdateId = updateId;
        AtUtc = atUtc;
    }

    public Channel Channel { get; private set; }
    public string UpdateId { get; private set; }
    public DateTime AtUtc { get; private set; }
}
