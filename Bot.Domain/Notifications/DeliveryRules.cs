using Bot.Domain.Audit;
using Bot.Domain.Linking;

namespace Bot.Domain.Notifications;

/// <summary>What the outbox knows of a row's recipient when it is due: their choices, consent (guardians) and chats.</summary>
/// <param name="Preferences">Null: the school's defaults (<see cref="NotificationRules.DefaultPreferences"/>).</param>
/// <param name="HasConsent">A guardian's consent to processing (seed 002, 3.2) is in force; not asked of students and staff.</param>
/// <param name="Rules">The recipient's school's notification rules (stored, or the installation's defaults).</param>
/// <param name="Grade">A student's grade today (their class's); null for others, or a student in no class.</param>
public sealed record RecipientFacts(RecipientPreferences? Preferences, bool HasConsent, IReadOnlyList<ChatLink> Links, NotificationRules Rules, int? Grade = null);

/// <summary>Whether, and where, a kind of message reaches a recipient by the rules alone (before messengers running and quiet hours).</summary>
public abstract record DeliveryPlan
{
    /// <summary>It goes to these chats (in the messengers the person chose that the school sends in).</summary>
    public sealed record To(IReadOnlyList<ChatLink> Chats) : DeliveryPlan;

    /// <summary>It does not go: the reason (one of <see cref="DeliveryRules"/>' or the school rule's), kept on the row.</summary>
    public sealed record Never(string Reason) : DeliveryPlan;
}

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
/// time they chose, and an urgent announcement are not held). A student gets messages of their own only from the grade the
/// school's rules say (ADR 0035). <see cref="Plan"/> is the part that does not depend on the hour: what the bot promises
/// in the welcome and /settings (<see cref="DeliveryPromise"/>) is computed from it, so a promise cannot drift from the outbox.
/// </summary>
public static class DeliveryRules
{
    public const string KindOff = "preference: this kind is switched off";
    public const string NoConsent = "consent: none recorded in force (seed 002, 3.2)";
    public const string NoChat = "no active chat linked";
    public const string QuietHours = "quiet hours";
    public const string StudentsOff = "school rule: no messages of their own to students of this grade";

    public const string WaitingForChat = "waiting for the staff member to link a chat";

    public static readonly TimeSpan NoMessengerRetry = TimeSpan.FromHours(1);

    /// <summary>An answer held by the family's quiet hours goes at the latest at this school-local time.</summary>
    public static readonly TimeOnly AnswersMorning = new(8, 0);

    /// <summary>A conversation's message (ADR 0038): a person's own exchange, not the school's alert.</summary>
    public static bool IsTalk(NotificationKind kind) => kind is NotificationKind.FamilyMessage or NotificationKind.StaffAnswer or NotificationKind.TalkStatus;

    /// <summary>Whether, and to which chats, a message of <paramref name="kind"/> to this recipient goes by the rules (the hour aside).</summary>
    /// <param name="repliesIn">For a conversation's answer: the messenger the family wrote from, which it goes to while that chat is active.</param>
    public static DeliveryPlan Plan(NotificationKind kind, RecipientKind recipient, RecipientFacts facts, Channel? repliesIn = null)
    {
        if (!facts.Rules.Allows(kind)) return new DeliveryPlan.Never(NotificationRules.KindOffReason(kind));
        if (recipient == RecipientKind.Student && !IsTalk(kind) && !facts.Rules.AllowsStudent(facts.Grade)) return new DeliveryPlan.Never(StudentsOff);
        var prefs = PreferencesOf(recipient, facts);
        if (!prefs.Wants(kind)) return new DeliveryPlan.Never(KindOff);
        if (recipient == RecipientKind.Guardian && !facts.HasConsent) return new DeliveryPlan.Never(NoConsent);

        var active = facts.Links.Where(l => l.IsActive).ToList();
        if (active.Count == 0) return new DeliveryPlan.Never(NoChat);
        // A conversation goes over Viber whatever the alerts switch says: the person who writes opens Viber's free session,
        // and a staff member linked in Viber only gets the families' messages there (ADR 0038).
        if (IsTalk(kind))
        {
            var there = active.Where(l => l.Channel == repliesIn).ToList();
            return new DeliveryPlan.To(there.Count > 0 ? there : active);
        }

        // Every message the outbox starts in Viber is paid (docs/operations.md "What Viber costs"): none unless the school says so.
        // A shelter notice (ADR 0044) goes over Viber unless the school switched urgent Viber messages off.
        var viber = facts.Rules.ViberAlerts || (kind == NotificationKind.ShelterNotice && facts.Rules.ViberUrgent);
        var links = viber ? active : active.Where(l => l.Channel != Channel.Viber).ToList();
        if (links.Count == 0) return new DeliveryPlan.Never(NotificationRules.ViberOff);
        var chosen = links.Where(l => prefs.WantsAlertsIn(l.Channel)).ToList();
        return new DeliveryPlan.To(chosen.Count == 0 ? links : chosen);
    }

