using Bot.Domain.Diary;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Formatting;
using Bot.Host.Delivery;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Jobs;

/// <summary>
/// The evening diary: every few minutes, for each school that sends it (its <see cref="NotificationRules"/>), the
/// guardians (and students of the grades the school's rules give a diary of their own, ADR 0035) whose diary time (their own, or the school's default, 18:00 unless it set another) has come today and who have no diary of today yet get one outbox row: their children's day — marks,
/// absences, topics, homework; "Задано на завтра" and tomorrow's timetable with its changes — in one message (<see cref="DiaryFormatter.Evening"/>), composed from
/// <see cref="DiaryQueries.SchoolDayAsync(Guid, DateOnly?, IReadOnlySet{Guid}?, CancellationToken)"/> a part of the school at a time. Nothing for a child without a school day or with
/// nothing recorded; no row when no child has anything. The key is guardian + date, so a second run writes nothing.
/// </summary>
public sealed class DailyDiaryJob(JournalDbContext db, DiaryQueries diary, NotificationRulesService schoolRules, TimeProvider clock, OutboxSignal signal, ILogger<DailyDiaryJob> log)
{
    public const string Id = "daily-diary";
    public const string Cron = "*/5 * * * *";

    /// <summary>Above this a family's message is stored per child (payloads hold up to 16,000 characters).</summary>
    private const int MaxPayload = 15_000;

    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var written = 0;
        foreach (var school in await db.Schools.AsNoTracking().ToListAsync(ct)) written += await ComposeAsync(school, ct);
        if (written > 0) signal.Notify();
        // A big school's evening leaves its whole day (every student's lessons, marks, homework) and the composed
        // payloads dead in gen 2, which the sender's small allocations do not collect for a long while: 50-60 MB of
        // garbage, committed, kept through the fan-out (6 MB are live after the job). Given back once, after the job.
        if (written >= CollectAfter) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return written;
    }

    /// <summary>From this many diaries on, the job ends with a full, compacting collection that returns the memory.</summary>
    internal const int CollectAfter = 1000;

    public static string Key(Guid guardianId, DateOnly date) => $"{NotificationKind.DailyDiary}:{guardianId:N}:{date:yyyyMMdd}";

    private async Task<int> ComposeAsync(School school, CancellationToken ct)
    {
        var rules = await schoolRules.ForSchoolAsync(school.Id, ct);
        if (!rules.DailyDiary) return 0;
        var local = SchoolTime.LocalNow(clock, school.TimeZone);
        var (today, time) = (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        // Sundays, holidays and the summer cost one query: no diary, and no school day to load every five minutes.
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id && y.Semester1Start <= today && y.Semester2End >= today).ToListAsync(ct);
        var saturday = today.DayOfWeek == DayOfWeek.Saturday && await db.Timetable.AnyAsync(t => t.SchoolId == school.Id && t.Day == DayOfWeek.Saturday, ct);
        if (!years.Any(y => SchoolCalendar.IsSchoolDay(y, today, saturday))) return 0;
        // Guardians, and students when the school's rules give students of some grade a diary of their own (ADR 0035).
        var linkedPeople = await db.ChatLinks.AsNoTracking()
            .Where(l => l.IsActive && (l.Kind == PersonKind.Guardian || (rules.StudentsFromGrade != null && l.Kind == PersonKind.Student)) && l.SchoolId == school.Id)
            .Select(l => new { l.PersonId, l.Kind }).Distinct().ToListAsync(ct);
        if (linkedPeople.Count == 0) return 0;
        var students = linkedPeople.Where(l => l.Kind == PersonKind.Student).Select(l => l.PersonId).ToHashSet();
        var linked = linkedPeople.Select(l => l.PersonId).Distinct().ToList();
        var prefs = (await db.Preferences.AsNoTracking().Where(p => (p.Kind == PersonKind.Guardian || p.Kind == PersonKind.Student) && p.SchoolId == school.Id).ToListAsync(ct))
            .Where(p => (p.Kind == PersonKind.Student) == students.Contains(p.PersonId)).ToDictionary(p => p.PersonId);
        var due = linked.Where(g => prefs.TryGetValue(g, out var p) ? p.DailyDiary && p.DiaryTimeUnder(rules) <= time : rules.DiaryTime <= time)
            .ToHashSet();
        if (due.Count == 0) return 0;
        foreach (var chunk in due.Select(g => Key(g, today)).Chunk(500).ToList())
        {
            var done = await db.Outbox.AsNoTracking().Where(o => chunk.Contains(o.IdempotencyKey)).Select(o => o.RecipientId).ToListAsync(ct);
            due.ExceptWith(done);
        }

        if (due.Count == 0) return 0;
        var ids = due.ToList();
        var classOf = await ClassesTodayAsync(school.Id, today, ct);
        if (students.Count > 0)
        {
            // A student's own diary only from the school's grade on (the outbox checks the same rule when the row goes).
            var grades = await db.Classes.AsNoTracking().Where(k => k.SchoolId == school.Id).ToDictionaryAsync(k => k.Id, k => k.Grade, ct);
            ids.RemoveAll(id => students.Contains(id) && !rules.AllowsStudent(classOf.TryGetValue(id, out var k) ? grades.GetValueOrDefault(k) : null));
            if (ids.Count == 0) return 0;
        }

        var children = (await db.GuardianStudents.AsNoTracking().Where(g => ids.Contains(g.GuardianId)).Select(g => new { g.GuardianId, g.StudentId }).ToListAsync(ct))
            .Concat(ids.Where(students.Contains).Select(id => new { GuardianId = id, StudentId = id }))
            .ToLookup(g => g.GuardianId, g => g.StudentId);

        var now = clock.GetUtcNow().UtcDateTime;
        var header = new DailyDiaryPayload(today);
        var writer = new OutboxWriter(db);
        var written = 0;
        var empty = 0;
        // A part of the school at a time: the families whose first child is in the part's classes, with the days of every
        // class their children attend (a sibling's class may be outside the part). A school of 10,000 students is never
        // held in memory at once, nor are all its rows in the change tracker together.
        foreach (var part in Parts(ids, children, classOf))
        {
            var day = await diary.SchoolDayAsync(school.Id, today, part.Classes, ct);
            if (!day.IsSuccess) return written - empty;
            var days = day.Value!.Classes.Where(c => c.IsSchoolDay).SelectMany(c => c.Students)
                .Where(s => s.Lessons.Count > 0 || s.DatelessMarks.Count > 0)
                .ToDictionary(s => s.StudentId);
            var rows = new List<OutboxMessage>();
            foreach (var guardian in part.Guardians)
            {
                var kids = children[guardian].Select(id => days.GetValueOrDefault(id)).OfType<StudentDay>()
                    .OrderBy(d => d.ClassName, StringComparer.Ordinal).ThenBy(d => d.StudentName, StringComparer.Ordinal).ToList();
                var key = Key(guardian, today);
                if (kids.Count == 0)
                {
                    // Recorded as decided, so the next runs of the evening do not load the school's day again for this family.
                    var nothing = Row(school, key, guardian, OutboxPayloads.Serialize(header), now, students);
                    nothing.Cancel(OutboxReasons.NothingToday);
                    rows.Add(nothing);
                    continue;
                }

                var payload = MessageJson.Payload(header, Family(kids, today));
                if (payload.Length <= MaxPayload)
                {
                    rows.Add(Row(school, key, guardian, payload, now, students));
                    continue;
                }

                for (var i = 0; i < kids.Count; i++)
                    rows.Add(Row(school, i == 0 ? key : $"{key}:{i}", guardian, MessageJson.Payload(header, Family([kids[i]], today)), now, students));
            }

            empty += rows.Count(r => r.State == OutboxState.Cancelled);
            written += await writer.AddNewAsync(rows, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        log.LogInformation("Daily diary: {School}, {Date}: {Written} rows for {Due} guardians whose time has come ({Empty} with nothing today)",
            school.Name, today, written, ids.Count, empty);
        return written - empty;
    }

    /// <summary>About this many classes' days are loaded at once (10 parts for a school of 330 classes).</summary>
    internal const int ClassesPerPart = 40;

    /// <summary>A part of the evening: its families, and the classes whose days they need.</summary>
    internal sealed record Part(IReadOnlyList<Guid> Guardians, IReadOnlySet<Guid> Classes);

    /// <summary>
    /// Families in parts by the class of their first child (in a fixed order of classes), <see cref="ClassesPerPart"/>
    /// classes a part; each part names every class its families' children attend. A family whose children have no class
    /// today falls in the first part (its row says "nothing today").
    /// </summary>
    internal static IEnumerable<Part> Parts(IReadOnlyList<Guid> guardians, ILookup<Guid, Guid> children, IReadOnlyDictionary<Guid, Guid> classOf)
    {
        var order = classOf.Values.Distinct().Order().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var byPart = guardians
            .GroupBy(g => children[g].Select(s => classOf.TryGetValue(s, out var c) ? order[c] : 0).DefaultIfEmpty(0).Min() / ClassesPerPart)
            .OrderBy(p => p.Key);
        foreach (var part in byPart)
        {
            var members = part.ToList();
            var classes = members.SelectMany(g => children[g]).Select(s => classOf.TryGetValue(s, out var c) ? c : Guid.Empty)
                .Where(c => c != Guid.Empty).ToHashSet();
            yield return new Part(members, classes);
        }
    }

    /// <summary>Each student's class today (the school's enrolments active on the day).</summary>
    private async Task<Dictionary<Guid, Guid>> ClassesTodayAsync(Guid schoolId, DateOnly today, CancellationToken ct) =>
        (await db.Enrolments.AsNoTracking()
            .Where(e => e.SchoolId == schoolId && e.From <= today && (e.To == null || e.To >= today))
            .Select(e => new { e.StudentId, e.ClassId }).ToListAsync(ct))
        .GroupBy(e => e.StudentId).ToDictionary(g => g.Key, g => g.Min(e => e.ClassId));

    /// <summary>One message for a family: each child's day, a blank line between children.</summary>
    public static Message Family(IReadOnlyList<StudentDay> kids, DateOnly today)
    {
        var m = new Message();
        for (var i = 0; i < kids.Count; i++)
        {
            if (i > 0) m.Blank();
            DiaryFormatter.Evening(kids[i], today, m);
        }

        return m;
    }

    /// <summary>A diary row to a guardian, or to a student of <paramref name="students"/> (their own diary).</summary>
    private static OutboxMessage Row(School school, string key, Guid recipient, string payload, DateTime now, IReadOnlySet<Guid> students) =>
        new(school.Id, key, students.Contains(recipient) ? RecipientKind.Student : RecipientKind.Guardian, recipient, NotificationKind.DailyDiary, payload, now, now);
}
