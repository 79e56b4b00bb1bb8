using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Attendance;

/// <summary>
/// A parent's report that the child is ill or away on a day, with a reason: recorded for the class teacher (who is
/// notified through the outbox) and shown when they set "н" or "хв".
/// </summary>
public sealed class AbsenceNotice : SchoolEntity
{
    private AbsenceNotice() { Reason = ReportedBy = ""; }

    public AbsenceNotice(Guid schoolId, Guid studentId, Guid guardianId, string reportedBy, DateOnly date, string reason, Channel channel, DateTime createdAtUtc)
    {
        if (VisibleText.IsBlank(reason)) throw new DomainException(new DomainError("notice.reason", "Вкажіть причину відсутності."));
        SchoolId = schoolId;
        StudentId = studentId;
        GuardianId = guardianId;
        ReportedBy = reportedBy;
        Date = date;
        Reason = VisibleText.Normalize(reason);
        Channel = channel;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid StudentId { get; private set; }
    public Guid GuardianId { get; private set; }
    public string ReportedBy { get; private set; }
    public DateOnly Date { get; private set; }
    public string Reason { get; private set; }
    public Channel Channel { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}

public sealed class AbsenceNoticeService(JournalDbContext db, TimeProvider clock)
{
    public const int MaxReasonLength = 300;

    /// <summary>Records a guardian's report for their own child for today; the class teacher gets an outbox row in the same transaction.</summary>
    public Task<Result<AbsenceNotice>> ReportAsync(Guid guardianId, Guid studentId, string reason, Channel channel, CancellationToken ct = default) =>
        db.WriteAsync<Result<AbsenceNotice>>(async c =>
        {
            var link = await db.GuardianStudents.AnyAsync(g => g.GuardianId == guardianId && g.StudentId == studentId, c);
            if (!link) return new DomainError("notice.not_your_child", "Повідомити про відсутність можна лише своєї дитини.");
            if (VisibleText.IsBlank(reason)) return new DomainError("notice.reason", "Вкажіть причину відсутності: текст, який можна прочитати.");
            if (reason.Length > MaxReasonLength) return new DomainError("notice.long", $"Причина задовга: до {MaxReasonLength} символів.");
            var guardian = await db.Guardians.FirstAsync(g => g.Id == guardianId, c);
            var student = await db.Students.FirstAsync(s => s.Id == studentId, c);
            var school = await db.Schools.FirstAsync(s => s.Id == student.SchoolId, c);
            var today = SchoolTime.Today(clock, school.TimeZone);
            var now = clock.GetUtcNow().UtcDateTime;
            var cls = await db.Enrolments.Where(e => e.StudentId == studentId && e.From <= today && (e.To == null || e.To >= today))
                .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => k).FirstOrDefaultAsync(c);
            if (cls is null) return new DomainError("notice.no_class", $"{student.FullName} сьогодні не навчається в жодному класі.");

            var notice = new AbsenceNotice(school.Id, studentId, guardianId, guardian.FullName, today, reason, channel, now);
            db.Add(notice);
            db.Audit(new AuditRecord(school.Id, now, null, guardian.FullName, channel, nameof(AbsenceNotice), notice.Id, AuditAction.Created,
                null, notice.Reason, null, $"{cls.Name} · {student.FullName} · {today:dd.MM.yyyy}"));
            if (cls.ClassTeacherId is { } teacherId)
                db.Outbox.Add(new OutboxMessage(school.Id, $"{NotificationKind.AbsenceReport}:{notice.Id:N}", RecipientKind.Staff, teacherId,
                    NotificationKind.AbsenceReport,
                    OutboxPayloads.Serialize(new AbsenceReportPayload(notice.Id, studentId, student.FullName, cls.Name.ToString(), today, notice.Reason, guardian.FullName)),
                    now, now, notice.Id));
            await db.SaveChangesAsync(c);
            return notice;
        }, ct);
}
