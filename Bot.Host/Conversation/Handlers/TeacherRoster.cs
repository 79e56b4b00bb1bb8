using Bot.Domain;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Host.Conversation.Formatting;
using Bot.Host.Conversation.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// What a teacher's commands are read against (<see cref="RosterSnapshot"/>), and finding the lesson a command
/// is about: the page's lesson of that day, or a new one from the timetable (J-7 forbids one in advance).
/// </summary>
public sealed class TeacherRoster(JournalDbContext db, JournalService journal, CachedReads reads)
{
    /// <param name="command">
    /// A command that begins with its class (<c>/mark 7-А ...</c>, <c>/absent 7-А ...</c>): only that class's students are
    /// loaded, as its parser reads no other class's (a teacher in 17 classes of the demo school would otherwise load some
    /// 300 students for one mark). Null: the students of all the teacher's classes.
    /// </param>
    /// <remarks>Kept between updates while the roster's stamp stands (ADR 0020), per teacher, day and class named.</remarks>
    public Task<RosterSnapshot> LoadAsync(ChatContext ctx, CancellationToken ct, CommandArgs? command = null)
    {
        ClassName? named = command is not null && ClassReader.TryRead(command.Tokens, 0, out var n, out _) ? n : null;
        return reads.GetOrLoadAsync(new RosterKey(ctx.Staff!.StaffId, ctx.Today, named), c => ReadAsync(ctx, named, c), ct);
    }

    private sealed record RosterKey(Guid StaffId, DateOnly Today, ClassName? Named);

    private sealed record BellsKey(Guid SchoolId);

