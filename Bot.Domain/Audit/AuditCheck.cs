namespace Bot.Domain.Audit;

/// <summary>How a check came to run: the nightly job, the director's button, the operator's verb, a backup.</summary>
public enum AuditCheckTrigger
{
    Nightly,
    Panel,
    Cli,
    Backup,
}

/// <summary>
/// One school's row of audit verification (ADR 0037 decision 4): the checkpoint a check may start from (the last
/// verified sequence and hash, when, and a seal over them) and the verdict of the last check, which page views read
/// instead of verifying. A check writes it; nothing else does.
/// </summary>
public sealed class AuditCheck
{
    private AuditCheck() { CheckpointHash = CheckpointSeal = ""; }

    internal AuditCheck(Guid schoolId)
    {
        SchoolId = schoolId;
        CheckpointHash = AuditChain.GenesisHash;
        CheckpointSeal = "";
    }

    public Guid SchoolId { get; private set; }

    /// <summary>The last sequence whose chain up to it was verified intact (0: none yet).</summary>
    public long CheckpointSequence { get; private set; }

    /// <summary>That record's hash, as it was when verified.</summary>
    public string CheckpointHash { get; private set; }

    public DateTime? CheckpointAtUtc { get; private set; }

    /// <summary>
    /// A seal over the school, sequence, hash and time (<see cref="AuditCheckpoint.Seal"/>; an HMAC with the installation's
    /// key when the check had it): a checkpoint whose seal does not match was changed outside the product and is not trusted.
    /// </summary>
    public string CheckpointSeal { get; private set; }

    /// <summary>When the last check ended (null: never checked).</summary>
    public DateTime? CheckedAtUtc { get; private set; }

    public bool IsIntact { get; private set; }

    /// <summary>What the last check found wrong, in Ukrainian, one problem a line (null when intact).</summary>
    public string? Problem { get; private set; }

    /// <summary>The sequence of the first broken record, where the chain broke.</summary>
    public long? BrokenAtSequence { get; private set; }

    /// <summary>Records the last check hashed.</summary>
    public long Checked { get; private set; }

    /// <summary>The first sequence the last check hashed (1 for a full check; the checkpoint's next for an incremental one).</summary>
    public long CheckedFrom { get; private set; }

    /// <summary>The head the last check reached.</summary>
    public long HeadSequence { get; private set; }

    /// <summary>Marks and absences the last check reconciled with the trail.</summary>
    public long Reconciled { get; private set; }

    public long DurationMs { get; private set; }
    public AuditCheckTrigger Trigger { get; private set; }

    internal void Record(AuditVerdict verdict, AuditCheckTrigger trigger)
    {
        CheckedAtUtc = verdict.CheckedAtUtc;
        IsIntact = verdict.IsIntact;
        Problem = verdict.IsIntact ? null : Truncate(string.Join('\n', verdict.Problems), 4000);
        BrokenAtSequence = verdict.Chain.BrokenAtSequence;
        Checked = verdict.Chain.Checked;
        CheckedFrom = verdict.CheckedFrom;
        HeadSequence = verdict.HeadSequence;
        Reconciled = verdict.Reconciled;
        DurationMs = (long)verdict.Duration.TotalMilliseconds;
        Trigger = trigger;
    }

    internal void MoveCheckpoint(long sequence, string hash, DateTime atUtc, AuditKey? key)
    {
        CheckpointSequence = sequence;
        CheckpointHash = hash;
        // PostgreSQL keeps microseconds: the sealed instant must be what the database gives back.
        CheckpointAtUtc = new DateTime(atUtc.Ticks - atUtc.Ticks % 10, DateTimeKind.Utc);
        CheckpointSeal = AuditCheckpoint.Seal(SchoolId, sequence, hash, CheckpointAtUtc.Value, key);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
