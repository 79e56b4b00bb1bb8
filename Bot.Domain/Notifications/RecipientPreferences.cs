using Bot.Domain.Audit;
using Bot.Domain.Linking;

namespace Bot.Domain.Notifications;

/// <summary>Messengers a person wants alerts in (replies to their own requests always go where they asked).</summary>
[Flags]
public enum AlertChannels
{
    None = 0,
    Telegram = 1,
    Viber = 2,
}

/// <summary>
/// A parent's, student's or teacher's own choices: which alerts, when the daily diary comes, quiet hours, and which
/// messenger gets alerts (default Telegram, which costs the school nothing). The school's rules bound them. The diary
/// time and the quiet hours follow the school's (<see cref="NotificationRules"/>) until the person picks their own, so
/// a school that moves its diary to 19:00 moves everyone who has not chosen a time.
/// </summary>
public sealed class RecipientPreferences : SchoolEntity
{
    public static readonly TimeOnly DefaultDiaryTime = new(18, 0);
    public static readonly TimeOnly DefaultQuietFrom = new(21, 0);
    public static readonly TimeOnly DefaultQuietTo = new(7, 30);

    private RecipientPreferences() { }

    public RecipientPreferences(Guid schoolId, PersonKind kind, Guid personId)
    {
        SchoolId = schoolId;
        Kind = kind;
        PersonId = personId;
        MarkAlerts = AbsenceAlerts = HomeworkNotices = DailyDiary = true;
        DailyDiaryTime = DefaultDiaryTime;
        QuietFrom = DefaultQuietFrom;
        QuietTo = DefaultQuietTo;
        Channels = AlertChannels.Telegram;
    }

    public PersonKind Kind { get; private set; }
    public Guid PersonId { get; private set; }
    public bool MarkAlerts { get; private set; }
    public bool AbsenceAlerts { get; private set; }
    public bool HomeworkNotices { get; private set; }
    public bool DailyDiary { get; private set; }

    /// <summary>The person's own diary time; it counts only with <see cref="OwnDiaryTime"/> (<see cref="DiaryTimeUnder"/>).</summary>
    public TimeOnly DailyDiaryTime { get; private set; }

    /// <summary>The person chose <see cref="DailyDiaryTime"/>; otherwise the school's diary time applies.</summary>
    public bool OwnDiaryTime { get; private set; }

    /// <summary>No alerts from <see cref="QuietFrom"/> to <see cref="QuietTo"/> (school-local; may wrap midnight); null = no quiet hours. Count only with <see cref="OwnQuietHours"/>.</summary>
    public TimeOnly? QuietFrom { get; private set; }

    public TimeOnly? QuietTo { get; private set; }

    /// <summary>The person chose their quiet hours (or none); otherwise the school's apply.</summary>
    public bool OwnQuietHours { get; private set; }

    public AlertChannels Channels { get; private set; }

    /// <summary>When the evening diary comes: the person's own time, or the school's.</summary>
    public TimeOnly DiaryTimeUnder(NotificationRules rules) => OwnDiaryTime ? DailyDiaryTime : rules.DiaryTime;

    /// <summary>The quiet hours in force: the person's own (perhaps none), or the school's.</summary>
    public (TimeOnly? From, TimeOnly? To) QuietHoursUnder(NotificationRules rules) => OwnQuietHours ? (QuietFrom, QuietTo) : (rules.QuietFrom, rules.QuietTo);

    /// <summary>Back to the school's diary time and quiet hours.</summary>
    public void FollowSchool()
    {
        OwnDiaryTime = false;
        OwnQuietHours = false;
    }

    public bool Wants(NotificationKind kind) => kind switch
    {
        NotificationKind.MarkAlert => MarkAlerts,
        NotificationKind.AbsenceAlert => AbsenceAlerts,
        NotificationKind.HomeworkNotice => HomeworkNotices,
        NotificationKind.DailyDiary => DailyDiary,
        _ => true,
    };

    public void Set(NotificationKind kind, bool on)
    {
        switch (kind)
        {
            case NotificationKind.MarkAlert: MarkAlerts = on; break;
            case NotificationKind.AbsenceAlert: AbsenceAlerts = on; break;
            case NotificationKind.HomeworkNotice: HomeworkNotices = on; break;
            case NotificationKind.DailyDiary: DailyDiary = on; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), "This kind cannot be switched off.");
        }
    }

    public void SetDiaryTime(TimeOnly time)
    {
        DailyDiaryTime = time;
        OwnDiaryTime = true;
    }

    public void SetQuietHours(TimeOnly? from, TimeOnly? to)
    {
        if ((from is null) != (to is null)) throw new DomainException(new DomainError("prefs.quiet_ends", "Тихі години потребують початку й кінця (або жодного)."));
        if (from is { } f && to is { } t && f == t)
            throw new DomainException(new DomainError("prefs.quiet_equal", $"Тихі години не можуть починатися й закінчуватися о {f:HH\\:mm}: оберіть різний початок і кінець."));
        QuietFrom = from;
        QuietTo = to;
        OwnQuietHours = true;
    }

    public void SetChannels(AlertChannels channels)
    {
        if (channels == AlertChannels.None) throw new DomainException(new DomainError("prefs.no_channel", "Оберіть хоча б один месенджер для сповіщень."));
        Channels = channels;
    }

    public bool WantsAlertsIn(Channel channel) => channel switch
    {
        Channel.Telegram => Channels.HasFlag(AlertChannels.Telegram),
        Channel.Viber => Channels.HasFlag(AlertChannels.Viber),
        _ => true,
    };

    /// <summary>Whether a school-local time falls in the quiet hours in force (which may span midnight).</summary>
    public bool IsQuiet(TimeOnly localTime, NotificationRules rules) => IsQuiet(localTime, QuietHoursUnder(rules));

    public static bool IsQuiet(TimeOnly localTime, (TimeOnly? From, TimeOnly? To) quiet) =>
        quiet is ({ } from, { } to) && (from <= to ? localTime >= from && localTime < to : localTime >= from || localTime < to);
}

/// <summary>What a chat is in the middle of: the child a parent of several chose, and a pending step of a dialogue.</summary>
public sealed class ChatSession
{
    private ChatSession() { ChatId = ""; }

    public ChatSession(Channel channel, string chatId)
    {
        Channel = channel;
        ChatId = chatId;
    }

    public Channel Channel { get; private set; }
    public string ChatId { get; private set; }
    public Guid? SelectedStudentId { get; private set; }

    /// <summary>A pending step ("absent-reason:&lt;student&gt;") and its data; expires with <see cref="PendingUntilUtc"/>.</summary>
    public string? Pending { get; private set; }

    public DateTime? PendingUntilUtc { get; private set; }

    public void Select(Guid? studentId) => SelectedStudentId = studentId;

    public void Await(string pending, DateTime untilUtc)
    {
        Pending = pending;
        PendingUntilUtc = untilUtc;
    }

    public string? TakePending(DateTime nowUtc)
    {
        var p = PendingUntilUtc > nowUtc ? Pending : null;
        Pending = null;
        PendingUntilUtc = null;
        return p;
    }
}