    /// <summary>The recipient's stored choices, or (none stored yet) the school's defaults, as /settings would show them.</summary>
    public static RecipientPreferences PreferencesOf(RecipientKind recipient, RecipientFacts facts) =>
        facts.Preferences ?? facts.Rules.DefaultPreferences(PersonKindOf(recipient), Guid.Empty);

    public static DeliveryDecision Decide(OutboxMessage row, RecipientFacts facts, DateTime nowUtc, TimeZoneInfo zone, IReadOnlySet<Channel> running)
    {
        var repliesIn = row.Kind == NotificationKind.StaffAnswer ? OutboxPayloads.Read<StaffAnswerPayload>(row.Payload)?.Channel : null;
        var plan = Plan(row.Kind, row.RecipientKind, facts, repliesIn);
        // A family's message to a staff member without a chat is kept: it goes once they link one (the family was told so).
        if (plan is DeliveryPlan.Never { Reason: NoChat } && row.Kind == NotificationKind.FamilyMessage)
            return new DeliveryDecision.Hold(nowUtc + NoMessengerRetry, WaitingForChat);
        if (plan is DeliveryPlan.Never never) return new DeliveryDecision.Cancel(never.Reason);
        var chosen = ((DeliveryPlan.To)plan).Chats;
        var prefs = PreferencesOf(row.RecipientKind, facts);
        var chats = chosen.Where(l => running.Contains(l.Channel)).DistinctBy(l => (l.Channel, l.ChatId)).ToList();
        if (chats.Count == 0)
            return new DeliveryDecision.Hold(nowUtc + NoMessengerRetry, $"no messenger running for {string.Join(", ", chosen.Select(l => l.Channel).Distinct())}");

        // The evening diary comes at the time the person chose (the settings offer up to 21:00, where the default quiet hours
        // begin); an announcement the school marked urgent (lessons cancelled tomorrow, an evacuation) does not wait for the morning.
        // A family's message was timed by the staff member's working hours when it was written (the family was told when).
        if (row.Kind != NotificationKind.DailyDiary && row.Kind != NotificationKind.FamilyMessage && !IsUrgentAnnouncement(row)
            && row.Kind != NotificationKind.ShelterNotice
            && prefs.QuietHoursUnder(facts.Rules) is (_, { } quietTo) quiet
            && RecipientPreferences.IsQuiet(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone)), quiet))
        {
            var end = QuietEndUtc(nowUtc, quietTo, zone);
            // An answer to the family's own question waits for the morning at the latest, not for late quiet hours' end.
            if (row.Kind == NotificationKind.StaffAnswer && QuietEndUtc(nowUtc, AnswersMorning, zone) is var morning && morning < end) end = morning;
            return new DeliveryDecision.Hold(end, QuietHours);
        }

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
