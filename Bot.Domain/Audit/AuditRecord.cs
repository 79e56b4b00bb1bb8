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
        // Ids increase in the order records are added in this process, so the records of one transaction are sealed in the
        // order they were written (the sealer orders by writer, then id; EF Core inserts them in key order).
        Id = AuditIds.Next();
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

    /// <summary>
    /// 1, 2, 3, ... per school, without gaps, given by the sealer after the record's transaction committed (ADR 0037); 0
    /// (with <see cref="PreviousHash"/> and <see cref="Hash"/> empty) until then.
    /// </summary>
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

    /// <summary>Not chained yet: the sealer has not reached it (ADR 0037).</summary>
    public bool IsSealed => Sequence > 0;

    /// <summary>A record added without a unit of its own joins the unit of its save (one save, one unit).</summary>
    internal void JoinBatch(Guid saveBatchId)
    {
        if (WriteBatchId == Guid.Empty) WriteBatchId = saveBatchId;
    }

    /// <summary>Chains the record after <paramref name="previousHash"/>: keyed (HMAC) when <paramref name="key"/> is given.</summary>
    internal void Seal(long sequence, string previousHash, AuditKey? key = null)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = key is null ? AuditChain.ComputeHash(this) : AuditChain.ComputeHash(this, key.Bytes);
    }
}

/// <summary>
/// The head of a school's chain: the last sequence number and hash, and since the installation has its key, the key's id
/// and the first sequence sealed with it (ADR 0037). Only the sealer updates it, under a row lock (PostgreSQL) or in a
/// write transaction (SQLite); the sequence stays an optimistic concurrency token as a safety net.
/// </summary>
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

    /// <summary>The <see cref="AuditKey.KeyId"/> of the key the chain is sealed with; null while it has only plain links.</summary>
    public string? KeyId { get; private set; }

    /// <summary>The first sequence sealed with the key (its link covers the last plain hash); null while none is.</summary>
    public long? KeyedFromSequence { get; private set; }

    /// <summary>The next record is the first sealed with <paramref name="key"/>.</summary>
    internal void BeginKeyed(AuditKey key)
    {
        KeyId = key.KeyId;
        KeyedFromSequence = LastSequence + 1;
    }

    internal void Advance(AuditRecord record)
    {
        LastSequence = record.Sequence;
        LastHash = record.Hash;
    }
}

/// <summary>Version 7 ids that never go backwards in this process (two in one millisecond would otherwise be in random order).</summary>
internal static class AuditIds
{
    private static readonly Lock Gate = new();
    private static Guid _last;

    public static Guid Next()
    {
        var id = Guid.CreateVersion7();
        lock (Gate)
        {
            if (id.CompareTo(_last) <= 0) id = After(_last);
            _last = id;
        }

        return id;
    }

    /// <summary>The id one above <paramref name="id"/> in its random tail (the timestamp, version and variant stay).</summary>
    private static Guid After(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 9; i--)
            if (++bytes[i] != 0) break;
        return new Guid(bytes, bigEndian: true);
    }
}
