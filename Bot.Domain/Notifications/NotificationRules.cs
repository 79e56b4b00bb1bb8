namespace Bot.Domain.Notifications;

/// <summary>
/// The installation's defaults of a school's notification rules (`Notifications:*`), in force for a school until it
/// saves its own on the panel's "Правила сповіщень" page ("school defaults stored as data").
/// </summary>
public sealed record NotificationDefaults
{
    /// <summary>`Notifications:MarkAlerts`: `all`, `none` or a threshold (`6`).</summary>
    public MarkAlertRule MarkAlerts { get; init; } = MarkAlertRule.All;

    /// <summary>`Notifications:ViberAlerts`: whether the outbox writes to parents in Viber (every such message is paid, docs/operations.md "What Viber costs").</summary>
    public bool ViberAlerts { get; init; }

    /// <summary>`Notifications:UndoWindow`.</summary>
    public TimeSpan UndoWindow { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// A school's notification rules, stored as data: which kinds go at all (absence alerts, mark alerts by
/// <see cref="MarkAlertRule"/>, homework notices at once or in the diary only, the daily diary, announcements), the
/// default time of the daily diary and the default quiet hours (each person's /settings override these two and switch
/// kinds off for themself), and whether alerts go over Viber. The undo window is <see cref="Schools.School.UndoWindow"/>
/// (the write path reads the school anyway). A school without a stored record has <see cref="Defaults"/>.
/// </summary>
public sealed class NotificationRules : SchoolEntity
{
    private NotificationRules() { MarkAlertsText = "all"; }

    private NotificationRules(Guid schoolId, NotificationDefaults defaults)
    {
        SchoolId = schoolId;
        AbsenceAlerts = HomeworkNotices = DailyDiary = Announcements = true;
        MarkAlertsText = Text(defaults.MarkAlerts);
        DiaryTime = RecipientPreferences.DefaultDiaryTime;
        QuietFrom = RecipientPreferences.DefaultQuietFrom;
        QuietTo = RecipientPreferences.DefaultQuietTo;
        ViberAlerts = defaults.ViberAlerts;
        ViberUrgent = true;
        StudentsFromGrade = DefaultStudentsFromGrade;
    }

    /// <summary>Students get their own evening diary and notices from this grade on unless the school says otherwise.</summary>
    public const int DefaultStudentsFromGrade = 5;

    /// <summary>The rules of a school that has not saved its own (not stored).</summary>
    public static NotificationRules Defaults(Guid schoolId, NotificationDefaults defaults) => new(schoolId, defaults);

    public bool AbsenceAlerts { get; private set; }

    /// <summary>The mark alert rule as written (`all`, `none`, `6`); <see cref="MarkAlerts"/> is its value.</summary>
    public string MarkAlertsText { get; private set; }

    public MarkAlertRule MarkAlerts => MarkAlertRule.Parse(MarkAlertsText);

    /// <summary>True: a homework notice goes when the teacher posts it; false: homework reaches parents in the daily diary only.</summary>
    public bool HomeworkNotices { get; private set; }

    public bool DailyDiary { get; private set; }
    public bool Announcements { get; private set; }

    /// <summary>The daily diary's time for people who have not chosen their own (school-local).</summary>
    public TimeOnly DiaryTime { get; private set; }

    /// <summary>Quiet hours of people who have not chosen their own (school-local, may wrap midnight); null = none.</summary>
    public TimeOnly? QuietFrom { get; private set; }

    public TimeOnly? QuietTo { get; private set; }

    /// <summary>Whether the outbox sends over Viber at all (paid messages); replies to a person's own messages always go.</summary>
    public bool ViberAlerts { get; private set; }

    /// <summary>
    /// Whether "Клас в укритті" and "Відбій" (ADR 0044) go over Viber even when <see cref="ViberAlerts"/> is off: on unless
    /// the school switches urgent Viber messages off.
    /// </summary>
    public bool ViberUrgent { get; private set; } = true;

    /// <summary>
    /// Students of this grade and above get their own evening diary, mark alerts and homework notices (ADR 0035); null:
    /// none (everything goes to their parents only). Younger students can still ask the bot for their diary.
    /// </summary>
    public int? StudentsFromGrade { get; private set; }

    /// <summary>Whether a student of <paramref name="grade"/> (their class today; null: in no class) gets messages of their own.</summary>
    public bool AllowsStudent(int? grade) => StudentsFromGrade is { } from && grade is { } g && g >= from;

    /// <summary>What a student gets as a message of their own (they are told of absences by nobody but themself).</summary>
    public static readonly NotificationKind[] StudentKinds = [NotificationKind.MarkAlert, NotificationKind.HomeworkNotice, NotificationKind.DailyDiary];

    /// <summary>Whether the school lets this kind go as a message of its own (mark alerts also pass <see cref="MarkAlerts"/>).</summary>
    public bool Allows(NotificationKind kind) => kind switch
    {
        NotificationKind.AbsenceAlert => AbsenceAlerts,
        NotificationKind.MarkAlert => !MarkAlerts.Off,
        NotificationKind.HomeworkNotice => HomeworkNotices,
        NotificationKind.DailyDiary => DailyDiary,
        NotificationKind.Announcement => Announcements,
        _ => true,
    };

    /// <summary>Why a row of a kind the school switched off is not sent (kept on the row for the administrators).</summary>
    public static string KindOffReason(NotificationKind kind) => kind switch
    {
        NotificationKind.HomeworkNotice => KindOffPrefix + "homework goes in the evening diary only",
        NotificationKind.MarkAlert => KindOffPrefix + "marks go in the evening diary only",
        _ => $"{KindOffPrefix}{kind} switched off",
    };

    public const string KindOffPrefix = "school rule: ";

    public const string ViberOff = "school rule: no alerts over Viber";

    /// <summary>Takes all the rules at once (the panel's form); <see cref="NotificationRulesService"/> validates them first.</summary>
    public void Set(bool absenceAlerts, MarkAlertRule markAlerts, bool homeworkNotices, bool dailyDiary, bool announcements,
        TimeOnly diaryTime, TimeOnly? quietFrom, TimeOnly? quietTo, bool viberAlerts, int? studentsFromGrade = DefaultStudentsFromGrade,
        bool viberUrgent = true)
    {
        if ((quietFrom is null) != (quietTo is null) || (quietFrom is { } f && f == quietTo))
            throw new ArgumentException("Quiet hours need two different ends, or none.");
        AbsenceAlerts = absenceAlerts;
        MarkAlertsText = Text(markAlerts);
        HomeworkNotices = homeworkNotices;
        DailyDiary = dailyDiary;
        Announcements = announcements;
        DiaryTime = diaryTime;
        QuietFrom = quietFrom;
        QuietTo = quietTo;
        ViberAlerts = viberAlerts;
        ViberUrgent = viberUrgent;
        StudentsFromGrade = studentsFromGrade;
    }

    /// <summary>The preferences of a person who has stored none: every kind on, Telegram, and the school's diary time and quiet hours, which they follow.</summary>
    public RecipientPreferences DefaultPreferences(Linking.PersonKind kind, Guid personId) => new(SchoolId, kind, personId);

    /// <summary>The rules in a line, for the audit trail: "пропуски: так; оцінки: ≤5; д/з: у щоденнику; …".</summary>
    public string Summary(TimeSpan undoWindow)
    {
        static string YesNo(bool on) => on ? "так" : "ні";
        var marks = MarkAlerts.Off ? "лише у щоденнику" : MarkAlerts.AtOrBelow is { } n ? $"≤{n}" : "усі";
        var quiet = QuietFrom is { } f && QuietTo is { } t ? $"{f:HH\\:mm}–{t:HH\\:mm}" : "немає";
        var diary = DailyDiary ? DiaryTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "ні";
        var homework = HomeworkNotices ? "одразу" : "у щоденнику";
        return $"пропуски: {YesNo(AbsenceAlerts)}; оцінки: {marks}; д/з: {homework}; щоденник: {diary}; " +
            $"тиша: {quiet}; оголошення: {YesNo(Announcements)}; Viber: {YesNo(ViberAlerts)}; укриття у Viber: {YesNo(ViberUrgent)}; " +
            $"учням: {(StudentsFromGrade is { } g ? $"з {g} класу" : "ні")}; вікно виправлення: {undoWindow.TotalMinutes:0} хв";
    }

    private static string Text(MarkAlertRule rule) => rule.Off ? "none" : rule.AtOrBelow is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all";
}
