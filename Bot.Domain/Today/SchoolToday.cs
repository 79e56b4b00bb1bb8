using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Today;

/// <summary>A lesson held by the timetable and not recorded (J-7), as the administration's control lists it (J-13).</summary>
public sealed record MissingLesson(DateOnly Date, int Number, Guid ClassId, string ClassName, Guid SubjectId, Guid? GroupId, string Page, int? Semester);

/// <summary>A teacher's lessons without a record on the days the page looks at.</summary>
public sealed record TeacherMissing(Guid TeacherId, string Teacher, IReadOnlyList<MissingLesson> Lessons);

/// <summary>Today's absences of a class: how many students have at least one "н"/"хв" today, and its class teacher.</summary>
public sealed record ClassAbsences(Guid ClassId, string ClassName, int Students, string? ClassTeacher);

/// <summary>A remark on the keeping of a journal still waiting for the teacher's answer (J-13).</summary>
public sealed record OpenRemark(Guid Id, DateOnly WrittenOn, string ClassName, string? Subject, string? Addressee, string Text);

/// <summary>
/// A lesson held today by the timetable that has nobody to hold it: its cell names no teacher, or the teacher has left the
/// school, and no substitution is recorded; or it is cancelled.
/// </summary>
public sealed record UncoveredLesson(int Number, Guid ClassId, string ClassName, string Page, string? RegularTeacher, bool IsCancelled);

/// <summary>The notifications' state: rows waiting to go, failing for now, given up; families whose every chat is closed.</summary>
public sealed record NotificationHealth(int Waiting, int Failed, int Dead, int UnreachableFamilies)
{
    public bool IsHealthy => Failed == 0 && Dead == 0 && UnreachableFamilies == 0;
}

/// <summary>The school's day for the director and the deputies.</summary>
public sealed record SchoolTodayView(
    string SchoolName, DateOnly Today, bool IsSchoolDay, DateOnly? PreviousSchoolDay, string? YearTitle, int LessonsToday, int RecordedToday,
    IReadOnlyList<TeacherMissing> NotRecorded, IReadOnlyList<ClassAbsences> Absences, IReadOnlyList<OpenRemark> Remarks,
    IReadOnlyList<UncoveredLesson> Uncovered, NotificationHealth Notifications)
{
    public int AbsentToday => Absences.Sum(a => a.Students);
}

/// <summary>
/// Reads the first page of the director and the deputies ("Школа сьогодні") in a fixed number of queries: the lessons
/// held by the timetable yesterday (the previous school day) and today that have no record, by teacher (J-7, J-13
/// control; today's only once they have ended); today's absences by class; the remarks waiting for an answer (J-13);
/// the lessons held today that have nobody to hold them; the notifications' health (the outbox and closed chats). Never
/// reads the audit chain.
/// </summary>
public static class SchoolToday
{
    /// <summary>How far back "the previous school day" is looked for (a long weekend, a holiday week).</summary>
    private const int PreviousDayLookback = 10;

    public static async Task<SchoolTodayView?> LoadAsync(JournalDbContext db, TimeProvider clock, Guid schoolId, CancellationToken ct = default)
    {
        var day = await HeldLessons.DayAsync(db, clock, schoolId, ct);
        if (day is null) return null;
        var notifications = await NotificationsAsync(db, schoolId, ct);
        var remarks = await RemarksAsync(db, schoolId, ct);
        if (day.Year is not { } year)
            return new SchoolTodayView(day.School.Name, day.Today, false, null, null, 0, 0, [], [], remarks, [], notifications);

        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToListAsync(ct);
        var previous = day.SchoolDaysBefore(PreviousDayLookback).Cast<DateOnly?>().FirstOrDefault();
        var dates = previous is { } p ? new[] { p, day.Today } : [day.Today];
        var held = await HeldLessons.LoadAsync(db, day, classes, dates, ct);
        var bells = await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == schoolId).ToDictionaryAsync(b => b.Number, b => b.Ends, ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == schoolId).ToDictionaryAsync(s => s.Id, ct);
        var title = await HeldLessons.TitlesAsync(db, held.Select(h => h.Planned), ct);
        var now = TimeOnly.FromDateTime(day.LocalNow);

        // Today's lesson counts once it has ended by its bell times (without bell times: from the morning on); one in
        // progress is its teacher's to record yet.
        bool Begun(HeldLesson h) => h.Date < day.Today || !bells.TryGetValue(h.Planned.Number, out var ends) || ends <= now;
        var notRecorded = held.Where(h => h.Record is null && h.Planned.TeacherId is not null && Begun(h))
            .GroupBy(h => h.Planned.TeacherId!.Value)
            .Select(g => new TeacherMissing(g.Key, staff.TryGetValue(g.Key, out var t) ? t.ShortName : "?",
                g.OrderBy(h => h.Date).ThenBy(h => h.Planned.Number)
                    .Select(h => new MissingLesson(h.Date, h.Planned.Number, h.Class.Id, h.Class.Name.ToString(), h.Planned.SubjectId, h.Planned.GroupId,
                        title(h.Planned.SubjectId, h.Planned.GroupId), year.SemesterOf(h.Date)))
                    .ToList()))
            .OrderByDescending(t => t.Lessons.Count).ThenBy(t => t.Teacher, Text.UkrainianText.Comparer)
            .ToList();

