using Bot.Domain.Audit;
using Bot.Domain.Diary;
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

    /// <summary>How far back a parent may report (an illness told after the fact) and how far ahead.</summary>
    public const int DaysBack = 7;
    public const int DaysAhead = 31;

    /// <summary>Records a guardian's report for their own child for today; the class teacher gets an outbox row in the same transaction.</summary>
    public async Task<Result<AbsenceNotice>> ReportAsync(Guid guardianId, Guid studentId, string reason, Channel channel, CancellationToken ct = default)
    {
        var days = await ReportDaysAsync(guardianId, studentId, reason, channel, null, null, ct);
        return days.IsSuccess ? days.Value![0] : days.Error;
    }

    /// <summary>
    /// Records a guardian's report for their own child for each school day from <paramref name="from"/> to
    /// <paramref name="to"/> (today when null; weekends and holidays of the child's class's year are skipped): a notice
    /// per day, and an outbox row per day to the class teacher, in one transaction. A day without lessons alone, a day
    /// more than <see cref="DaysBack"/> days ago or <see cref="DaysAhead"/> days ahead is refused with nothing written.
    /// </summary>
    public Task<Result<IReadOnlyList<AbsenceNotice>>> ReportDaysAsync(Guid guardianId, Guid studentId, string reason, Channel channel,
        DateOnly? from, DateOnly? to, CancellationToken ct = default) =>
        db.WriteAsync<Result<IReadOnlyList<AbsenceNotice>>>(async c =>
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
            var (first, last) = (from ?? today, to ?? from ?? today);
            if (first < today.AddDays(-DaysBack))
                return new DomainError("notice.too_early", $"Про відсутність можна повідомити не пізніше ніж за {DaysBack} днів після неї; про давніші дні скажіть класному керівникові.");
            if (last > today.AddDays(DaysAhead))
                return new DomainError("notice.too_late", $"Про відсутність можна повідомити щонайбільше на {DaysAhead} день наперед.");
            var enrolments = await db.Enrolments.Where(e => e.StudentId == studentId && e.From <= last && (e.To == null || e.To >= first))
                .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => new { e.From, e.To, Class = k }).ToListAsync(c);
            if (enrolments.Count == 0)
                return new DomainError("notice.no_class", from is null
                    ? $"{student.FullName} сьогодні не навчається в жодному класі."
                    : $"{student.FullName} у ці дні не навчається в жодному класі.");
            var yearIds = enrolments.Select(e => e.Class.SchoolYearId).Distinct().ToList();
            var years = await db.SchoolYears.AsNoTracking().Where(y => yearIds.Contains(y.Id)).ToDictionaryAsync(y => y.Id, c);

            var notices = new List<AbsenceNotice>();
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                var cls = enrolments.Where(e => e.From <= day && (e.To == null || e.To >= day)).OrderByDescending(e => e.From).Select(e => e.Class).FirstOrDefault();
                // Today is always recorded (a parent tells the school whatever the day); other days only when they have lessons.
                if (cls is null || (from is not null && !SchoolCalendar.IsSchoolDay(years[cls.SchoolYearId], day))) continue;
                var notice = new AbsenceNotice(school.Id, studentId, guardianId, guardian.FullName, day, reason, channel, now);
                db.Add(notice);
                db.Audit(new AuditRecord(school.Id, now, null, guardian.FullName, channel, nameof(AbsenceNotice), notice.Id, AuditAction.Created,
                    null, notice.Reason, null, $"{cls.Name} · {student.FullName} · {day:dd.MM.yyyy}"));
                if (cls.ClassTeacherId is { } teacherId)
                    db.Outbox.Add(new OutboxMessage(school.Id, $"{NotificationKind.AbsenceReport}:{notice.Id:N}", RecipientKind.Staff, teacherId,
                        NotificationKind.AbsenceReport,
                        OutboxPayloads.Serialize(new AbsenceReportPayload(notice.Id, studentId, student.FullName, cls.Name.ToString(), day, notice.Reason, guardian.FullName)),
                        now, now, notice.Id));
                notices.Add(notice);
            }

            if (notices.Count == 0)
                return new DomainError("notice.no_lessons", first == last
                    ? $"{first:dd.MM} уроків немає: повідомляти про відсутність не потрібно."
                    : $"З {first:dd.MM} по {last:dd.MM} уроків немає: повідомляти про відсутність не потрібно.");
            await db.SaveChangesAsync(c);
            return notices;
        }, ct);
}
