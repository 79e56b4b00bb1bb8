namespace Bot.Domain.Timetable;

/// <summary>
/// One lesson of a class's day as planned: the weekly timetable's cell with the day's change applied.
/// <see cref="IsHeld"/> is false for a cancelled lesson and for one moved away (it stays in the plan, so the diary can
/// say so); a lesson moved in carries the <see cref="Move"/> change with <see cref="From"/> set.
/// </summary>
public sealed record PlannedLesson(int Number, Guid SubjectId, Guid? GroupId, Guid? TeacherId, Guid? EntryId, DayChange? Change, bool IsHeld)
{
    /// <summary>The teacher the weekly timetable gives the lesson (for a substitution: the one who is away).</summary>
    public Guid? RegularTeacherId { get; init; } = TeacherId;

    /// <summary>A lesson moved in from another number or day: where it came from.</summary>
    public (DateOnly Date, int Number)? From =>
        Change is { Kind: DayChangeKind.Move } c && IsHeld ? (c.Date, c.LessonNumber!.Value) : null;

    public bool IsSubstitution => Change?.Kind == DayChangeKind.Substitution;

    /// <summary>The lesson's status recorded after an alert (held in the shelter, online, not held: N-19); null = as usual.</summary>
    public DayChange? Status { get; init; }

    /// <summary>Not held because of an alert: no absences count for it .</summary>
    public bool NotHeldForAlert => Status?.Kind == DayChangeKind.NotHeldAlert;
}

/// <summary>A class's day: its lessons as planned, and the changes of the whole day (remote learning, an air-raid alert).</summary>
public sealed record DayPlan(Guid ClassId, DateOnly Date, IReadOnlyList<PlannedLesson> Lessons, IReadOnlyList<DayChange> DayWide)
{
    public bool IsRemote => DayWide.Any(c => c.Kind == DayChangeKind.Remote);

    public DayChange? AirRaid => DayWide.LastOrDefault(c => c.Kind == DayChangeKind.AirRaid);

    /// <summary>The lessons held that day, in order.</summary>
    public IEnumerable<PlannedLesson> Held => Lessons.Where(l => l.IsHeld);

    /// <summary>
    /// Applies the day's changes to the weekly timetable. <paramref name="weekly"/> are the class's entries (any day:
    /// only those that apply on <paramref name="date"/> count); <paramref name="changes"/> are the changes of the class
    /// and of the whole school whose dates include <paramref name="date"/> (others are ignored).
    /// </summary>
    public static DayPlan Of(Guid classId, DateOnly date, IEnumerable<TimetableEntry> weekly, IEnumerable<DayChange> changes)
    {
        var relevant = changes.Where(c => (c.ClassId is null || c.ClassId == classId) && c.Dates.Contains(date)).OrderBy(c => c.CreatedAtUtc).ToList();
        var lessons = new List<PlannedLesson>();
        foreach (var e in weekly.Where(e => e.ClassId == classId && e.AppliesOn(date)))
        {
            var change = relevant.LastOrDefault(c => c.Date == date && c.Kind is DayChangeKind.Substitution or DayChangeKind.Cancellation or DayChangeKind.Move
                && c.Hits(e.LessonNumber, e.SubjectId, e.GroupId));
            var lesson = change?.Kind switch
            {
                DayChangeKind.Substitution => new PlannedLesson(e.LessonNumber, e.SubjectId, e.GroupId, change.TeacherId, e.Id, change, true)
                {
                    RegularTeacherId = e.TeacherId,
                },
                DayChangeKind.Cancellation => new PlannedLesson(e.LessonNumber, e.SubjectId, e.GroupId, e.TeacherId, e.Id, change, false),
                DayChangeKind.Move => new PlannedLesson(e.LessonNumber, e.SubjectId, e.GroupId, e.TeacherId, e.Id, change, false),
                _ => new PlannedLesson(e.LessonNumber, e.SubjectId, e.GroupId, e.TeacherId, e.Id, null, true),
            };
            lessons.Add(lesson);
        }

        foreach (var m in relevant.Where(c => c.Kind == DayChangeKind.Move && c.ToDate == date && c.ClassId == classId))
            lessons.Add(new PlannedLesson(m.ToNumber!.Value, m.SubjectId!.Value, m.GroupId, m.TeacherId, null, m, true));

        if (relevant.LastOrDefault(c => c.Kind == DayChangeKind.AirRaid && c.Date == date) is { } raid)
            lessons = lessons.Select(l => l.IsHeld && l.Change is null && (raid.LessonNumber is null || l.Number >= raid.LessonNumber) ? l with { Change = raid } : l).ToList();

        // The statuses an alert's all-clear recorded (N-19): on top of any other change; "not held" takes the lesson out.
        var statuses = relevant.Where(c => c.Date == date && c.IsLessonStatus).ToList();
        if (statuses.Count > 0)
            lessons = lessons.Select(l => statuses.LastOrDefault(s => s.Hits(l.Number, l.SubjectId, l.GroupId)) is { } s && l.IsHeld
                ? l with { Status = s, IsHeld = s.Kind != DayChangeKind.NotHeldAlert }
                : l).ToList();

        var dayWide = relevant.Where(c => c.Date == date && c.Kind is DayChangeKind.Remote or DayChangeKind.AirRaid).ToList();
        return new DayPlan(classId, date, lessons.OrderBy(l => l.Number).ThenBy(l => l.IsHeld ? 1 : 0).ToList(), dayWide);
    }
}