        // Cancelled lessons are not in "held"; they come from today's plans, read from the same timetable and changes.
        var today = held.Where(h => h.Date == day.Today).ToList();
        var uncovered = today
            .Where(h => h.Planned.TeacherId is not { } t || !staff.TryGetValue(t, out var s) || s.DeactivatedOn is { } off && off <= day.Today)
            .Select(h => new UncoveredLesson(h.Planned.Number, h.Class.Id, h.Class.Name.ToString(), title(h.Planned.SubjectId, h.Planned.GroupId),
                h.Planned.TeacherId is { } t && staff.TryGetValue(t, out var s) ? s.ShortName : null, false))
            .ToList();
        var cancelled = await db.DayChanges.AsNoTracking()
            .Where(c => c.SchoolId == schoolId && c.Date == day.Today && c.Kind == DayChangeKind.Cancellation && c.ClassId != null)
            .ToListAsync(ct);
        var classById = classes.ToDictionary(c => c.Id);
        var cancelledTitles = await HeldLessons.TitlesAsync(db,
            cancelled.Where(c => c.SubjectId is not null).Select(c => new PlannedLesson(c.LessonNumber ?? 0, c.SubjectId!.Value, c.GroupId, null, null, c, false)), ct);
        uncovered.AddRange(cancelled.Where(c => classById.ContainsKey(c.ClassId!.Value) && c.SubjectId is not null)
            .Select(c => new UncoveredLesson(c.LessonNumber ?? 0, c.ClassId!.Value, classById[c.ClassId.Value].Name.ToString(),
                cancelledTitles(c.SubjectId!.Value, c.GroupId), null, true)));

        var absentRows = await db.Absences.AsNoTracking().Where(a => a.SchoolId == schoolId && a.Date == day.Today)
            .Select(a => new { a.ClassId, a.StudentId }).Distinct().ToListAsync(ct);
        var absences = absentRows.GroupBy(a => a.ClassId).Where(g => classById.ContainsKey(g.Key))
            .Select(g => classById[g.Key])
            .Select(c => new ClassAbsences(c.Id, c.Name.ToString(), absentRows.Count(a => a.ClassId == c.Id),
                c.ClassTeacherId is { } ct2 && staff.TryGetValue(ct2, out var s) ? s.ShortName : null))
            .OrderBy(a => classById[a.ClassId].Name.SortKey, StringComparer.Ordinal)
            .ToList();

        return new SchoolTodayView(day.School.Name, day.Today, day.IsSchoolDay(day.Today), previous, year.Title, today.Count, today.Count(h => h.Record is not null),
            notRecorded, absences, remarks, uncovered.OrderBy(u => u.Number).ThenBy(u => classById[u.ClassId].Name.SortKey, StringComparer.Ordinal).ToList(),
            notifications);
    }

    private static async Task<List<OpenRemark>> RemarksAsync(JournalDbContext db, Guid schoolId, CancellationToken ct)
    {
        var open = await db.Remarks.AsNoTracking().Where(r => r.SchoolId == schoolId && r.Response == null)
            .Join(db.Classes, r => r.ClassId, c => c.Id, (r, c) => new { r.Id, r.WrittenOn, c.Grade, c.Letter, r.SubjectId, r.AddresseeId, r.Text })
            .ToListAsync(ct);
        if (open.Count == 0) return [];
        var subjectIds = open.Select(r => r.SubjectId).OfType<Guid>().Distinct().ToList();
        var staffIds = open.Select(r => r.AddresseeId).OfType<Guid>().Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var people = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ShortName, ct);
        return open.OrderBy(r => r.WrittenOn)
            .Select(r => new OpenRemark(r.Id, r.WrittenOn, new ClassName(r.Grade, r.Letter).ToString(),
                r.SubjectId is { } s ? subjects.GetValueOrDefault(s) : null, r.AddresseeId is { } a ? people.GetValueOrDefault(a) : null, r.Text))
            .ToList();
    }

    private static async Task<NotificationHealth> NotificationsAsync(JournalDbContext db, Guid schoolId, CancellationToken ct)
    {
        var counts = await db.Outbox.AsNoTracking().Where(o => o.SchoolId == schoolId
                && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Sending || o.State == OutboxState.Failed || o.State == OutboxState.Dead))
            .GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // A family the bot cannot reach: a guardian who linked a chat once and has no open chat left (blocked the bot, left the chat).
        var unreachable = await db.ChatLinks.AsNoTracking()
            .Where(l => l.SchoolId == schoolId && l.Kind == PersonKind.Guardian && !l.IsActive
                && !db.ChatLinks.Any(a => a.PersonId == l.PersonId && a.Kind == PersonKind.Guardian && a.IsActive))
            .Select(l => l.PersonId).Distinct().CountAsync(ct);
        int Of(OutboxState s) => counts.GetValueOrDefault(s);
        return new NotificationHealth(Of(OutboxState.Pending) + Of(OutboxState.Held) + Of(OutboxState.Sending), Of(OutboxState.Failed), Of(OutboxState.Dead), unreachable);
    }
}
