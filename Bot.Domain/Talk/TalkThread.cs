using Bot.Domain.Audit;
using Bot.Domain.Linking;

namespace Bot.Domain.Talk;

/// <summary>
/// A conversation between a family (a guardian, or a student where the school allows it) and one staff member about one
/// child (ADR 0038). Only its two sides read its messages; the administration sees counts and ages, not text.
/// Neither side ever sees the other's phone, username or messenger id: the bot carries the words.
/// </summary>
public sealed class TalkThread : SchoolEntity
{
    private TalkThread() { }

    public TalkThread(Guid schoolId, Guid schoolYearId, Guid studentId, PersonKind familyKind, Guid familyPersonId, Guid staffId, Channel familyChannel, DateTime nowUtc)
    {
        if (familyKind is not (PersonKind.Guardian or PersonKind.Student)) throw new ArgumentOutOfRangeException(nameof(familyKind));
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        StudentId = studentId;
        FamilyKind = familyKind;
        FamilyPersonId = familyPersonId;
        StaffId = staffId;
        FamilyChannel = familyChannel;
        CreatedAtUtc = LastMessageAtUtc = nowUtc;
    }

    /// <summary>The school year it began in: it is kept for that year and the school's number of years more.</summary>
    public Guid SchoolYearId { get; private set; }

    public Guid StudentId { get; private set; }
    public PersonKind FamilyKind { get; private set; }
    public Guid FamilyPersonId { get; private set; }
    public Guid StaffId { get; private set; }

    /// <summary>The messenger the family last wrote from: answers go there.</summary>
    public Channel FamilyChannel { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime LastMessageAtUtc { get; private set; }

    /// <summary>The first of the family's messages the staff member has not answered yet; null when answered (or none).</summary>
    public DateTime? UnansweredSinceUtc { get; private set; }

    /// <summary>Closed for new messages (the family unlinked or withdrew consent); its messages stay until the retention ends.</summary>
    public DateTime? ClosedAtUtc { get; private set; }

    public string? ClosedReason { get; private set; }

    /// <summary>
    /// When a side passed the thread to the administration ("Передати адміністрації"): from then on the director and the
    /// deputies read it too, and may close it for new messages.
    /// </summary>
    public DateTime? PassedToAdministrationAtUtc { get; private set; }

    public bool IsPassedToAdministration => PassedToAdministrationAtUtc is not null;

    /// <summary>
    /// The stand-in (<see cref="ClassTeacherStandIn"/>) this thread was opened under: the family wrote to the class teacher
    /// and <see cref="StaffId"/> — the stand-in — received it. Its staff side may read and answer it only during the stand-in (ADR 0049).
    /// </summary>
    public Guid? StandInId { get; private set; }

    internal void OpenedUnder(Guid standInId) => StandInId = standInId;

    public bool IsOpen => ClosedAtUtc is null;

    internal void FamilyWrote(Channel channel, DateTime nowUtc)
    {
        FamilyChannel = channel;
        LastMessageAtUtc = nowUtc;
        UnansweredSinceUtc ??= nowUtc;
    }

    internal void StaffWrote(DateTime nowUtc)
    {
        LastMessageAtUtc = nowUtc;
        UnansweredSinceUtc = null;
    }

    internal void PassToAdministration(DateTime nowUtc) => PassedToAdministrationAtUtc ??= nowUtc;

    internal void Close(DateTime nowUtc, string reason)
    {
        ClosedAtUtc ??= nowUtc;
        ClosedReason ??= reason;
    }
}

/// <summary>One message of a <see cref="TalkThread"/>: plain text, up to <see cref="MaxLength"/> characters.</summary>
public sealed class TalkMessage : SchoolEntity
{
    public const int MaxLength = 2000;

    private TalkMessage() { Text = ""; }

    public TalkMessage(Guid schoolId, Guid threadId, bool fromStaff, Guid authorId, string text, DateTime createdAtUtc, DateTime deliverAtUtc)
    {
        SchoolId = schoolId;
        ThreadId = threadId;
        FromStaff = fromStaff;
        AuthorId = authorId;
        Text = text;
        CreatedAtUtc = createdAtUtc;
        DeliverAtUtc = deliverAtUtc;
    }

    public Guid ThreadId { get; private set; }
    public bool FromStaff { get; private set; }

    /// <summary>The staff member, or the guardian or student who wrote.</summary>
    public Guid AuthorId { get; private set; }

    public string Text { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the outbox may deliver it: now, or the start of the staff member's next working period.</summary>
    public DateTime DeliverAtUtc { get; private set; }
}
