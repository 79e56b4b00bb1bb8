using System.Security.Cryptography;

namespace Bot.Domain.Archive;

/// <summary>
/// The PDF/A snapshot of one class journal of a closed school year (J-14; seeds 000, 002 4.2: kept at least five years),
/// stored in the database with what proves it unchanged: its SHA-256, and the school's audit chain head at closing (the
/// last sequence and hash the snapshot reflects). ADR 0023.
/// </summary>
public sealed class ArchivedJournal : SchoolEntity
{
    /// <summary>Seeds 000, 002 (4.2): journals are kept five years after the year is archived.</summary>
    public const int KeepYears = 5;

    private ArchivedJournal() { ClassName = FileName = Sha256 = AuditHeadHash = ClosedBy = ""; Content = []; }

    public ArchivedJournal(Guid schoolId, Guid schoolYearId, Guid classId, string className, string fileName, byte[] content, int pages,
        long auditHeadSequence, string auditHeadHash, string closedBy, DateTime closedAtUtc, DateOnly closedOn)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        ClassId = classId;
        ClassName = className;
        FileName = fileName;
        Content = content;
        Bytes = content.LongLength;
        Pages = pages;
        Sha256 = HashOf(content);
        AuditHeadSequence = auditHeadSequence;
        AuditHeadHash = auditHeadHash;
        ClosedBy = closedBy;
        ClosedAtUtc = closedAtUtc;
        KeepUntil = closedOn.AddYears(KeepYears);
    }

    public Guid SchoolYearId { get; private set; }
    public Guid ClassId { get; private set; }

    /// <summary>"7-А" as the class was called in that year.</summary>
    public string ClassName { get; private set; }

    public string FileName { get; private set; }

    /// <summary>The PDF/A-2b file itself.</summary>
    public byte[] Content { get; private set; }

    public long Bytes { get; private set; }
    public int Pages { get; private set; }

    /// <summary>Lowercase hex SHA-256 of <see cref="Content"/>, computed when the snapshot was made.</summary>
    public string Sha256 { get; private set; }

    public long AuditHeadSequence { get; private set; }
    public string AuditHeadHash { get; private set; }

    /// <summary>Who closed the year: "Гребенюк О. А.".</summary>
    public string ClosedBy { get; private set; }

    public DateTime ClosedAtUtc { get; private set; }

    /// <summary>Kept at least until this day (closing day + <see cref="KeepYears"/> years).</summary>
    public DateOnly KeepUntil { get; private set; }

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>The state of a year's closing, as the panel shows it while the snapshots are written.</summary>
public enum YearClosingState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// One request to close a school year: who asked, how far the snapshots have got (<see cref="Done"/> of <see cref="Total"/>
/// classes) and how it ended. Its own small saves let the panel of any process poll it while a job renders the journals;
/// the year is closed, with every snapshot, in one later transaction.
/// </summary>
public sealed class YearClosing : SchoolEntity
{
    /// <summary>A run that has shown no progress for this long is taken to have died with its process: it may be asked again.</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(15);

    private YearClosing() { RequestedBy = ""; }

    public YearClosing(Guid schoolId, Guid schoolYearId, Guid? requestedById, string requestedBy, bool early, DateTime utcNow)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        RequestedById = requestedById;
        RequestedBy = requestedBy;
        Early = early;
        RequestedAtUtc = UpdatedAtUtc = utcNow;
        State = YearClosingState.Queued;
    }

    public Guid SchoolYearId { get; private set; }
    public Guid? RequestedById { get; private set; }
    public string RequestedBy { get; private set; }

    /// <summary>Closed before the year ended, with the administrator's confirmation.</summary>
    public bool Early { get; private set; }

    public DateTime RequestedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public YearClosingState State { get; private set; }
    public int Done { get; private set; }
    public int Total { get; private set; }

    /// <summary>Why it failed (for the administrator), or null.</summary>
    public string? Error { get; private set; }

    public bool IsUnderWay(DateTime utcNow) => State is YearClosingState.Queued or YearClosingState.Running && utcNow - UpdatedAtUtc < Stale;

    public void Progress(int done, int total, DateTime utcNow)
    {
        State = YearClosingState.Running;
        Done = done;
        Total = total;
        UpdatedAtUtc = utcNow;
    }

    public void Finish(DateTime utcNow)
    {
        State = YearClosingState.Done;
        Done = Total;
        UpdatedAtUtc = utcNow;
    }

    public void Fail(string error, DateTime utcNow)
    {
        State = YearClosingState.Failed;
        Error = error.Length > 1000 ? error[..1000] : error;
        UpdatedAtUtc = utcNow;
    }
}
