namespace Bot.Domain.Notifications;

/// <summary>
/// Why a row is held, cancelled, failed or dead. The outbox records it (<see cref="OutboxMessage.LastError"/>) in the
/// words of the logs and of the channels' own answers ("403 Forbidden: bot was blocked by the user"); the operations page
/// shows an administrator the Ukrainian meaning (<see cref="Describe"/>) with the technical text under it.
/// </summary>
public static class OutboxReasons
{
    /// <summary>The evening diary of a family whose children have nothing recorded that day: decided, not sent.</summary>
    public const string NothingToday = "nothing recorded today for the children: no diary";

    /// <summary>The A-4 check of a school's day has run (the mark row of <c>StaffDigestJobs</c>).</summary>
    public const string RunsChecked = "A-4 checked for the day";

    /// <summary>A school's day was checked for lessons to record (the mark row of <c>LessonDayReminderJob</c>).</summary>
    public const string LessonsChecked = "lessons to record checked for the day";

    /// <summary>The change it told of was taken back with /undo before the alert went.</summary>
    public const string Undone = "taken back within the undo window";

    public const string ChatGonePrefix = "chat gone: ";

    private static readonly (string Technical, string Ukrainian)[] Exact =
    [
        (DeliveryRules.KindOff, "одержувач вимкнув цей вид сповіщень у /settings"),
        (DeliveryRules.NoConsent, "немає чинної згоди батьків на сповіщення"),
        (DeliveryRules.NoChat, "немає підключеного чату"),
        (DeliveryRules.QuietHours, "тихі години одержувача: надійде після них"),
        (NotificationRules.ViberOff, "школа не надсилає сповіщень у Viber"),
        (DeliveryRules.StudentsOff, "школа не надсилає власних повідомлень учням цього класу"),
        (NothingToday, "за день у дітей нічого не записано: щоденник не надсилався"),
        (RunsChecked, "перевірку пропусків без поважної причини за день виконано"),
        (LessonsChecked, "перевірку незаписаних уроків за день виконано"),
        (Undone, "запис скасовано протягом вікна виправлення (/undo)"),
    ];

    /// <summary>What a channel said, in the administrator's words; checked in this order.</summary>
    private static readonly (string Fragment, string Ukrainian)[] Channel =
    [
        ("blocked by the user", "користувач заблокував бота"),
        ("user is deactivated", "обліковий запис користувача видалено"),
        ("chat not found", "чат не знайдено"),
        ("notSubscribed", "людина відписалась від бота у Viber"),
        ("without a reply", "Viber: забагато повідомлень без відповіді людини, надсилання відкладено"),
        ("Viber account cannot send", "обліковий запис бота у Viber не може надсилати"),
        ("paid message", "Viber відмовив: платне повідомлення"),
        ("no suitable device", "у людини зараз немає пристрою з Viber"),
        ("no messenger running", "месенджер у цій інсталяції зараз не запущений: повідомлення чекає"),
        ("Too Many Requests", "ліміт надсилання месенджера: повтор пізніше"),
        ("gave up after", "месенджер не відповів після кількох спроб"),
    ];

    /// <summary>A state as the operations page names it.</summary>
    public static string Title(OutboxState state) => state switch
    {
        OutboxState.Pending => "очікують",
        OutboxState.Held => "притримані",
        OutboxState.Sending => "надсилаються",
        OutboxState.Sent => "надіслані",
        OutboxState.Failed => "невдалі (буде ще спроба)",
        OutboxState.Dead => "відмовлено",
        OutboxState.Cancelled => "скасовані",
        _ => state.ToString(),
    };

    public static string Title(NotificationKind kind) => kind switch
    {
        NotificationKind.MarkAlert => "оцінка",
        NotificationKind.AbsenceAlert => "відсутність",
        NotificationKind.HomeworkNotice => "домашнє завдання",
        NotificationKind.DailyDiary => "щоденник за день",
        NotificationKind.AbsenceReport => "повідомлення батьків про відсутність",
        NotificationKind.Announcement => "оголошення",
        NotificationKind.ClassTeacherWeek => "тиждень класу (класному керівнику)",
        NotificationKind.AbsenceRun => "10 днів без поважної причини",
        NotificationKind.TimetableChange => "зміна розкладу на завтра",
        NotificationKind.LessonsToRecord => "незаписані уроки дня (учителю)",
        NotificationKind.FamilyMessage => "повідомлення родини вчителю",
        NotificationKind.StaffAnswer => "відповідь учителя родині",
        NotificationKind.AbsenceExcused => "відсутність визнано поважною (батькам)",
        NotificationKind.TalkStatus => "розмову передано адміністрації або закрито",
        NotificationKind.FormRequest => "дозвіл або опитування (батькам)",
        NotificationKind.ShelterNotice => "клас в укритті / відбій (батькам)",
        NotificationKind.AuditHead => "контрольний запис журналу змін (директору)",
        _ => kind.ToString(),
    };

    public static string Title(RecipientKind kind) => kind switch
    {
        RecipientKind.Guardian => "батьки",
        RecipientKind.Student => "учень",
        _ => "працівник",
    };

    /// <summary>The reason in Ukrainian: a known one translated, a Ukrainian one as it is, any other "помилка надсилання".</summary>
    public static string? Describe(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        foreach (var (technical, ukrainian) in Exact)
            if (string.Equals(reason, technical, StringComparison.Ordinal)) return ukrainian;
        if (reason.Any(c => c is >= 'А' and <= 'я' or 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ')) return reason;
        if (reason.StartsWith(NotificationRules.KindOffPrefix, StringComparison.Ordinal))
            return reason.Contains("homework", StringComparison.Ordinal) ? "правило школи: домашні завдання — лише у вечірньому щоденнику"
                : reason.Contains("marks", StringComparison.Ordinal) ? "правило школи: оцінки — лише у вечірньому щоденнику"
                : "правило школи: цей вид сповіщень вимкнено";
        var channel = Channel.FirstOrDefault(c => reason.Contains(c.Fragment, StringComparison.OrdinalIgnoreCase)).Ukrainian;
        if (reason.StartsWith(ChatGonePrefix, StringComparison.Ordinal))
            return "чат недоступний, посилання закрито" + (channel is null ? "" : $": {channel}");
        return channel ?? "помилка надсилання";
    }
}
