namespace Bot.Domain.Notifications;

/// <summary>Who an announcement is for: the parents of one class, of every class of a grade, or of the whole school.</summary>
public enum AnnouncementAudience
{
    Class,
    Grade,
    School,
}

/// <summary>
/// A message from the school to parents, written on the panel: its audience, text, priority
/// (urgent: ahead of alerts; otherwise at the digests' priority) and its author as signed under it. Written with one
/// outbox row per guardian in the same transaction (<see cref="AnnouncementService"/>); what became of it is read from
/// those rows (their <see cref="OutboxMessage.SourceId"/> is this id).
/// </summary>
public sealed class Announcement : SchoolEntity
{
    public const int MaxTextLength = 3000;

    private Announcement() { Text = AudienceTitle = Signature = ""; }

    internal Announcement(Guid schoolId, AnnouncementAudience audience, Guid? classId, int? grade, string audienceTitle, string text, bool urgent,
        Guid authorId, string signature, DateTime createdAtUtc, bool askAcknowledgement = false)
    {
        AskAcknowledgement = askAcknowledgement;
        SchoolId = schoolId;
        Audience = audience;
        ClassId = classId;
        Grade = grade;
        AudienceTitle = audienceTitle;
        Text = text;
        Urgent = urgent;
        AuthorId = authorId;
        Signature = signature;
        CreatedAtUtc = createdAtUtc;
    }

    public AnnouncementAudience Audience { get; private set; }
    public Guid? ClassId { get; private set; }
    public int? Grade { get; private set; }

    /// <summary>"7-А", "7-і класи", "уся школа": as the list and the message show it.</summary>
    public string AudienceTitle { get; private set; }

    public string Text { get; private set; }
    public bool Urgent { get; private set; }
    public Guid AuthorId { get; private set; }

    /// <summary>"Гребенюк О. А., директор": the line the message is signed with.</summary>
    public string Signature { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Guardians it was written to (one outbox row each).</summary>
    public int Recipients { get; private set; }

    internal void SetRecipients(int count) => Recipients = count;

    /// <summary>"Просити підтвердити ознайомлення": each family's message carries «✅ Ознайомились» (ADR 0043).</summary>
    public bool AskAcknowledgement { get; private set; }

    /// <summary>When the author sent the one reminder to those who had not acknowledged (null: not yet).</summary>
    public DateTime? ReminderSentAtUtc { get; private set; }

    internal void MarkReminded(DateTime atUtc) => ReminderSentAtUtc = atUtc;
}

/// <summary>
/// A guardian's answer to an announcement that asked for it (ADR 0043): acknowledged (the button pressed: when, in which
/// messenger) and/or seen (Viber's <c>seen</c> event). One row per announcement and guardian.
/// </summary>
public sealed class AnnouncementAcknowledgement : SchoolEntity
{
    private AnnouncementAcknowledgement() { }

    internal AnnouncementAcknowledgement(Guid schoolId, Guid announcementId, Guid guardianId)
    {
        SchoolId = schoolId;
        AnnouncementId = announcementId;
        GuardianId = guardianId;
    }

    public Guid AnnouncementId { get; private set; }
    public Guid GuardianId { get; private set; }
    public DateTime? AcknowledgedAtUtc { get; private set; }
    public Bot.Domain.Audit.Channel? AcknowledgedVia { get; private set; }
    public DateTime? SeenAtUtc { get; private set; }

    internal void Acknowledge(DateTime atUtc, Bot.Domain.Audit.Channel channel)
    {
        AcknowledgedAtUtc = atUtc;
        AcknowledgedVia = channel;
    }

    internal void Seen(DateTime atUtc) => SeenAtUtc ??= atUtc;
}
