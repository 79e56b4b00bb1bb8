using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Notifications;

/// <summary>A press of «✅ Ознайомились» as recorded: when (the first press), and whether this press was a repeat.</summary>
public sealed record Acknowledged(Guid AnnouncementId, Guid SchoolId, DateTime AtUtc, bool Already);

/// <summary>Where one family stands on an announcement that asked for acknowledgement.</summary>
public enum AcknowledgementState
{
    NotYet,
    Seen,
    Acknowledged,
}

/// <summary>
/// One child in one class of the audience (ADR 0045: per child, not per guardian): <paramref name="Guardian"/> names who
/// acknowledged (or saw it; or, when nobody did, the guardians it went to), <paramref name="Children"/> the child.
/// </summary>
public sealed record FamilyAcknowledgement(string Guardian, string Children, AcknowledgementState State, DateTime? AtUtc, Channel? Via);

/// <summary>A class of the audience with its families in the Ukrainian alphabet's order of the children.</summary>
public sealed record ClassAcknowledgements(string Class, IReadOnlyList<FamilyAcknowledgement> Families)
{
    public int Count(AcknowledgementState state) => Families.Count(f => f.State == state);
}

/// <summary>An announcement with its classes; <see cref="MayRemind"/>: the one reminder is still to be sent and someone has not acknowledged.</summary>
public sealed record AcknowledgementReport(Announcement Announcement, IReadOnlyList<ClassAcknowledgements> Classes, bool MayRemind)
{
    public int Count(AcknowledgementState state) => Classes.Sum(c => c.Count(state));
}

/// <summary>
/// "Підтвердіть, що ознайомились" (ADR 0043): a guardian who was sent an announcement that asks for it
/// acknowledges it once (the button under their message); Viber's <c>seen</c> event marks it "переглянуто"; the author (and
/// the administration) read who has and who has not, per class, and may send one reminder to those who have not — outbox rows
/// like the announcement's, in the same transaction as the mark that it was sent.
/// </summary>
public sealed class AcknowledgementService(JournalDbContext db, TimeProvider clock)
{
    /// <summary>The idempotency key's tail of a reminder row (the announcement's own rows have none).</summary>
    public const string ReminderKey = ":reminder";

    /// <summary>
    /// The press of one of <paramref name="guardianIds"/> (the chat's guardians). Refused (null) unless the announcement asks for
    /// acknowledgement and one of them was sent it; a repeat keeps the first time.
    /// </summary>
    public async Task<Acknowledged?> AcknowledgeAsync(Guid announcementId, IReadOnlyCollection<Guid> guardianIds, Channel channel, CancellationToken ct = default)
    {
        if (guardianIds.Count == 0) return null;
        var announcement = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == announcementId, ct);
        if (announcement is not { AskAcknowledgement: true }) return null;
        var guardian = await db.Outbox.AsNoTracking()
            .Where(o => o.Kind == NotificationKind.Announcement && o.SourceId == announcementId && o.RecipientKind == RecipientKind.Guardian && guardianIds.Contains(o.RecipientId))
            .Select(o => (Guid?)o.RecipientId).FirstOrDefaultAsync(ct);
        if (guardian is not { } guardianId) return null;

