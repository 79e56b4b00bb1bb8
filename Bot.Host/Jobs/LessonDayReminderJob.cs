using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Host.Delivery;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Jobs;

/// <summary>
/// A teacher's day, not a command list (ADR 0034): after a school's last lesson of the day has ended by its bell
/// times (school-local), each teacher with a linked chat whose lessons of that day — by the timetable with the day's
/// changes (ADR 0019): their own and those they stand in for, not the cancelled or moved away — still have no topic or
/// no roll call taken (<c>Lesson.RollCallAtUtc</c>) gets one message through the outbox listing them, each with a button
/// into the lesson flow (<see cref="LessonDayReminder"/>). Nothing on a day off (weekend, holiday, outside the year),
/// nothing when everything is recorded. Runs every quarter hour like the staff digests; a school's day is checked once
/// (<see cref="CheckedKey"/>, a cancelled row), so a later run of the day reads nothing more.
/// </summary>
public sealed class LessonDayReminderJob(JournalDbContext db, TimeProvider clock, OutboxSignal signal, ILogger<LessonDayReminderJob> log)
{
    public const string Id = "lesson-day-reminder";
    public const string Cron = "*/15 * * * *";

    /// <summary>When the last lesson's number has no bell time at the school: the reminder waits until this local time.</summary>
    public static readonly TimeOnly WithoutBells = new(16, 0);

    public static string Key(Guid teacherId, DateOnly date) => $"{NotificationKind.LessonsToRecord}:{teacherId:N}:{date:yyyyMMdd}";

    public static string CheckedKey(Guid schoolId, DateOnly date) => $"{NotificationKind.LessonsToRecord}:checked:{schoolId:N}:{date:yyyyMMdd}";

    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var rows = new List<OutboxMessage>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var school in await db.Schools.AsNoTracking().ToListAsync(ct))
        {
            var local = SchoolTime.LocalNow(clock, school.TimeZone);
            var today = DateOnly.FromDateTime(local);
            var checkedKey = CheckedKey(school.Id, today);
            if (await db.Outbox.AsNoTracking().AnyAsync(o => o.SchoolId == school.Id && o.IdempotencyKey == checkedKey, ct)) continue;
            var year = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.SchoolId == school.Id && y.Semester1Start <= today && y.Semester2End >= today, ct);
            if (year is null || !year.IsSchoolDay(today)) continue;
            var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToListAsync(ct);
            var plans = await TimetablePlans.DaysAsync(db, school.Id, classes.Select(c => c.Id).ToList(), today, ct);
            // The lessons held today that the flow can open (a timetable cell; a lesson moved in has none) and that have a teacher.
            var held = plans.Values.SelectMany(p => p.Held.Where(l => l.EntryId is not null && l.TeacherId is not null).Select(l => (p.ClassId, Lesson: l))).ToList();
            if (held.Count == 0) continue;
            var bells = await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == school.Id).ToListAsync(ct);
            var last = held.Max(h => h.Lesson.Number);
            var dayEnds = bells.FirstOrDefault(b => b.Number == last)?.Ends ?? WithoutBells;
            if (TimeOnly.FromDateTime(local) < dayEnds) continue;

            var mark = new OutboxMessage(school.Id, checkedKey, RecipientKind.Staff, held[0].Lesson.TeacherId!.Value, NotificationKind.LessonsToRecord, "{}", now, now);
            mark.Cancel(OutboxReasons.LessonsChecked);
            rows.Add(mark);
            var teachers = held.Select(h => h.Lesson.TeacherId!.Value).Distinct().ToList();
            var linked = (await db.ChatLinks.AsNoTracking().Where(l => l.IsActive && l.Kind == PersonKind.Staff && teachers.Contains(l.PersonId))
                .Select(l => l.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
            if (linked.Count == 0) continue;
            var recorded = await db.Lessons.AsNoTracking().Where(l => l.SchoolId == school.Id && l.Date == today)
                .Select(l => new { l.ClassId, l.SubjectId, l.GroupId, l.Slot, l.Topic, l.RollCallAtUtc }).ToListAsync(ct);
            var subjectIds = held.Select(h => h.Lesson.SubjectId).Distinct().ToList();
            var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
            var groupIds = held.Select(h => h.Lesson.GroupId).OfType<Guid>().Distinct().ToList();
            var groups = await db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
            var classNames = classes.ToDictionary(c => c.Id, c => c.Name.ToString());

            foreach (var teacher in teachers.Where(linked.Contains))
            {
                var missing = new List<LessonToRecord>();
                foreach (var (classId, planned) in held.Where(h => h.Lesson.TeacherId == teacher).OrderBy(h => h.Lesson.Number))
                {
                    // The lesson's record, if the day has one: same class, number and subject, and the group when the cell has one.
                    var lesson = recorded.FirstOrDefault(l => l.ClassId == classId && l.Slot == planned.Number && l.SubjectId == planned.SubjectId
                        && (planned.GroupId is null || l.GroupId == planned.GroupId));
                    var noTopic = string.IsNullOrWhiteSpace(lesson?.Topic);
                    var noRollCall = lesson?.RollCallAtUtc is null;
                    if (!noTopic && !noRollCall) continue;
                    var title = ClassGroup.PageTitle(subjects.GetValueOrDefault(planned.SubjectId, "?"), planned.GroupId is { } g ? groups.GetValueOrDefault(g) : null);
                    missing.Add(new LessonToRecord(planned.EntryId!.Value, planned.Number, classNames.GetValueOrDefault(classId, "?"), title, noTopic, noRollCall));
                }

                if (missing.Count == 0) continue;
                var payload = new LessonsToRecordPayload(today, missing);
                rows.Add(new OutboxMessage(school.Id, Key(teacher, today), RecipientKind.Staff, teacher, NotificationKind.LessonsToRecord,
                    OutboxPayloads.Serialize(payload), now, now));
            }
        }

        var written = await new OutboxWriter(db).AddNewAsync(rows, ct) - rows.Count(r => r.State == OutboxState.Cancelled);
        await db.SaveChangesAsync(ct);
        if (written > 0) signal.Notify();
        log.LogInformation("Jobs: lessons to record: {Written} new of {Composed}", written, rows.Count(r => r.State != OutboxState.Cancelled));
        return written;
    }
}
