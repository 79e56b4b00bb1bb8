using System.Globalization;
using Bot.Domain.Audit;

namespace Bot.Domain.Notifications;

/// <summary>
/// What the bot tells a person will come to them, and what will not (ADR 0035): computed from <see cref="DeliveryRules.Plan"/>,
/// the very function the outbox decides every row with, so the welcome, /settings and the answers to the consent question
/// cannot promise what the outbox will not do. Where something will not come it says why, in plain words, and what the
/// person can do.
/// </summary>
public static class DeliveryPromise
{
    /// <summary>The kinds a recipient can get as messages of their own, in the order the promise names them.</summary>
    public static IReadOnlyList<NotificationKind> KindsOf(RecipientKind recipient) => recipient switch
    {
        RecipientKind.Guardian => [NotificationKind.DailyDiary, NotificationKind.MarkAlert, NotificationKind.AbsenceAlert, NotificationKind.HomeworkNotice, NotificationKind.Announcement],
        RecipientKind.Student => [NotificationKind.DailyDiary, NotificationKind.MarkAlert, NotificationKind.HomeworkNotice],
        _ => [],
    };

    /// <summary>Each kind's plan for this recipient.</summary>
    public static IReadOnlyList<(NotificationKind Kind, DeliveryPlan Plan)> Plans(RecipientKind recipient, RecipientFacts facts) =>
        KindsOf(recipient).Select(k => (k, DeliveryRules.Plan(k, recipient, facts))).ToList();

    /// <summary>Reasons that hold for the person as a whole, not for one kind: one line says it all.</summary>
    private static readonly string[] PersonWide = [DeliveryRules.NoConsent, DeliveryRules.StudentsOff, NotificationRules.ViberOff, DeliveryRules.NoChat];

    public const string NoConsentLine =
        "⚠️ Поки немає вашої згоди на обробку персональних даних, школа нічого вам не надсилатиме: ні щоденника щовечора, ні сповіщень. " +
        "Дати згоду можна в /settings.";

    public const string ViberOffLine =
        "⚠️ Школа не надсилає щоденника й сповіщень у Viber (для неї кожне таке повідомлення платне), тож сюди вони не прийдуть. " +
        "Щоб їх отримувати, привʼяжіть ще й Telegram тим самим кодом запрошення. А тут можна будь-коли запитати: /diary, /marks, /homework.";

    /// <summary>The lines of the promise: what comes, when and where; or why nothing does and what the person can do.</summary>
    public static IReadOnlyList<string> Lines(RecipientKind recipient, RecipientFacts facts)
    {
        var plans = Plans(recipient, facts);
        if (plans.Count == 0) return [];
        var wide = plans.Select(p => p.Plan).OfType<DeliveryPlan.Never>().Select(n => n.Reason).FirstOrDefault(PersonWide.Contains);
        if (wide is not null) return [WideLine(wide, facts)];

        var lines = new List<string>();
        var prefs = DeliveryRules.PreferencesOf(recipient, facts);
        if (plans.FirstOrDefault(p => p.Kind == NotificationKind.DailyDiary).Plan is DeliveryPlan.To diary)
            lines.Add($"📬 Щоденник — щовечора о {prefs.DiaryTimeUnder(facts.Rules).ToString("HH:mm", CultureInfo.InvariantCulture)} у навчальні дні, {Where(diary)}.");
        var alerts = plans.Where(p => p.Kind != NotificationKind.DailyDiary && p.Plan is DeliveryPlan.To).ToList();
        if (alerts.Count > 0)
        {
            var quiet = prefs.QuietHoursUnder(facts.Rules) is ({ } f, { } t)
                ? $"; у тихі години ({f.ToString("HH:mm", CultureInfo.InvariantCulture)}–{t.ToString("HH:mm", CultureInfo.InvariantCulture)}) — зранку"
                : "";
            lines.Add($"🔔 Одразу: {string.Join(", ", alerts.Select(a => Title(a.Kind)))} — {Where((DeliveryPlan.To)alerts[0].Plan)}{quiet}.");
        }

        var schoolOff = plans.Where(p => p.Plan is DeliveryPlan.Never n && n.Reason.StartsWith(NotificationRules.KindOffPrefix, StringComparison.Ordinal)).Select(p => p.Kind).ToList();
        foreach (var kind in schoolOff) lines.Add(SchoolOffLine(kind));
        var ownOff = plans.Where(p => p.Plan is DeliveryPlan.Never { Reason: DeliveryRules.KindOff }).Select(p => Title(p.Kind)).ToList();
        if (ownOff.Count > 0) lines.Add($"⬜ Ви вимкнули: {string.Join(", ", ownOff)}.");
        return lines;
    }

    /// <summary>The promise as one text (lines joined).</summary>
    public static string Text(RecipientKind recipient, RecipientFacts facts) => string.Join("\n", Lines(recipient, facts));

    /// <summary>Whether anything at all will come (the consent answer and the tests read it).</summary>
    public static bool AnythingComes(RecipientKind recipient, RecipientFacts facts) => Plans(recipient, facts).Any(p => p.Plan is DeliveryPlan.To);

    private static string WideLine(string reason, RecipientFacts facts) => reason switch
    {
        DeliveryRules.NoConsent => NoConsentLine,
        NotificationRules.ViberOff => ViberOffLine,
        DeliveryRules.StudentsOff => facts.Rules.StudentsFromGrade is { } from
            ? $"ℹ️ Власний щоденник і сповіщення школа надсилає учням з {from} класу; поки їх отримують ваші батьки. Свій щоденник можна будь-коли переглянути: /diary."
            : "ℹ️ Школа не надсилає учням власних повідомлень: щоденник і сповіщення отримують ваші батьки. Свій щоденник можна будь-коли переглянути: /diary.",
        _ => "⚠️ Цей чат не підключено: надіслати сюди нічого не вийде. Надішліть код запрошення ще раз.",
    };

    private static string SchoolOffLine(NotificationKind kind) => kind switch
    {
        NotificationKind.HomeworkNotice => "ℹ️ Домашні завдання школа надсилає лише у вечірньому щоденнику.",
        NotificationKind.MarkAlert => "ℹ️ Оцінки школа надсилає лише у вечірньому щоденнику.",
        NotificationKind.AbsenceAlert => "ℹ️ Про пропуски школа окремо не повідомляє: вони є у вечірньому щоденнику.",
        NotificationKind.DailyDiary => "ℹ️ Вечірнього щоденника школа не надсилає: запитайте самі — /diary.",
        NotificationKind.Announcement => "ℹ️ Оголошень школа через бот не надсилає.",
        _ => "",
    };

    public static string Title(NotificationKind kind) => kind switch
    {
        NotificationKind.MarkAlert => "оцінки",
        NotificationKind.AbsenceAlert => "пропуски",
        NotificationKind.HomeworkNotice => "домашні завдання",
        NotificationKind.Announcement => "оголошення школи",
        NotificationKind.DailyDiary => "щоденник",
        _ => kind.ToString(),
    };

    /// <summary>"у Telegram", "у Viber", "у Telegram і Viber".</summary>
    public static string Where(DeliveryPlan.To plan)
    {
        var channels = plan.Chats.Select(c => c.Channel).Distinct().Order().ToList();
        return "у " + string.Join(" і ", channels.Select(c => c switch { Channel.Telegram => "Telegram", Channel.Viber => "Viber", _ => c.ToString() }));
    }
}
