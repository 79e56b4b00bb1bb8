using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Diary;

/// <summary>
/// Everything the diary of some classes over some days reads, loaded in bulk: a fixed number of queries whatever the
/// number of classes and students (one per table), then assembled in memory by <see cref="DayBuilder"/> and the
/// summaries. <see cref="PriorLessons"/> holds each page's last lesson before the first day, for homework due.
/// </summary>
internal sealed class DiaryData
{
    public required School School { get; init; }

    /// <summary>The loaded days.</summary>
    public DateOnly From { get; init; }

    public DateOnly To { get; init; }
    public required IReadOnlyDictionary<Guid, SchoolYear> Years { get; init; }
    public required IReadOnlyList<SchoolClass> Classes { get; init; }
    public required IReadOnlyDictionary<Guid, Subject> Subjects { get; init; }

    /// <summary>The classes' groups, without their members: see <see cref="InGroup"/>.</summary>
    public required IReadOnlyDictionary<Guid, ClassGroup> Groups { get; init; }

    /// <summary>Each student's stays in the groups of a class (J-5), past ones included.</summary>
    public required IReadOnlyDictionary<(Guid ClassId, Guid StudentId), IReadOnlyList<GroupMembership>> StudentGroups { get; init; }
    public required ILookup<Guid, ClassListEntry> Roster { get; init; }
    public required ILookup<Guid, Lesson> Lessons { get; init; }
    public required ILookup<Guid, PriorLesson> PriorLessons { get; init; }
    public required ILookup<Guid, Mark> Marks { get; init; }
    public required ILookup<Guid, Absence> Absences { get; init; }
    public required ILookup<Guid, TimetableEntry> Timetable { get; init; }
    public required IReadOnlyDictionary<int, BellSlot> Bells { get; init; }

    /// <summary>The groups of learning outcomes the loaded marks name (N-7), for their codes and titles.</summary>
    public IReadOnlyDictionary<Guid, ResultGroup> ResultGroups { get; init; } = new Dictionary<Guid, ResultGroup>();

    /// <summary>The day changes of the loaded days and of the two weeks after them (the next school day's timetable).</summary>
    public IReadOnlyList<DayChange> Changes { get; init; } = [];

    /// <summary>Short names of the teachers the changes name (substitutes).</summary>
    public IReadOnlyDictionary<Guid, string> ChangeTeachers { get; init; } = new Dictionary<Guid, string>();

    /// <summary>
    /// The statuses of lessons after an air-raid alert (N-19, ADR 0044), by class, date, number and page. A journal record of
    /// a lesson not held because of the alert (a roll call taken before the class went down) counts for nobody's
    /// attendance.
    /// </summary>
    public IReadOnlyDictionary<(Guid ClassId, DateOnly Date, int Slot, Guid SubjectId, Guid? GroupId), DayChangeKind> LessonStatuses { get; init; } =
        new Dictionary<(Guid, DateOnly, int, Guid, Guid?), DayChangeKind>();

    /// <summary>The lesson's status after an alert ("проведено в укритті"...), or null.</summary>
    public string? StatusOf(Lesson l) =>
        LessonStatuses.TryGetValue((l.ClassId, l.Date, l.Slot, l.SubjectId, l.GroupId), out var kind) ? DayChangeText.StatusText(kind) : null;

    /// <summary>What to load besides the roster and the lessons of the days.</summary>
    [Flags]
    public enum Parts
    {
        None = 0,
        Marks = 1,
        Absences = 2,
        Timetable = 4,
        PriorLessons = 8,
        Bells = 16,
        Diary = Marks | Absences | Timetable | PriorLessons | Bells,
    }