        var row = await db.AnnouncementAcknowledgements.FirstOrDefaultAsync(a => a.AnnouncementId == announcementId && a.GuardianId == guardianId, ct);
        if (row?.AcknowledgedAtUtc is { } already) return new Acknowledged(announcementId, announcement.SchoolId, already, true);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null) db.AnnouncementAcknowledgements.Add(row = new AnnouncementAcknowledgement(announcement.SchoolId, announcementId, guardianId));
        row.Acknowledge(now, channel);
        await db.SaveChangesAsync(ct);
        return new Acknowledged(announcementId, announcement.SchoolId, now, false);
    }

    /// <summary>Viber's <c>seen</c> of a guardian's announcement message: "переглянуто" (kept once; an acknowledgement stays what it is).</summary>
    public async Task<bool> SeenAsync(Guid announcementId, Guid guardianId, DateTime atUtc, CancellationToken ct = default)
    {
        var announcement = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == announcementId, ct);
        if (announcement is not { AskAcknowledgement: true }) return false;
        var row = await db.AnnouncementAcknowledgements.FirstOrDefaultAsync(a => a.AnnouncementId == announcementId && a.GuardianId == guardianId, ct);
        if (row is null) db.AnnouncementAcknowledgements.Add(row = new AnnouncementAcknowledgement(announcement.SchoolId, announcementId, guardianId));
        row.Seen(atUtc);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Who has and who has not acknowledged, per class of the audience (the children enrolled on the announcement's day).
    /// Null when the announcement is not of the school, does not ask for acknowledgement, or the actor may not read it
    /// (the administration reads any; a class teacher their own announcements and their class's).
    /// </summary>
    public async Task<AcknowledgementReport?> ReportAsync(Actor actor, Guid schoolId, Guid announcementId, CancellationToken ct = default)
    {
        var announcement = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == announcementId && a.SchoolId == schoolId, ct);
        if (announcement is not { AskAcknowledgement: true } || !await MayReadAsync(actor, announcement, ct)) return null;

        var guardianIds = await RecipientsAsync(announcementId, ct);
        var acks = await db.AnnouncementAcknowledgements.AsNoTracking().Where(a => a.AnnouncementId == announcementId).ToDictionaryAsync(a => a.GuardianId, ct);
        var guardians = await db.Guardians.AsNoTracking().Where(g => guardianIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var links = await db.GuardianStudents.AsNoTracking().Where(g => guardianIds.Contains(g.GuardianId)).ToListAsync(ct);
        var studentIds = links.Select(l => l.StudentId).Distinct().ToList();
        var zone = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.TimeZone).FirstAsync(ct);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(announcement.CreatedAtUtc, SchoolTime.Resolve(zone)));
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => studentIds.Contains(e.StudentId) && e.From <= day && (e.To == null || e.To >= day)).ToListAsync(ct);
        var classIds = enrolments.Select(e => e.ClassId).Distinct().ToList();
        var classes = (await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToListAsync(ct))
            .Where(c => announcement.Audience switch
            {
                AnnouncementAudience.Class => c.Id == announcement.ClassId,
                AnnouncementAudience.Grade => c.Grade == announcement.Grade,
                _ => true,
            }).ToDictionary(c => c.Id);
        var students = await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        // Per child (ADR 0045): a child is acknowledged when any guardian acknowledged (named, with when and where); a second
        // guardian who did not press is not "ще не підтвердили" for that child.
        var perClass = new List<(SchoolClass Class, List<(string SortKey, FamilyAcknowledgement Family)> Families)>();
        foreach (var cls in classes.Values.OrderBy(c => c.Grade).ThenBy(c => c.Letter, StringComparer.Ordinal))
        {
            var inClass = enrolments.Where(e => e.ClassId == cls.Id).Select(e => e.StudentId).ToHashSet();
            var families = new List<(string, FamilyAcknowledgement)>();
            foreach (var student in inClass.Where(students.ContainsKey).Select(id => students[id]))
            {
                var theirs = links.Where(l => l.StudentId == student.Id && guardians.ContainsKey(l.GuardianId)).Select(l => guardians[l.GuardianId])
                    .OrderBy(g => g.SortKey, StringComparer.Ordinal).ToList();
                if (theirs.Count == 0) continue;
                var acked = theirs.Select(g => (Guardian: g, Ack: acks.GetValueOrDefault(g.Id))).Where(x => x.Ack?.AcknowledgedAtUtc is not null)
                    .OrderBy(x => x.Ack!.AcknowledgedAtUtc).ToList();
                var seen = theirs.Select(g => (Guardian: g, Ack: acks.GetValueOrDefault(g.Id))).Where(x => x.Ack?.SeenAtUtc is not null)
                    .OrderBy(x => x.Ack!.SeenAtUtc).ToList();
                var child = $"{student.LastName} {student.FirstName}";
                var family = acked.Count > 0
                    ? new FamilyAcknowledgement(string.Join(", ", acked.Select(x => x.Guardian.ShortName)), child, AcknowledgementState.Acknowledged,
                        acked[0].Ack!.AcknowledgedAtUtc, acked[0].Ack!.AcknowledgedVia)
                    : seen.Count > 0
                        ? new FamilyAcknowledgement(string.Join(", ", seen.Select(x => x.Guardian.ShortName)), child, AcknowledgementState.Seen, seen[0].Ack!.SeenAtUtc, null)
                        : new FamilyAcknowledgement(string.Join(", ", theirs.Select(g => g.ShortName)), child, AcknowledgementState.NotYet, null, null);
                families.Add((student.SortKey, family));
            }

            perClass.Add((cls, families));
        }

        var report = perClass.Select(p => new ClassAcknowledgements(p.Class.Name.ToString(),
            p.Families.OrderBy(f => f.SortKey, StringComparer.Ordinal).Select(f => f.Family).ToList())).ToList();
        var notYet = await ToRemindAsync(announcementId, guardianIds, ct);
        return new AcknowledgementReport(announcement, report, announcement.ReminderSentAtUtc is null && notYet.Count > 0);
    }

    /// <summary>
    /// The one reminder: an outbox row (the announcement's text, the same button) to each guardian who has not acknowledged,
    /// saved with the mark that the reminder went, in one transaction. Returns how many; refused when already sent.
    /// </summary>
    public async Task<Result<int>> RemindAsync(Actor actor, Guid schoolId, Guid announcementId, CancellationToken ct = default)
    {
        var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.Id == announcementId && a.SchoolId == schoolId, ct);
        if (announcement is not { AskAcknowledgement: true } || !await MayReadAsync(actor, announcement, ct))
            return new DomainError("announcement.forbidden", "Нагадати може автор оголошення або адміністрація школи.");
        if (announcement.ReminderSentAtUtc is not null)
            return new DomainError("announcement.reminded", "Нагадування вже надіслано: воно буває лише одне.");
        var guardianIds = await RecipientsAsync(announcementId, ct);
        var remind = await ToRemindAsync(announcementId, guardianIds, ct);
        if (remind.Count == 0) return new DomainError("announcement.all", "Усі батьки вже підтвердили ознайомлення.");

        var now = clock.GetUtcNow().UtcDateTime;
        announcement.MarkReminded(now);
        var payload = OutboxPayloads.Serialize(new AnnouncementPayload(announcement.Id, announcement.AudienceTitle, announcement.Text,
            announcement.Signature, announcement.Urgent, AskAcknowledgement: true, Reminder: true));
        var priority = announcement.Urgent ? OutboxPriority.Urgent : OutboxPriority.Digest;
        foreach (var guardian in remind)
            db.Outbox.Add(new OutboxMessage(schoolId, $"{NotificationKind.Announcement}:{announcement.Id:N}:{guardian:N}{ReminderKey}", RecipientKind.Guardian,
                guardian, NotificationKind.Announcement, payload, now, now, announcement.Id, priority));
        await db.SaveChangesAsync(ct); // one transaction: the mark with every row
        return remind.Count;
    }

    /// <summary>
    /// Guardians who have not acknowledged and whose children no other guardian acknowledged for (a family where the mother
    /// acknowledged is not reminded through the father).
    /// </summary>
    private async Task<List<Guid>> ToRemindAsync(Guid announcementId, List<Guid> guardianIds, CancellationToken ct)
    {
        var acknowledged = (await db.AnnouncementAcknowledgements.AsNoTracking()
            .Where(a => a.AnnouncementId == announcementId && a.AcknowledgedAtUtc != null).Select(a => a.GuardianId).ToListAsync(ct)).ToHashSet();
        var links = await db.GuardianStudents.AsNoTracking().Where(g => guardianIds.Contains(g.GuardianId)).ToListAsync(ct);
        var covered = links.Where(l => acknowledged.Contains(l.GuardianId)).Select(l => l.StudentId).ToHashSet();
        return guardianIds.Where(g => !acknowledged.Contains(g)
            && !(links.Any(l => l.GuardianId == g) && links.Where(l => l.GuardianId == g).All(l => covered.Contains(l.StudentId)))).ToList();
    }

    /// <summary>The guardians the announcement itself was written to (not counting reminder rows).</summary>
    private Task<List<Guid>> RecipientsAsync(Guid announcementId, CancellationToken ct) =>
        db.Outbox.AsNoTracking()
            .Where(o => o.Kind == NotificationKind.Announcement && o.SourceId == announcementId && o.RecipientKind == RecipientKind.Guardian
                        && !o.IdempotencyKey.EndsWith(ReminderKey))
            .Select(o => o.RecipientId).Distinct().ToListAsync(ct);

    private async Task<bool> MayReadAsync(Actor actor, Announcement a, CancellationToken ct)
    {
        if (actor.Roles.CanCorrectAnyJournal() || a.AuthorId == actor.StaffId) return true;
        return a.ClassId is { } classId && actor.StaffId is { } staff && await db.Classes.AnyAsync(c => c.Id == classId && c.ClassTeacherId == staff, ct);
    }
}
