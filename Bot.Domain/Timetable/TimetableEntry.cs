namespace Bot.Domain.Timetable;

/// <summary>One cell of the weekly timetable: on this weekday, lesson N of the class (or group) is this subject.</summary>
public sealed class TimetableEntry : SchoolEntity
{
    private TimetableEntry() { }

    public TimetableEntry(Guid schoolId, Guid classId, Guid subjectId, DayOfWeek day, int lessonNumber, Guid? teacherId, Guid? groupId = null,
        DateOnly? validFrom = null, DateOnly? validTo = null)
    {
        if (day is DayOfWeek.Sunday) throw new DomainException(new DomainError("timetable.day", "У неділю уроків немає."));
        if (lessonNumber is < 0 or > 12) throw new DomainException(new DomainError("timetable.number", "Номер уроку має бути від 0 до 12."));
        SchoolId = schoolId;
        ClassId = classId;
        SubjectId = subjectId;
        Day = day;
        LessonNumber = lessonNumber;
        TeacherId = teacherId;
        GroupId = groupId;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public Guid ClassId { get; private set; }
    public Guid? GroupId { get; private set; }
    public Guid SubjectId { get; private set; }
    public Guid? TeacherId { get; private set; }
    public DayOfWeek Day { get; private set; }
    public int LessonNumber { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }

    /// <summary>The entry stops applying after <paramref name="lastDay"/> (a change of the weekly timetable keeps the history).</summary>
    internal void End(DateOnly lastDay) => ValidTo = lastDay;

    /// <summary>Whether the entry is in force on a date, whatever its weekday.</summary>
    public bool InForceOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || ValidTo >= date);

    public bool AppliesOn(DateOnly date) =>
        date.DayOfWeek == Day && (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || ValidTo >= date);
}
