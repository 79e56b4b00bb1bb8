namespace Bot.Domain.Audit;

/// <summary>Where a change came from.</summary>
public enum Channel
{
    System,
    Web,
    Telegram,
    Viber,
    Preview,
    Cli,
}

public enum AuditAction
{
    Created,
    Changed,
    Deleted,
}

/// <summary>
/// Where a change is, as ids: the class, subject, student and lesson it touched (each null where it does not apply).
/// Filters and <c>/undo</c> read these; <see cref="AuditRecord.Context"/> only shows them to people.
/// </summary>
public sealed record AuditPlace(Guid? ClassId = null, Guid? SubjectId = null, Guid? StudentId = null, Guid? LessonId = null);

/// <summary>
/// One append-only entry of a school's audit trail: who, when, through which channel, which record, old and new
/// value, reason; where (class, subject, student, lesson ids) and in which write unit (<see cref="WriteBatchId"/>).
/// Entries of a school form a SHA-256 hash chain (<see cref="AuditChain"/>): each hash covers the entry and the hash
/// before it, so a changed or deleted entry is detectable.
/// </summary>
public sealed class AuditRecord : SchoolEntity
{
    private AuditRecord() { ActorName = EntityType = ""; PreviousHash = Hash = ""; }

    internal AuditRecord(Guid schoolId, DateTime atUtc, Guid? actorId, string actorName, Channel channel,
        string entityType, Guid entityId, AuditAction action, string? oldValue, string? newValue, string? reason, string? context,
        AuditPlace? place = null, Guid? writeBatchId = null, Guid? revertsBatchId = null)
    {
        SchoolId = schoolId;
        // PostgreSQL keeps microseconds: the hashed instant must be what the database gives back.
        AtUtc = new DateTime(atUtc.Ticks - atUtc.Ticks % 10, DateTimeKind.Utc);
        ActorId = actorId;
        ActorName = actorName;
        Channel = channel;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        OldValue = oldValue;
        NewValue = newValue;
        Reason = reason;
        Context = context;
        ClassId = place?.ClassId;
        SubjectId = place?.SubjectId;
        StudentId = place?.StudentId;
        LessonId = place?.LessonId;
        WriteBatchId = writeBatchId ?? Guid.Empty;
        RevertsBatchId = revertsBatchId;
        PreviousHash = Hash = "";
    }

    /// <summary>1, 2, 3, ... per school, without gaps.</summary>
    public long Sequence { get; private set; }

    public DateTime AtUtc { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public Channel Channel { get; private set; }

    /// <summary>"Mark", "Absence", "Lesson", ...</summary>
    public string EntityType { get; private set; }

    public Guid EntityId { get; private set; }
    public AuditAction Action { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>
    /// A human description of where the change is: "7-А · Алгебра · Іваненко Олег · 12.11.2026". For display only: code
    /// reads the ids below (ADR 0029).
    /// </summary>
    public string? Context { get; private set; }

    public Guid? ClassId { get; private set; }
    public Guid? SubjectId { get; private set; }
    public Guid? StudentId { get; private set; }
    public Guid? LessonId { get; private set; }

    /// <summary>
    /// The write unit this record belongs to: everything one command (one journal write call, or one step of the lesson
    /// flow, which passes its own id) wrote. <c>/undo</c> takes a unit back whole. <see cref="Guid.Empty"/> only on
    /// records written before units existed (their hash does not cover the structure, ADR 0029).
    /// </summary>
    public Guid WriteBatchId { get; private set; }

    /// <summary>Set on the records of an undo: the unit it took back.</summary>
    public Guid? RevertsBatchId { get; private set; }

    /// <summary>Records written with structure (every record since ADR 0029): their hash covers the ids and the unit.</summary>
    public bool IsStructured => WriteBatchId != Guid.Empty;

    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    /// <summary>A record added without a unit of its own joins the unit of its save (one save, one unit).</summary>
    internal void JoinBatch(Guid saveBatchId)
    {
        if (WriteBatchId == Guid.Empty) WriteBatchId = saveBatchId;
    }

    internal void Seal(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditChain.ComputeHash(this);
    }
}

/// <summary>The head of a school's chain: the last sequence number and hash, updated with optimistic concurrency.</summary>
public sealed class AuditChainHead
{
    private AuditChainHead() { LastHash = ""; }

    internal AuditChainHead(Guid schoolId)
    {
        SchoolId = schoolId;
        LastHash = AuditChain.GenesisHash;
    }

    public Guid SchoolId { get; private set; }
    public long LastSequence { get; private set; }
    public string LastHash { get; private set; }

    internal void Advance(AuditRecord record)
    {
        LastSequence = record.Sequence;
        LastHash = record.Hash;
    }
}
