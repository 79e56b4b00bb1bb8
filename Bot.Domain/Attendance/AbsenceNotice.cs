using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
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

    public AbsenceNotice(Guid schoolId, Guid studentId, Guid guardianId, string reportedBy, DateOnly date, string reason, Channel channel, DateTime createdAtUtc,
        Guid? reportId = null)
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
        ReportId = reportId ?? Id;
    }

    public Guid StudentId { get; private set; }
    public Guid GuardianId { get; private set; }
    public string ReportedBy { get; private set; }
    public DateOnly Date { get; private set; }
    public string Reason { get; private set; }
    public Channel Channel { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The report this day belongs to: the days one /absent named share it (one message to the class teacher, one button).</summary>
    public Guid ReportId { get; private set; }

    /// <summary>When the class teacher (or the administration) accepted the reason as valid ("Поважна причина", ADR 0039); null: not (yet).</summary>
    public DateTime? ExcusedAtUtc { get; private set; }

    /// <summary>Who accepted it: the staff member's id and name as the audit has them.</summary>
    public Guid? ExcusedById { get; private set; }

    public string? ExcusedBy { get; private set; }

    public bool IsExcused => ExcusedAtUtc is not null;

    internal void Excuse(Guid? staffId, string name, DateTime nowUtc)
    {
        ExcusedById = staffId;
        ExcusedBy = name;
        ExcusedAtUtc = nowUtc;
    }
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
            var reportId = Guid.CreateVersion7();
            SchoolClass? teacherClass = null;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                var cls = enrolments.Where(e => e.From <= day && (e.To == null || e.To >= day)).OrderByDescending(e => e.From).Select(e => e.Class).FirstOrDefault();
                // Today is always recorded (a parent tells the school whatever the day); other days only when they have lessons.
                if (cls is null || (from is not null && !SchoolCalendar.IsSchoolDay(years[cls.SchoolYearId], day))) continue;
                var notice = new AbsenceNotice(school.Id, studentId, guardianId, guardian.FullName, day, reason, channel, now, reportId);
                db.Add(notice);
                db.Audit(new AuditRecord(school.Id, now, null, guardian.FullName, channel, nameof(AbsenceNotice), notice.Id, AuditAction.Created,
                    null, notice.Reason, null, $"{cls.Name} · {student.FullName} · {day:dd.MM.yyyy}"));
                teacherClass ??= cls;
                notices.Add(notice);
            }

            // One message to the class teacher for the whole report (its days listed), with the button that excuses them all.
            // While the class teacher is away, the stand-in named for today receives it (ADR 0049).
            if (notices.Count > 0 && teacherClass?.ClassTeacherId is { } teacherId)
            {
                var standIn = await Talk.StandInService.ActiveAsync(db, teacherClass.Id, today, c);
                var standInFor = standIn is null ? null : (await db.Staff.AsNoTracking().FirstAsync(s => s.Id == teacherId, c)).ShortName;
                db.Outbox.Add(new OutboxMessage(school.Id, $"{NotificationKind.AbsenceReport}:{notices[0].Id:N}", RecipientKind.Staff, standIn?.StaffId ?? teacherId,
                    NotificationKind.AbsenceReport,
                    OutboxPayloads.Serialize(new AbsenceReportPayload(notices[0].Id, studentId, student.FullName, teacherClass.Name.ToString(), notices[0].Date,
                        notices[0].Reason, guardian.FullName, reportId, notices.Count > 1 ? notices.Select(n => n.Date).ToList() : null, standInFor)),
                    now, now, notices[0].Id));
            }

            if (notices.Count == 0)
                return new DomainError("notice.no_lessons", first == last
                    ? $"{first:dd.MM} уроків немає: повідомляти про відсутність не потрібно."
                    : $"З {first:dd.MM} по {last:dd.MM} уроків немає: повідомляти про відсутність не потрібно.");
            await db.SaveChangesAsync(c);
            return notices;
        }, ct);

    /// <summary>
    /// "Поважна причина" (ADR 0039, A-1): the class teacher of the student's class on those days (or the administration)
    /// accepts a parent's report as a valid reason. Every day of the report is marked excused (who, when); every "н" already
    /// recorded for the student on those days becomes "хв", each change audited as the excuser's with the report as the reason;
    /// the parent who reported is told through the outbox — one transaction. A later "н" on those days is saved as "хв" by the
    /// journal itself (nothing is written ahead of its lesson, J-7). Pressed twice: the second changes nothing and says so.
    /// </summary>
    public Task<Result<AbsenceExcusal>> ExcuseAsync(Actor actor, Guid reportId, CancellationToken ct = default) =>
        db.WriteAsync<Result<AbsenceExcusal>>(async c =>
        {
            var notices = await db.AbsenceNotices.Where(n => n.ReportId == reportId).OrderBy(n => n.Date).ToListAsync(c);
            if (notices.Count == 0) return new DomainError("notice.not_found", "Цього повідомлення про відсутність у журналі немає: можливо, кнопка з іншого повідомлення.");
            var first = notices[0];
            var days = notices.Select(n => n.Date).ToList();
            var student = await db.Students.FirstAsync(s => s.Id == first.StudentId, c);
            var (firstDay, lastDay) = (days[0], days[^1]);
            var classes = await db.Enrolments.Where(e => e.StudentId == student.Id && e.From <= lastDay && (e.To == null || e.To >= firstDay))
                .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => k).Distinct().ToListAsync(c);
            var cls = classes.FirstOrDefault();
            var classTitle = cls?.Name.ToString() ?? "";
            var sameSchool = actor.IsSystem || (actor.StaffId is { } staffId && await db.Staff.AnyAsync(s => s.Id == staffId && s.SchoolId == first.SchoolId, c));
            var classTeacher = actor.Is(StaffRoles.ClassTeacher) && classes.Any(k => k.ClassTeacherId == actor.StaffId);
            // The class's stand-in, while the stand-in lasts, excuses as the class teacher would (ADR 0049).
            if (!classTeacher && actor.StaffId is { } standing)
            {
                var zone = await db.Schools.AsNoTracking().Where(s => s.Id == first.SchoolId).Select(s => s.TimeZone).FirstAsync(c);
                var today = SchoolTime.Today(clock, zone);
                foreach (var k in classes)
                    if ((await Talk.StandInService.ActiveAsync(db, k.Id, today, c))?.StaffId == standing) classTeacher = true;
            }
            if (!sameSchool || !(actor.IsSystem || classTeacher || actor.Roles.CanCorrectAnyJournal()))
                return new DomainError("notice.excuse_not_yours",
                    "Визнати причину відсутності поважною може лише класний керівник учня або адміністрація школи. Нічого не змінено.");
            if (first.IsExcused)
                return new AbsenceExcusal(reportId, student.FullName, classTitle, days, first.Reason, first.ReportedBy, 0, first.ExcusedBy ?? "", first.ExcusedAtUtc!.Value, AlreadyExcused: true);
            foreach (var k in classes)
            {
                var year = await db.SchoolYears.FirstAsync(y => y.Id == k.SchoolYearId, c);
                var open = year.EnsureOpen();
                if (!open.IsSuccess) return open.Error!;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var batch = Guid.CreateVersion7();
            var because = $"Поважна причина: повідомлення батьків ({first.ReportedBy}) — «{first.Reason}»";
            foreach (var notice in notices)
            {
                notice.Excuse(actor.StaffId, actor.Name, now);
                db.Audit(new AuditRecord(first.SchoolId, now, actor.StaffId, actor.Name, actor.Channel, nameof(AbsenceNotice), notice.Id, AuditAction.Changed,
                    null, "поважна причина", because, $"{classTitle} · {student.FullName} · {notice.Date:dd.MM.yyyy}", new AuditPlace(cls?.Id, null, student.Id), batch));
            }

            var absences = await db.Absences.Where(a => a.StudentId == student.Id && days.Contains(a.Date) && a.Kind == AbsenceKind.Absent).ToListAsync(c);
            foreach (var absence in absences)
            {
                absence.Change(AbsenceKind.Ill, actor.StaffId ?? Guid.Empty, now);
                var page = classes.FirstOrDefault(k => k.Id == absence.ClassId)?.Name.ToString() ?? classTitle;
                db.Audit(new AuditRecord(first.SchoolId, now, actor.StaffId, actor.Name, actor.Channel, nameof(Absence), absence.Id, AuditAction.Changed,
                    AbsenceKinds.Text(AbsenceKind.Absent), AbsenceKinds.Text(AbsenceKind.Ill), because, $"{page} · {student.FullName} · {absence.Date:dd.MM.yyyy}",
                    new AuditPlace(absence.ClassId, absence.SubjectId, student.Id, absence.LessonId), batch));
            }

            db.Outbox.Add(new OutboxMessage(first.SchoolId, $"{NotificationKind.AbsenceExcused}:{reportId:N}", RecipientKind.Guardian, first.GuardianId,
                NotificationKind.AbsenceExcused, OutboxPayloads.Serialize(new AbsenceExcusedPayload(reportId, student.Id, student.FullName, days, actor.Name)),
                now, now, first.Id));
            await db.SaveChangesAsync(c);
            return new AbsenceExcusal(reportId, student.FullName, classTitle, days, first.Reason, first.ReportedBy, absences.Count, actor.Name, now, AlreadyExcused: false);
        }, ct);
}

/// <summary>What "Поважна причина" did: the report's days, how many "н" became "хв", who excused it and when.</summary>
public sealed record AbsenceExcusal(Guid ReportId, string Student, string Class, IReadOnlyList<DateOnly> Days, string Reason, string ReportedBy,
    int Changed, string ExcusedBy, DateTime ExcusedAtUtc, bool AlreadyExcused);
