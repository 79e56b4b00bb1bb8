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
/// Both run every quarter hour and act for the schools whose own local time is in the quarter that starts at
/// <see cref="WeekAt"/> or <see cref="RunsAt"/>: each school of the installation at its own 15:00, whatever its time
/// zone (ADR 0022). Their keys make a second run in the same quarter write nothing.
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

    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    /// <summary>Whether a school's local time <paramref name="local"/> is in the quarter hour that starts at <paramref name="at"/>.</summary>
    public static bool InQuarter(DateTime local, TimeOnly at) =>
        local.TimeOfDay >= at.ToTimeSpan() && local.TimeOfDay < at.ToTimeSpan() + Quarter;

    /// <summary>The class teacher of every class gets the week's attendance and the students to report .</summary>
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> ClassTeacherWeekAsync(CancellationToken ct)
    {
        var rows = new List<OutboxMessage>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (school, today, classes) in await CurrentClassesAsync(l => l.DayOfWeek == DayOfWeek.Friday && InQuarter(l, WeekAt), ct))
        {
            foreach (var cls in classes.Where(c => c.ClassTeacherId is not null))
            {
                var week = await diary.ClassTeacherWeekAsync(cls.Id, today, ct);
                if (!week.IsSuccess) continue;
                var w = week.Value!;
                var message = DiaryFormatter.ClassAttendance(w.Attendance, w.ToReport);
                rows.Add(new OutboxMessage(school.Id, $"{NotificationKind.ClassTeacherWeek}:{cls.Id:N}:{w.Monday:yyyyMMdd}:{cls.ClassTeacherId:N}",
                    RecipientKind.Staff, cls.ClassTeacherId!.Value, NotificationKind.ClassTeacherWeek, MessageJson.Payload(message, new Dictionary<string, string> { ["classId"] = cls.Id.ToString(), ["monday"] = w.Monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }), now, now));
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
        foreach (var (school, today, classes) in await CurrentClassesAsync(l => l.DayOfWeek != DayOfWeek.Sunday && InQuarter(l, RunsAt), ct))
        {
            var administration = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct);
            var recipients = administration.Where(s => s.Roles.CanCorrectAnyJournal()).Select(s => s.Id).ToList();
            if (recipients.Count == 0) continue;
            foreach (var cls in classes)
            {
                var reports = await diary.AbsencesToReportAsync(cls.Id, today.AddDays(-14), today, ct);
                foreach (var report in reports.IsSuccess ? reports.Value! : [])
                {
                    var message = new Message()
                        .Bold("Пропуски без поважної причини (A-4)")
                        .Line($"{cls.Name} · {report.StudentName}: {report.Run.Days} навч. дн. поспіль, {report.Run.From:dd.MM}–{report.Run.To:dd.MM}.")
                        .Line("Класний керівник повідомляє адміністрацію (10 днів без поважної причини).");
                    rows.AddRange(recipients.Select(staff => new OutboxMessage(school.Id,
                        $"{NotificationKind.AbsenceRun}:{report.StudentId:N}:{report.Run.From:yyyyMMdd}:{staff:N}", RecipientKind.Staff, staff,
                        NotificationKind.AbsenceRun, MessageJson.Payload(message, new Dictionary<string, string> { ["studentId"] = report.StudentId.ToString(), ["from"] = report.Run.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }), now, now)));
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
        var written = await new OutboxWriter(db).AddNewAsync(rows, ct);
        await db.SaveChangesAsync(ct);
        if (written > 0) signal.Notify();
        log.LogInformation("Jobs: {What}: {Written} new of {Composed}", what, written, rows.Count);
        return written;
    }
}
