using Bot.Domain.Diary;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Formatting;
using Bot.Host.Delivery;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Jobs;

/// <summary>
/// What staff get from the outbox on a schedule: the class teacher's weekly attendance summary of their class (Friday
/// afternoon), and the administration's A-4 alert (a student away ten school days in a row without a valid reason),
/// once per run. Parents' absence reports to the class teacher are written when the parent reports (AbsenceNotice).
/// Both run every quarter hour and act for the schools whose own local time has passed <see cref="WeekAt"/> or
/// <see cref="RunsAt"/> that day: each school of the installation from its own 15:00, whatever its time zone (ADR 0022),
/// and a process that was down at that hour catches up when it is back, the same day. Their keys make every later run
/// of the day write nothing, and cheaply: the week's keys are known before composing, and the A-4 check of a school's
/// day leaves a mark (<see cref="RunsCheckedKey"/>).
/// </summary>
public sealed class StaffDigestJobs(JournalDbContext db, DiaryQueries diary, TimeProvider clock, OutboxSignal signal, ILogger<StaffDigestJobs> log)
{
    public const string WeekId = "class-teacher-week";
    public const string WeekCron = "*/15 * * * *";
    public const string RunsId = "absence-runs";
    public const string RunsCron = "*/15 * * * *";

    /// <summary>Friday, school-local: the class teachers' week.</summary>
    public static readonly TimeOnly WeekAt = new(15, 0);

    /// <summary>Monday to Saturday, school-local: the A-4 alerts.</summary>
    public static readonly TimeOnly RunsAt = new(15, 30);

    /// <summary>Whether a school's local time <paramref name="local"/> has passed <paramref name="at"/> that day.</summary>
    public static bool Passed(DateTime local, TimeOnly at) => local.TimeOfDay >= at.ToTimeSpan();

    public static string WeekKey(Guid classId, DateOnly monday, Guid classTeacherId) =>
        $"{NotificationKind.ClassTeacherWeek}:{classId:N}:{monday:yyyyMMdd}:{classTeacherId:N}";

    /// <summary>The A-4 check of a school's day has run: a cancelled row, so the later runs of the day load nothing.</summary>
    public static string RunsCheckedKey(Guid schoolId, DateOnly date) => $"{NotificationKind.AbsenceRun}:checked:{schoolId:N}:{date:yyyyMMdd}";

    /// <summary>The class teacher of every class gets the week's attendance and the students to report .</summary>
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> ClassTeacherWeekAsync(CancellationToken ct)
    {
        var rows = new List<OutboxMessage>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (school, today, classes) in await CurrentClassesAsync(l => l.DayOfWeek == DayOfWeek.Friday && Passed(l, WeekAt), ct))
        {
            var monday = SchoolCalendar.MondayOf(today);
            var led = classes.Where(c => c.ClassTeacherId is not null).ToDictionary(c => WeekKey(c.Id, monday, c.ClassTeacherId!.Value));
            var keys = led.Keys.ToList();
            var done = (await db.Outbox.AsNoTracking().Where(o => o.SchoolId == school.Id && keys.Contains(o.IdempotencyKey)).Select(o => o.IdempotencyKey)
                .ToListAsync(ct)).ToHashSet();
            foreach (var (key, cls) in led.Where(l => !done.Contains(l.Key)))
            {
                var week = await diary.ClassTeacherWeekAsync(cls.Id, today, ct);
                if (!week.IsSuccess) continue;
                var w = week.Value!;
                var message = DiaryFormatter.ClassAttendance(w.Attendance, w.ToReport);
                rows.Add(new OutboxMessage(school.Id, key,
                    RecipientKind.Staff, cls.ClassTeacherId!.Value, NotificationKind.ClassTeacherWeek, MessageJson.Payload(new ClassTeacherWeekPayload(cls.Id, w.Monday), message), now, now));
            }
        }

        return await WriteAsync(rows, "class teachers' week", ct);
    }

    /// <summary>A-4: each run of ten or more "н" days goes once to the school's director and deputies.</summary>
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> AbsenceRunsAsync(CancellationToken ct)
    {
        var rows = new List<OutboxMessage>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (school, today, classes) in await CurrentClassesAsync(l => l.DayOfWeek != DayOfWeek.Sunday && Passed(l, RunsAt), ct))
        {
            var checkedKey = RunsCheckedKey(school.Id, today);
            if (await db.Outbox.AsNoTracking().AnyAsync(o => o.SchoolId == school.Id && o.IdempotencyKey == checkedKey, ct)) continue;
            var administration = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct);
            var recipients = administration.Where(s => s.Roles.CanCorrectAnyJournal()).Select(s => s.Id).ToList();
            if (recipients.Count == 0) continue;
            var mark = new OutboxMessage(school.Id, checkedKey, RecipientKind.Staff, recipients[0], NotificationKind.AbsenceRun, "{}", now, now);
            mark.Cancel(OutboxReasons.RunsChecked);
            rows.Add(mark);
            foreach (var cls in classes)
            {
                var reports = await diary.AbsencesToReportAsync(cls.Id, today.AddDays(-14), today, ct);
                foreach (var report in reports.IsSuccess ? reports.Value! : [])
                {
                    var message = new Message()
                        .Bold("Пропуски без поважної причини")
                        .Line($"{cls.Name} · {report.StudentName}: {report.Run.Days} навч. дн. поспіль, {report.Run.From:dd.MM}–{report.Run.To:dd.MM}.")
                        .Line("Класний керівник повідомляє адміністрацію (10 днів без поважної причини).");
                    rows.AddRange(recipients.Select(staff => new OutboxMessage(school.Id,
                        $"{NotificationKind.AbsenceRun}:{report.StudentId:N}:{report.Run.From:yyyyMMdd}:{staff:N}", RecipientKind.Staff, staff,
                        NotificationKind.AbsenceRun, MessageJson.Payload(new AbsenceRunPayload(report.StudentId, report.Run.From), message), now, now)));
                }
            }
        }

        return await WriteAsync(rows, "A-4 alerts", ct);
    }

    /// <summary>The current year's classes of each school whose local time is <paramref name="due"/>.</summary>
    private async Task<List<(School School, DateOnly Today, List<SchoolClass> Classes)>> CurrentClassesAsync(Func<DateTime, bool> due, CancellationToken ct)
    {
        var result = new List<(School, DateOnly, List<SchoolClass>)>();
        foreach (var school in await db.Schools.AsNoTracking().ToListAsync(ct))
        {
            var local = SchoolTime.LocalNow(clock, school.TimeZone);
            if (!due(local)) continue;
            var today = DateOnly.FromDateTime(local);
            var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id && y.Semester1Start <= today && y.Semester2End >= today)
                .Select(y => y.Id).ToListAsync(ct);
            var classes = await db.Classes.AsNoTracking().Where(c => years.Contains(c.SchoolYearId)).ToListAsync(ct);
            result.Add((school, today, classes));
        }

        return result;
    }

    private async Task<int> WriteAsync(List<OutboxMessage> rows, string what, CancellationToken ct)
    {
        // The day's marks (cancelled rows) are not messages; they are only written when missing.
        var written = await new OutboxWriter(db).AddNewAsync(rows, ct) - rows.Count(r => r.State == OutboxState.Cancelled);
        await db.SaveChangesAsync(ct);
        if (written > 0) signal.Notify();
        log.LogInformation("Jobs: {What}: {Written} new of {Composed}", what, written, rows.Count(r => r.State != OutboxState.Cancelled));
        return written;
    }
}
