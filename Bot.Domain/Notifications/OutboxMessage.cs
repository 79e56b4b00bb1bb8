namespace Bot.Domain.Notifications;

public enum NotificationKind
{
    MarkAlert,
    AbsenceAlert,
    HomeworkNotice,
    DailyDiary,
    AbsenceReport,
    Announcement,
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

    Sent,

    /// <summary>Failed for now; retried.</summary>
    Failed,

    /// <summary>Given up (the chat is gone, retries exhausted).</summary>
    Dead,

    /// <summary>Taken back before it went (the teacher undid the change within the undo window).</summary>
    Cancelled,
}

/// <summary>
/// A notification to deliver, written in the same transaction as the change that causes it (DESIGN.md
/// "Processes"). Jobs only drain this table: a forgotten job never loses a message.
/// </summary>
public sealed class OutboxMessage : SchoolEntity
{
    private OutboxMessage() { IdempotencyKey = Payload = ""; }

    public OutboxMessage(Guid schoolId, string idempotencyKey, RecipientKind recipientKind, Guid recipientId, NotificationKind kind,
        string payload, DateTime createdAtUtc, DateTime notBeforeUtc, Guid? sourceId = null)
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
        State = OutboxState.Pending;
    }

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

    public void Cancel()
    {
        if (State is OutboxState.Pending or OutboxState.Held or OutboxState.Failed) State = OutboxState.Cancelled;
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
        LastError = error;
        State = Attempts >= maxAttempts ? OutboxState.Dead : OutboxState.Failed;
        NotBeforeUtc = retryAtUtc;
    }

    public void MarkDead(string error)
    {
        Attempts++;
        LastError = error;
        State = OutboxState.Dead;
    }

    public void Hold(DateTime untilUtc)
    {
        State = OutboxState.Held;
        NotBeforeUtc = untilUtc;
    }
}
