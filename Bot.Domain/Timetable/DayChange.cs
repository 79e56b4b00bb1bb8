namespace Bot.Domain.Timetable;

public enum DayChangeKind
{
    /// <summary>Another teacher holds the lesson (J-9: the substitute records it, "Заміна. Surname I. B.").</summary>
    Substitution,

    /// <summary>The lesson is not held.</summary>
    Cancellation,

    /// <summary>The lesson is held at another number, or on another day.</summary>
    Move,

    /// <summary>The class (or, with no class, the whole school) learns remotely that day.</summary>
    Remote,

    /// <summary>Lessons cut short by an air-raid alert: from a lesson number on (or all), shortened to some minutes.</summary>
    AirRaid,

    /// <summary>
    /// The class went to the shelter ("Клас в укритті"): <see cref="DayChange.LessonNumber"/> is the lesson
    /// under way (null between lessons), <see cref="DayChange.TeacherId"/> who pressed it (a teacher) or null (administration).
    /// </summary>
    Shelter,

    /// <summary>The all-clear ("Відбій") of a class in the shelter; the note says what happens next.</summary>
    AllClear,

    /// <summary>A lesson's status after an alert (N-19): held in the shelter.</summary>
    HeldInShelter,

    /// <summary>A lesson's status after an alert (N-19): moved online, synchronous (a video lesson at its time).</summary>
    OnlineSync,

    /// <summary>A lesson's status after an alert (N-19): moved online, asynchronous (tasks to do on one's own).</summary>
    OnlineAsync,

    /// <summary>A lesson's status after an alert (N-19): not held because of the alert (no absences count, A-2, A-3).</summary>
    NotHeldAlert,
}

/// <summary>
/// A change to one date's timetable of a class (or of the whole school) on top of the weekly timetable: a substitution,
/// a cancelled or moved lesson, a remote-learning day, lessons cut short by an air-raid alert. Recorded by the
/// administration (<see cref="DayChangeService"/>); the diary, the bot and the panel read a day through
/// <see cref="DayPlan"/>.
/// </summary>
public sealed class DayChange : SchoolEntity
{
    /// <summary>J-9: for this many days after a lesson its substitute may still record it and mark it through the bot.</summary>
    public const int SubstituteMayRecordDays = 10;

    private DayChange() { }

    private DayChange(Guid schoolId, DayChangeKind kind, Guid? classId, DateOnly date, Guid? createdById, DateTime createdAtUtc, string? note)
    {
        SchoolId = schoolId;
        Kind = kind;
        ClassId = classId;
        Date = date;
        CreatedById = createdById;
        CreatedAtUtc = createdAtUtc;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public DayChangeKind Kind { get; private set; }

    /// <summary>The class; null for a change of the whole school (a remote day, an air-raid alert).</summary>
    public Guid? ClassId { get; private set; }

    /// <summary>The date the change is about (for a move: the day the lesson was on).</summary>
    public DateOnly Date { get; private set; }

    /// <summary>The lesson's number that day (for an air-raid alert: the first lesson cut short; null = all).</summary>
    public int? LessonNumber { get; private set; }

    public Guid? SubjectId { get; private set; }
    public Guid? GroupId { get; private set; }

    /// <summary>Who holds the lesson after the change: the substitute, or the teacher of a moved lesson.</summary>
    public Guid? TeacherId { get; private set; }

    /// <summary>A move: the day and number the lesson goes to.</summary>
    public DateOnly? ToDate { get; private set; }
    public int? ToNumber { get; private set; }

    /// <summary>An air-raid alert: how long the lessons last; null = cut short, length not fixed.</summary>
    public int? Minutes { get; private set; }

    public string? Note { get; private set; }
    public Guid? CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>A lesson status recorded after an alert (<see cref="DayChangeKind.HeldInShelter"/> and the others, N-19).</summary>
    public static bool IsStatus(DayChangeKind kind) =>
        kind is DayChangeKind.HeldInShelter or DayChangeKind.OnlineSync or DayChangeKind.OnlineAsync or DayChangeKind.NotHeldAlert;

    public bool IsLessonStatus => IsStatus(Kind);

    /// <summary>Whether the change reaches the lesson <paramref name="number"/> of the page on its own date.</summary>
    internal bool Hits(int number, Guid subjectId, Guid? groupId) =>
        LessonNumber == number && SubjectId == subjectId && GroupId == groupId;

    /// <summary>The dates whose timetable the change alters.</summary>
    public IEnumerable<DateOnly> Dates => ToDate is { } to && to != Date ? [Date, to] : [Date];

    public static DayChange Substitution(Guid schoolId, Guid classId, DateOnly date, int number, Guid subjectId, Guid? groupId, Guid substituteId,
        Guid? by, DateTime atUtc, string? note) =>
        new(schoolId, DayChangeKind.Substitution, classId, date, by, atUtc, note)
        {
            LessonNumber = number, SubjectId = subjectId, GroupId = groupId, TeacherId = substituteId,
        };

    public static DayChange Cancellation(Guid schoolId, Guid classId, DateOnly date, int number, Guid subjectId, Guid? groupId, Guid? by, DateTime atUtc,
        string? note) =>
        new(schoolId, DayChangeKind.Cancellation, classId, date, by, atUtc, note) { LessonNumber = number, SubjectId = subjectId, GroupId = groupId };

    public static DayChange Move(Guid schoolId, Guid classId, DateOnly date, int number, Guid subjectId, Guid? groupId, Guid? teacherId, DateOnly toDate,
        int toNumber, Guid? by, DateTime atUtc, string? note) =>
        new(schoolId, DayChangeKind.Move, classId, date, by, atUtc, note)
        {
            LessonNumber = number, SubjectId = subjectId, GroupId = groupId, TeacherId = teacherId, ToDate = toDate, ToNumber = toNumber,
        };

    public static DayChange Remote(Guid schoolId, Guid? classId, DateOnly date, Guid? by, DateTime atUtc, string? note) =>
        new(schoolId, DayChangeKind.Remote, classId, date, by, atUtc, note);

    public static DayChange AirRaid(Guid schoolId, Guid? classId, DateOnly date, int? fromNumber, int? minutes, Guid? by, DateTime atUtc, string? note) =>
        new(schoolId, DayChangeKind.AirRaid, classId, date, by, atUtc, note) { LessonNumber = fromNumber, Minutes = minutes };

    public static DayChange Shelter(Guid schoolId, Guid classId, DateOnly date, int? lessonNumber, Guid? teacherId, Guid? by, DateTime atUtc) =>
        new(schoolId, DayChangeKind.Shelter, classId, date, by, atUtc, null) { LessonNumber = lessonNumber, TeacherId = teacherId };

    /// <param name="onlineFrom">"Online from lesson N": N; null for the other choices.</param>
    public static DayChange AllClear(Guid schoolId, Guid classId, DateOnly date, int? lessonNumber, int? onlineFrom, Guid? by, DateTime atUtc, string note) =>
        new(schoolId, DayChangeKind.AllClear, classId, date, by, atUtc, note) { LessonNumber = lessonNumber, ToNumber = onlineFrom };

    public static DayChange LessonStatus(Guid schoolId, DayChangeKind status, Guid classId, DateOnly date, int number, Guid subjectId, Guid? groupId,
        Guid? by, DateTime atUtc)
    {
        if (!IsStatus(status)) throw new ArgumentOutOfRangeException(nameof(status), status, "Not a lesson status.");
        return new(schoolId, status, classId, date, by, atUtc, null) { LessonNumber = number, SubjectId = subjectId, GroupId = groupId };
    }
}