    /// <summary>
    /// Loads the given classes' rows for the days [<paramref name="from"/>, <paramref name="to"/>]: one query per
    /// table. <paramref name="studentId"/> narrows the roster, marks and absences to one student.
    /// </summary>
    public static async Task<DiaryData> LoadAsync(JournalDbContext db, School school, IReadOnlyList<SchoolClass> classes,
        IReadOnlyDictionary<Guid, SchoolYear> years, DateOnly from, DateOnly to, Parts parts, Guid? studentId, CancellationToken ct)
    {
        var classIds = classes.Select(c => c.Id).ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == school.Id).ToDictionaryAsync(s => s.Id, ct);
        // Groups without their auto-included members (a wide join), then the memberships alone: two narrow reads.
        var groups = await db.Groups.AsNoTracking().IgnoreAutoIncludes().Where(g => classIds.Contains(g.ClassId)).ToDictionaryAsync(g => g.Id, ct);
        var groupIds = groups.Keys.ToList();
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => groupIds.Contains(m.GroupId)).ToListAsync(ct);
        var roster = await ClassList.LoadAsync(db, classIds, from, to, studentId, ct);
        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => classIds.Contains(l.ClassId) && l.Date >= from && l.Date <= to)
            .ToListAsync(ct);

        List<PriorLesson> prior = [];
        if (parts.HasFlag(Parts.PriorLessons)) prior = await PriorLessonsAsync(db, classIds, from, ct);

        List<Mark> marks = [];
        if (parts.HasFlag(Parts.Marks))
        {
            var q = db.Marks.AsNoTracking().Where(m => classIds.Contains(m.ClassId) && m.Date >= from && m.Date <= to);
            if (studentId is { } id) q = q.Where(m => m.StudentId == id);
            marks = await q.ToListAsync(ct);
        }

        var outcomeIds = marks.Where(m => m.ResultGroupId != null).Select(m => m.ResultGroupId!.Value).Distinct().ToList();
        var outcomes = outcomeIds.Count == 0 ? []
            : await db.ResultGroups.AsNoTracking().Where(g => outcomeIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);

        List<Absence> absences = [];
        if (parts.HasFlag(Parts.Absences))
        {
            var q = db.Absences.AsNoTracking().Where(a => classIds.Contains(a.ClassId) && a.Date >= from && a.Date <= to);
            if (studentId is { } id) q = q.Where(a => a.StudentId == id);
            absences = await q.ToListAsync(ct);
        }

        var timetable = parts.HasFlag(Parts.Timetable)
            ? await db.Timetable.AsNoTracking().Where(t => classIds.Contains(t.ClassId)).ToListAsync(ct)
            : [];
        var bells = parts.HasFlag(Parts.Bells)
            ? await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == school.Id).ToDictionaryAsync(b => b.Number, ct)
            : [];
        List<DayChange> changes = [];
        Dictionary<Guid, string> changeTeachers = [];
        if (parts.HasFlag(Parts.Timetable))
        {
            changes = (await TimetablePlans.ChangesAsync(db, school.Id, from, to.AddDays(14), ct))
                .Where(c => c.ClassId is null || classIds.Contains(c.ClassId.Value)).ToList();
            var teacherIds = changes.Where(c => c.Kind == DayChangeKind.Substitution).Select(c => c.TeacherId).OfType<Guid>().Distinct().ToList();
            if (teacherIds.Count > 0)
                changeTeachers = (await db.Staff.AsNoTracking().Where(s => teacherIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, s => s.ShortName);
        }

        // The lessons' statuses after an alert: from the day changes already read with the timetable, else one query of their own.
        DayChangeKind[] statusKinds = [DayChangeKind.HeldInShelter, DayChangeKind.OnlineSync, DayChangeKind.OnlineAsync, DayChangeKind.NotHeldAlert];
        var statusRows = parts.HasFlag(Parts.Timetable)
            ? changes.Where(c => statusKinds.Contains(c.Kind) && c.Date >= from && c.Date <= to && c.ClassId != null)
                .Select(c => (c.ClassId, c.Date, c.LessonNumber, c.SubjectId, c.GroupId, c.Kind, c.CreatedAtUtc)).ToList()
            : (await db.DayChanges.AsNoTracking()
                    .Where(c => c.SchoolId == school.Id && statusKinds.Contains(c.Kind) && c.Date >= from && c.Date <= to
                        && c.ClassId != null && classIds.Contains(c.ClassId.Value))
                    .Select(c => new { c.ClassId, c.Date, c.LessonNumber, c.SubjectId, c.GroupId, c.Kind, c.CreatedAtUtc }).ToListAsync(ct))
                .Select(c => (c.ClassId, c.Date, c.LessonNumber, c.SubjectId, c.GroupId, c.Kind, c.CreatedAtUtc)).ToList();
        var statuses = statusRows
            .OrderBy(c => c.CreatedAtUtc)
            .GroupBy(c => (c.ClassId!.Value, c.Date, c.LessonNumber ?? -1, c.SubjectId ?? Guid.Empty, c.GroupId))
            .ToDictionary(g => g.Key, g => g.Last().Kind);

        return new DiaryData
        {
            LessonStatuses = statuses,
            School = school,
            From = from,
            To = to,
            Years = years,
            Classes = classes,
            Subjects = subjects,
            Groups = groups,
            StudentGroups = memberships.GroupBy(m => (groups[m.GroupId].ClassId, m.StudentId))
                .ToDictionary(g => g.Key, g => (IReadOnlyList<GroupMembership>)g.ToList()),
            Roster = roster.ToLookup(r => r.ClassId),
            Lessons = lessons.ToLookup(l => l.ClassId),
            PriorLessons = prior.ToLookup(l => l.ClassId),
            Marks = marks.ToLookup(m => m.StudentId),
            ResultGroups = outcomes,
            Absences = absences.ToLookup(a => a.StudentId),
            Timetable = timetable.ToLookup(t => t.ClassId),
            Bells = bells,
            Changes = changes,
            ChangeTeachers = changeTeachers,
        };
    }

    /// <summary>
    /// Each page's (class × subject × group) last lesson before <paramref name="from"/>, in two queries: the date of
    /// each page's last lesson (a GROUP BY on the page index), then the lessons of those few dates. Unlike a correlated
    /// subquery, its cost hardly grows with the length of the year's history.
    /// </summary>
    private static async Task<List<PriorLesson>> PriorLessonsAsync(JournalDbContext db, List<Guid> classIds, DateOnly from, CancellationToken ct)
    {
        var last = await db.Lessons.Where(l => classIds.Contains(l.ClassId) && l.Date < from)
            .GroupBy(l => new { l.ClassId, l.SubjectId, l.GroupId })
            .Select(g => new { g.Key.ClassId, g.Key.SubjectId, g.Key.GroupId, Date = g.Max(l => l.Date) })
            .ToListAsync(ct);
        var wanted = last.Select(x => (x.ClassId, x.SubjectId, x.GroupId, x.Date)).ToHashSet();
        var dates = last.Select(x => x.Date).Distinct().ToList();
        var onThoseDates = await db.Lessons.AsNoTracking()
            .Where(l => classIds.Contains(l.ClassId) && dates.Contains(l.Date))
            .Select(l => new PriorLesson(l.Id, l.ClassId, l.SubjectId, l.GroupId, l.Date, l.Slot, l.Homework, l.SubstituteNote))
            .ToListAsync(ct);
        return onThoseDates.Where(l => wanted.Contains((l.ClassId, l.SubjectId, l.GroupId, l.Date))).ToList();
    }

    public string PageTitle(Guid subjectId, Guid? groupId) =>
        ClassGroup.PageTitle(Subjects.TryGetValue(subjectId, out var s) ? s.Name : "?", groupId is { } g && Groups.TryGetValue(g, out var group) ? group.Name : null);

    public SubjectKind KindOf(Guid subjectId) => Subjects.TryGetValue(subjectId, out var s) ? s.Kind : SubjectKind.Regular;

    /// <summary>Whether a lesson of this page (a group's, or the whole class's: null) was the student's on that day (J-5).</summary>
    public bool InGroup(Guid classId, Guid studentId, Guid? groupId, DateOnly date) =>
        groupId is not { } g || StudentGroups.TryGetValue((classId, studentId), out var stays) && stays.Any(m => m.GroupId == g && m.IsOn(date));

    /// <summary>Whether the student was in the group on any of the days [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool InGroupDuring(Guid classId, Guid studentId, Guid groupId, DateOnly from, DateOnly to) =>
        StudentGroups.TryGetValue((classId, studentId), out var stays) && stays.Any(m => m.GroupId == groupId && m.Meets(from, to));

    /// <summary>
    /// J-4, J-5: the lessons of the class the student was expected at: held while they were enrolled, of the whole
    /// class or of a group they were in that day.
    /// </summary>
    public IEnumerable<Lesson> LessonsOf(IReadOnlyList<ClassListEntry> enrolments)
    {
        if (enrolments.Count == 0) return [];
        var (classId, studentId) = (enrolments[0].ClassId, enrolments[0].StudentId);
        return Lessons[classId].Where(l => InGroup(classId, studentId, l.GroupId, l.Date) && enrolments.Any(e => e.IsActiveOn(l.Date))
            && LessonStatuses.GetValueOrDefault((classId, l.Date, l.Slot, l.SubjectId, l.GroupId)) != DayChangeKind.NotHeldAlert);
    }

    /// <summary>The student's attendance in a class over the loaded days .</summary>
    public StudentAttendance AttendanceOf(IReadOnlyList<ClassListEntry> enrolments)
    {
        if (enrolments.Count == 0) return StudentAttendance.Empty;
        var first = enrolments[0];
        var expected = LessonsOf(enrolments).Select(l => new ExpectedLesson(l.Id, l.Date, KindOf(l.SubjectId)));
        var missed = Absences[first.StudentId].Where(a => a.ClassId == first.ClassId).Select(a => new MissedLesson(a.LessonId, a.Kind));
        return StudentAttendance.Compute(expected, missed, first.StudyMode);
    }
}

/// <summary>A lesson as the homework-due rule reads it: its page, when, and what it set.</summary>
internal sealed record PriorLesson(Guid Id, Guid ClassId, Guid SubjectId, Guid? GroupId, DateOnly Date, int Slot, string? Homework, string? SubstituteNote)
{
    public static PriorLesson Of(Lesson l) => new(l.Id, l.ClassId, l.SubjectId, l.GroupId, l.Date, l.Slot, l.Homework, l.SubstituteNote);
}
