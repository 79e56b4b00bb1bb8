using Bot.Domain.Audit;
using Bot.Domain.Linking;

namespace Bot.Domain.Notifications;

/// <summary>What the outbox knows of a row's recipient when it is due: their choices, consent (guardians) and chats.</summary>
/// <param name="Preferences">Null: the school's defaults (<see cref="NotificationRules.DefaultPreferences"/>).</param>
/// <param name="HasConsent">A guardian's consent to processing (seed 002, 3.2) is in force; not asked of students and staff.</param>
/// <param name="Rules">The recipient's school's notification rules (stored, or the installation's defaults).</param>
public sealed record RecipientFacts(RecipientPreferences? Preferences, bool HasConsent, IReadOnlyList<ChatLink> Links, NotificationRules Rules);

/// <summary>What to do with a due row.</summary>
public abstract record DeliveryDecision
{
    /// <summary>Send to these chats (one per messenger chat; a person linked from two phones gets both).</summary>
    public sealed record Send(IReadOnlyList<ChatLink> Chats) : DeliveryDecision;

    /// <summary>Not now: quiet hours, or no messenger of the recipient's runs here; the row waits.</summary>
    public sealed record Hold(DateTime UntilUtc, string Reason) : DeliveryDecision;

    /// <summary>Never: a rule says no. The reason stays on the row for the administrators.</summary>
    public sealed record Cancel(string Reason) : DeliveryDecision;
}

/// <summary>
/// The rules a due row passes before it goes (ADR 0011): the school sends this kind at all (its
/// <see cref="NotificationRules"/>); the recipient wants this kind; a guardian has a recorded consent
/// in force (no message without it: cancelled, not dead, since nothing failed and the alert would be stale by the time a
/// consent is recorded); they have an active chat in a messenger they chose (Telegram by default; when linked only in the
/// other one, that one) and, for Viber, the school sends alerts over Viber (paid messages); and it is not their quiet time, school-local (held until it ends; the evening diary, whose
/// time they chose, and an urgent announcement are not held).
/// </summary>
public static class DeliveryRules
{
    public const string KindOff = "preference: this kind is switched off";
    public const string NoConsent = "consent: none recorded in force (seed 002, 3.2)";
    public const string NoChat = "no active chat linked";
    public const string QuietHours = "quiet hours";

    public static readonly TimeSpan NoMessengerRetry = TimeSpan.FromHours(1);

    public static DeliveryDecision Decide(OutboxMessage row, RecipientFacts facts, DateTime nowUtc, TimeZoneInfo zone, IReadOnlySet<Channel> running)
    {
        if (!facts.Rules.Allows(row.Kind)) return new DeliveryDecision.Cancel(NotificationRules.KindOffReason(row.Kind));
        // No stored choices yet: the school's defaults (every kind on, Telegram, its quiet hours), as /settings would show them.
        var prefs = facts.Preferences ?? facts.Rules.DefaultPreferences(PersonKindOf(row.RecipientKind), row.RecipientId);
        if (!prefs.Wants(row.Kind)) return new DeliveryDecision.Cancel(KindOff);
        if (row.RecipientKind == RecipientKind.Guardian && !facts.HasConsent) return new DeliveryDecision.Cancel(NoConsent);

        var active = facts.Links.Where(l => l.IsActive).ToList();
        if (active.Count == 0) return new DeliveryDecision.Cancel(NoChat);
        // Every message the outbox starts in Viber is paid (README "What Viber costs"): none unless the school says so.
        var links = facts.Rules.ViberAlerts ? active : active.Where(l => l.Channel != Channel.Viber).ToList();
        if (links.Count == 0) return new DeliveryDecision.Cancel(NotificationRules.ViberOff);
        var chosen = links.Where(l => prefs.WantsAlertsIn(l.Channel)).ToList();
        if (chosen.Count == 0) chosen = links;
        var chats = chosen.Where(l => running.Contains(l.Channel)).DistinctBy(l => (l.Channel, l.ChatId)).ToList();
        if (chats.Count == 0)
            return new DeliveryDecision.Hold(nowUtc + NoMessengerRetry, $"no messenger running for {string.Join(", ", chosen.Select(l => l.Channel).Distinct())}");

        // The evening diary comes at the time the person chose (the settings offer up to 21:00, where the default quiet hours
        // begin); an announcement the school marked urgent (lessons cancelled tomorrow, an evacuation) does not wait for the morning.
        if (row.Kind != NotificationKind.DailyDiary && !IsUrgentAnnouncement(row)
            && prefs.QuietTo is { } quietTo && prefs.IsQuiet(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone))))
            return new DeliveryDecision.Hold(QuietEndUtc(nowUtc, quietTo, zone), QuietHours);

        return new DeliveryDecision.Send(chats);
    }

    /// <summary>An announcement its author marked urgent: it goes through quiet hours (the panel says so next to the choice).</summary>
    public static bool IsUrgentAnnouncement(OutboxMessage row) => row.Kind == NotificationKind.Announcement && row.Priority == OutboxPriority.Urgent;

    /// <summary>The next school-local <paramref name="quietTo"/> after now, in UTC.</summary>
    public static DateTime QuietEndUtc(DateTime nowUtc, TimeOnly quietTo, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
        var end = DateOnly.FromDateTime(local).ToDateTime(quietTo);
        if (end <= local) end = end.AddDays(1);
        while (zone.IsInvalidTime(end)) end = end.AddMinutes(30); // a clock change skipped that time
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(end, DateTimeKind.Unspecified), zone);
    }

    public static Linking.PersonKind PersonKindOf(RecipientKind kind) => kind switch
    {
        RecipientKind.Guardian => Linking.PersonKind.Guardian,
        RecipientKind.Student => Linking.PersonKind.Student,
        _ => Linking.PersonKind.Staff,
    };
}