    private async Task<RosterSnapshot> ReadAsync(ChatContext ctx, ClassName? named, CancellationToken ct)
    {
        var staff = ctx.Staff!;
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == staff.SchoolId).ToListAsync(ct);
        var year = SchoolYears.Current(years, ctx.Today);
        // Only the columns the parser reads: this runs for every teacher's command, over every class and student concerned.
        var classes = year is null ? [] : await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id)
            .Select(c => new { c.Id, c.Grade, c.Letter }).ToListAsync(ct);
        // J-9: the lessons the administration gave this teacher as a substitute, of the days a mark may still be placed by them.
        var since = ctx.Today.AddDays(-DayChange.SubstituteMayRecordDays);
        var substitutions = await db.DayChanges.AsNoTracking()
            .Where(c => c.Kind == DayChangeKind.Substitution && c.TeacherId == staff.StaffId && c.Date >= since && c.Date <= ctx.Today)
            .Select(c => new { ClassId = c.ClassId!.Value, SubjectId = c.SubjectId!.Value, c.GroupId }).Distinct().ToListAsync(ct);
        var pages = staff.Assignments.Select(a => (a.ClassId, a.SubjectId, a.GroupId, a.GroupName))
            .Concat(substitutions.Where(x => !staff.Assignments.Any(a => a.ClassId == x.ClassId && a.SubjectId == x.SubjectId && a.GroupId == x.GroupId))
                .Select(x => (x.ClassId, x.SubjectId, x.GroupId, GroupName: (string?)null)))
            .ToList();
        var groupIds = pages.Where(a => a.GroupId != null).Select(a => a.GroupId!.Value).ToList();
        // Who is in each group today (J-5, ADR 0027): a student who moved to the other group is found on that one's page.
        var members = (await db.GroupMemberships.AsNoTracking().Where(m => groupIds.Contains(m.GroupId)).ToListAsync(ct)).Where(m => m.IsOn(ctx.Today)).ToList();
        var groupNames = groupIds.Count == 0 ? [] : await db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var subjectIds = pages.Select(a => a.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var assignments = pages.Where(a => subjects.ContainsKey(a.SubjectId)).Select(a => new TeachingEntry(a.ClassId, SubjectEntry.From(subjects[a.SubjectId]),
            a.GroupId, a.GroupName ?? (a.GroupId is { } n ? groupNames.GetValueOrDefault(n) : null),
            a.GroupId is { } g ? members.Where(m => m.GroupId == g).Select(m => m.StudentId).ToList() : null)).ToList();

        var classIds = pages.Select(a => a.ClassId).Concat(staff.ClassTeacherOf.Select(c => c.ClassId)).Distinct().ToList();
        if (named is { } only)
            classIds = classIds.Where(id => classes.Any(c => c.Id == id && new ClassName(c.Grade, c.Letter) == only)).ToList();
        var today = ctx.Today;
        var enrolled = await db.Enrolments.AsNoTracking()
            .Where(e => classIds.Contains(e.ClassId) && (e.To == null || e.To >= today))
            .Join(db.Students.AsNoTracking(), e => e.StudentId, s => s.Id, (e, s) => new { e.ClassId, s.Id, s.LastName, s.FirstName, s.StudyMode })
            .ToListAsync(ct);
        var byClass = enrolled.GroupBy(x => x.ClassId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<StudentEntry>)g.Select(x => new StudentEntry(x.Id, x.LastName, x.FirstName, x.StudyMode == StudyMode.Individual)).ToList());
        return new RosterSnapshot(classes.Select(c => new ClassEntry(c.Id, new ClassName(c.Grade, c.Letter))).ToList(), assignments, byClass);
    }

    /// <summary>
    /// The lesson of a page on a date: an existing record (the given slot, or the latest that has begun), else one
    /// recorded now from the timetable's slot for that day.
    /// </summary>
    public async Task<Result<Lesson>> FindOrCreateLessonAsync(ChatContext ctx, Guid classId, Guid subjectId, Guid? groupId, DateOnly date, int? slot,
        CancellationToken ct, Guid? batchId = null)
    {
        var existing = await db.Lessons.AsNoTracking()
            .Where(l => l.ClassId == classId && l.SubjectId == subjectId && l.GroupId == groupId && l.Date == date)
            .OrderBy(l => l.Slot).ToListAsync(ct);
        var bells = await BellsAsync(ctx, ct);
        if (existing.Count > 0)
        {
            if (slot is null) return Pick(existing, l => l.Slot, date, ctx, bells);
            if (existing.FirstOrDefault(l => l.Slot == slot) is { } same) return same;
        }

        // The day as planned: the weekly timetable with the day's changes (a cancelled lesson is not there, a moved one is).
        var schoolId = await db.Classes.AsNoTracking().Where(c => c.Id == classId).Select(c => c.SchoolId).FirstAsync(ct);
        var plan = await TimetablePlans.DayAsync(db, schoolId, classId, date, ct);
        var slots = plan.Held.Where(l => l.SubjectId == subjectId && (l.GroupId == null || l.GroupId == groupId)).Select(l => l.Number).Distinct().Order().ToList();
        if (slot is { } wanted) return await CreateAsync(ctx, classId, subjectId, groupId, date, wanted, ct, batchId);
        if (slots.Count == 0)
        {
            var subject = await db.Subjects.Where(x => x.Id == subjectId).Select(x => x.Name).FirstAsync(ct);
            return new DomainError(NotInTimetable,
                $"За розкладом уроку «{subject}» {UkrainianDates.Short(date)} немає.");
        }

        return await CreateAsync(ctx, classId, subjectId, groupId, date, Pick(slots, n => n, date, ctx, bells), ct, batchId);
    }

    /// <summary>The numbers in the day of a page's lessons on a date: those recorded, and those the day's timetable holds.</summary>
    public async Task<IReadOnlyList<int>> SlotsOfDayAsync(Guid classId, Guid subjectId, Guid? groupId, DateOnly date, CancellationToken ct)
    {
        var recorded = await db.Lessons.AsNoTracking()
            .Where(l => l.ClassId == classId && l.SubjectId == subjectId && l.GroupId == groupId && l.Date == date).Select(l => l.Slot).ToListAsync(ct);
        var schoolId = await db.Classes.AsNoTracking().Where(c => c.Id == classId).Select(c => c.SchoolId).FirstAsync(ct);
        var plan = await TimetablePlans.DayAsync(db, schoolId, classId, date, ct);
        var planned = plan.Held.Where(l => l.SubjectId == subjectId && (l.GroupId == null || l.GroupId == groupId)).Select(l => l.Number);
        return recorded.Concat(planned).Distinct().Order().ToList();
    }

    /// <summary>A lesson number as a choice's id (choices carry ids).</summary>
    public static Guid SlotId(int slot) => new(slot, 0, 0, new byte[8]);

    /// <summary>A lesson created for a command's cells joins the command's write unit (<paramref name="batchId"/>).</summary>
    private async Task<Result<Lesson>> CreateAsync(ChatContext ctx, Guid classId, Guid subjectId, Guid? groupId, DateOnly date, int slot, CancellationToken ct,
        Guid? batchId) =>
        await journal.RecordLessonAsync(ctx.StaffActor, new LessonInput(classId, subjectId, groupId, date, slot, null), ct: ct, batchId: batchId);

    /// <summary>Of several lessons in a day: the latest that has begun by the bell times, else the first.</summary>
    private static T Pick<T>(IReadOnlyList<T> items, Func<T, int> slotOf, DateOnly date, ChatContext ctx, IReadOnlyDictionary<int, TimeOnly> bells)
    {
        if (date != ctx.Today) return items[0];
        var now = TimeOnly.FromDateTime(ctx.LocalNow);
        var begun = items.Where(i => bells.TryGetValue(slotOf(i), out var start) && start <= now).ToList();
        return begun.Count > 0 ? begun[^1] : items[0];
    }

    public Task<IReadOnlyDictionary<int, TimeOnly>> BellsAsync(ChatContext ctx, CancellationToken ct)
    {
        var schoolId = ctx.Staff?.SchoolId ?? Guid.Empty;
        return reads.GetOrLoadAsync<IReadOnlyDictionary<int, TimeOnly>>(new BellsKey(schoolId),
            async c => await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == schoolId).ToDictionaryAsync(b => b.Number, b => b.Starts, c), ct);
    }

    public const string NotInTimetable = "lesson.not_in_timetable";

    /// <summary>The last weekday before <paramref name="date"/> (a hint for a mark entered on a weekend).</summary>
    public static DateOnly PreviousWeekday(DateOnly date)
    {
        var d = date.AddDays(-1);
        while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(-1);
        return d;
    }
}
