namespace Bot.Domain.Notifications;

public enum NotificationKind
{
    MarkAlert,
    AbsenceAlert,
    HomeworkNotice,
    DailyDiary,
    AbsenceReport,
    Announcement,

    /// <summary>The class teacher's weekly attendance summary of their class.</summary>
    ClassTeacherWeek,

    /// <summary>A-4: a student away ten school days in a row without a valid reason, to the administration.</summary>
    AbsenceRun,

    /// <summary>Tomorrow's timetable of a child's class changed after the evening diary went out (a substitution, a cancelled or moved lesson...).</summary>
    TimetableChange,

    /// <summary>The end of a teacher's day: their lessons of the day still without a topic or a roll call (J-6, J-7).</summary>
    LessonsToRecord,

    /// <summary>A family's message in a conversation, to the staff member it is addressed to (ADR 0038).</summary>
    FamilyMessage,

    /// <summary>A staff member's answer in a conversation, to the family's chat (ADR 0038).</summary>
    StaffAnswer,
    /// <summary>A parent's absence report accepted as a valid reason ("Поважна причина"): the parent who reported is told.</summary>
    AbsenceExcused,

    /// <summary>A conversation passed to the administration or closed by it: both sides are told (ADR 0038).</summary>
    TalkStatus,

    /// <summary>A form to a guardian about one child (a permission slip or a poll) with its answer buttons (ADR 0045).</summary>
    FormRequest,
    /// <summary>"Клас в укритті" / "Відбій" of a child's class (ADR 0044): urgent, through quiet hours.</summary>
    ShelterNotice,

    /// <summary>The school's audit head (record number, hash, time) and the last check's verdict, to each director weekly (ADR 0037).</summary>
    AuditHead,
}

/// <summary>Which due rows go first: urgent ones (absences, reports, urgent announcements) ahead of alerts, alerts ahead of digests.</summary>
public static class OutboxPriority
{
    public const int Urgent = 0;
    public const int Alert = 1;
    public const int Digest = 2;

    public static int Of(NotificationKind kind) => kind switch
    {
        NotificationKind.AbsenceAlert or NotificationKind.AbsenceReport or NotificationKind.AbsenceRun or NotificationKind.ShelterNotice => Urgent,
        NotificationKind.DailyDiary or NotificationKind.ClassTeacherWeek => Digest,
        _ => Alert,
    };
}

public enum RecipientKind
{
    Guardian,
    Student,
    Staff,
}

public enum OutboxState
{
    /// <summary>Waiting until <see cref="OutboxMessage.NotBeforeUtc"/>.</summary>
    Pending,

    /// <summary>Held back by the recipient's quiet hours or a rule; goes later.</summary>
    Held,

    /// <summary>
    /// Handed to a messenger and not yet answered. A process that dies here leaves the row so; the next sender puts it back
    /// to <see cref="Pending"/>, so such a row may reach its chat twice (ADR 0011: at most the rows in flight at the crash).
    /// </summary>
    Sending,

    Sent,

    /// <summary>Failed for now; retried.</summary>
    Failed,

    /// <summary>Given up (the chat is gone, retries exhausted).</summary>
    Dead,

    /// <summary>Not to be sent: taken back within the undo window, or a rule says no (preference off, no consent, no chat); see <see cref="OutboxMessage.LastError"/>.</summary>
    Cancelled,
}

/// <summary>
/// A notification to deliver, written in the same transaction as the change that causes it (docs/architecture.md
/// "Processes"). Jobs only drain this table: a forgotten job never loses a message.
/// </summary>
public sealed class OutboxMessage : SchoolEntity
{
    private OutboxMessage() { IdempotencyKey = Payload = ""; }

    public OutboxMessage(Guid schoolId, string idempotencyKey, RecipientKind recipientKind, Guid recipientId, NotificationKind kind,
        string payload, DateTime createdAtUtc, DateTime notBeforeUtc, Guid? sourceId = null, int? priority = null)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) throw new ArgumentException("An idempotency key is required.", nameof(idempotencyKey));
        SchoolId = schoolId;
        IdempotencyKey = idempotencyKey;
        RecipientKind = recipientKind;
        RecipientId = recipientId;
        Kind = kind;
        Payload = payload;
        CreatedAtUtc = createdAtUtc;
        NotBeforeUtc = notBeforeUtc;
        SourceId = sourceId;
        Priority = priority ?? OutboxPriority.Of(kind);
        State = OutboxState.Pending;
    }

    /// <summary><see cref="OutboxPriority"/>: lower goes first among due rows.</summary>
    public int Priority { get; private set; }

    /// <summary>Unique: writing the same notification twice is a no-op, not a second message.</summary>
    public string IdempotencyKey { get; private set; }

    public RecipientKind RecipientKind { get; private set; }
    public Guid RecipientId { get; private set; }
    public NotificationKind Kind { get; private set; }

    /// <summary>JSON with what the message needs (ids and the values at the time of the change).</summary>
    public string Payload { get; private set; }

    /// <summary>The mark, absence or lesson that caused it (to cancel it on undo).</summary>
    public Guid? SourceId { get; private set; }

    public OutboxState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime NotBeforeUtc { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentAtUtc { get; private set; }

    /// <summary>
    /// Viber's <c>message_token</c> of the message this row went as (ADR 0045): its <c>seen</c> callback names the token, and an
    /// announcement that asks for acknowledgement is then shown as "переглянуто". Null for rows not sent in Viber.
    /// </summary>
    public string? ViberToken { get; private set; }

    public void KeepViberToken(string token) => ViberToken = token.Length <= MaxTokenLength ? token : null;

    public const int MaxTokenLength = 40;

    /// <summary>Whether the row may still go (and so may still be taken back).</summary>
    public bool IsWaiting => State is OutboxState.Pending or OutboxState.Held or OutboxState.Failed;

    public void Cancel(string? reason = null)
    {
        if (!IsWaiting) return;
        State = OutboxState.Cancelled;
        if (reason is not null) LastError = Trim(reason);
    }

    /// <summary>A held absence alert of a day takes in a later absence of that day: it waits for that absence's undo window too.</summary>
    public void Extend(DateTime notBeforeUtc)
    {
        if (State == OutboxState.Cancelled)
        {
            State = OutboxState.Pending;
            LastError = null;
        }

        if (notBeforeUtc > NotBeforeUtc) NotBeforeUtc = notBeforeUtc;
    }

    public void MarkSent(DateTime nowUtc)
    {
        State = OutboxState.Sent;
        SentAtUtc = nowUtc;
        Attempts++;
    }

    public void MarkFailed(string error, DateTime retryAtUtc, int maxAttempts)
    {
        Attempts++;
        LastError = Trim(error);
        State = Attempts >= maxAttempts ? OutboxState.Dead : OutboxState.Failed;
        NotBeforeUtc = retryAtUtc;
    }

    public void MarkDead(string error)
    {
        Attempts++;
        LastError = Trim(error);
        State = OutboxState.Dead;
    }

    public void Hold(DateTime untilUtc, string? reason = null)
    {
        State = OutboxState.Held;
        NotBeforeUtc = untilUtc;
        if (reason is not null) LastError = Trim(reason);
    }

    /// <summary>An operator sends a dead row again: it is due now, with a fresh count of attempts; false when the row is not dead.</summary>
    public bool Retry(DateTime nowUtc)
    {
        if (State != OutboxState.Dead) return false;
        State = OutboxState.Pending;
        Attempts = 0;
        NotBeforeUtc = nowUtc;
        LastError = null;
        return true;
    }

    public const int MaxErrorLength = 1000;

    public static string Trim(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
