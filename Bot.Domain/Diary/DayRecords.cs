using Bot.Domain.Grading;

namespace Bot.Domain.Diary;

/// <summary>A mark as the diary shows it: on a lesson (current) or in a dateless column placed that day (M-3).</summary>
public sealed record DiaryMark(
    Guid MarkId,
    Guid SubjectId,
    string PageTitle,
    MarkColumn Column,
    DateOnly Date,
    MarkValue Value,
    string? WorkKind)
{
    /// <summary>A group of learning outcomes' mark (N-7): "ГР1 «Усна взаємодія…», І семестр", shown as it is.</summary>
    public string? Caption { get; init; }

    /// <summary>"Поточна", "Тематична", "Скоригована (І семестр)", a group of outcomes' <see cref="Caption"/>, ...</summary>
    public string ColumnTitle => Caption ?? MarkColumns.FullTitle(Column);

    /// <summary>"10", "Д", "н/а", ...</summary>
    public string Text => Value.Text;
}

/// <summary>A lesson of the student's day (J-6): the class's lessons and those of the student's own groups (J-5).</summary>
public sealed record DiaryLesson(
    Guid LessonId,
    int Slot,
    TimeOnly? Starts,
    TimeOnly? Ends,
    Guid SubjectId,
    Guid? GroupId,
    string PageTitle,
    string Topic,
    string? ThemeTitle,
    string? Homework,
    string? SubstituteNote,
    IReadOnlyList<DiaryMark> Marks,
    AbsenceKind? Absence)
{
    /// <summary>The homework field as printed: the homework, then "Заміна. Surname I. B." (J-9).</summary>
    public string HomeworkField => string.Join(" ", new[] { Homework, SubstituteNote }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>"н" or "хв", or null.</summary>
    public string? AbsenceText => Absence is { } a ? AbsenceKinds.Text(a) : null;
}

/// <summary>
/// Homework due on a day: set on the previous lesson of a subject (page) that has a lesson that day by the
/// timetable; homework is due by the next lesson of its subject.
/// </summary>
public sealed record HomeworkDue(Guid SubjectId, Guid? GroupId, string PageTitle, DateOnly SetOn, Guid SetOnLessonId, string Homework, string? SubstituteNote);

/// <summary>
/// One line of a day's timetable for the student, with the day's change to it (<see cref="Change"/>: "заміна: Ткаченко А. М.",
/// "скасовано", "перенесено на 5 урок"...); <see cref="IsHeld"/> is false for a cancelled lesson or one moved away.
/// </summary>
public sealed record TimetableSlot(int Number, TimeOnly? Starts, TimeOnly? Ends, Guid SubjectId, Guid? GroupId, string PageTitle,
    string? Change = null, bool IsHeld = true);

/// <summary>A school day's timetable for the student; <see cref="Notices"/> are the day's own changes ("Дистанційне навчання", an air-raid alert).</summary>
public sealed record DayTimetable(DateOnly Date, IReadOnlyList<TimetableSlot> Slots, IReadOnlyList<string>? Notices = null)
{
    public IReadOnlyList<string> DayNotices => Notices ?? [];
}

/// <summary>
/// A student's diary for one day: lessons held with topics, homework, marks and absences; dateless marks placed that
/// day; homework due that day; the day's own timetable; and the timetable of the next school day.
/// </summary>
public sealed record StudentDay(
    Guid StudentId,
    string StudentName,
    Guid ClassId,
    string ClassName,
    DateOnly Date,
    bool IsSchoolDay,
    IReadOnlyList<DiaryLesson> Lessons,
    IReadOnlyList<DiaryMark> DatelessMarks,
    IReadOnlyList<HomeworkDue> HomeworkDue,
    DayTimetable Timetable,
    DayTimetable? NextSchoolDay)
{
    /// <summary>
    /// Homework due on the next school day (<see cref="NextSchoolDay"/>), in the order of its timetable: the evening
    /// diary's "Задано на завтра" (ADR 0036).
    /// </summary>
    public IReadOnlyList<HomeworkDue> NextHomeworkDue { get; init; } = [];

    /// <summary>Every mark of the day: on its lessons, then the dateless ones.</summary>
    public IEnumerable<DiaryMark> AllMarks => Lessons.SelectMany(l => l.Marks).Concat(DatelessMarks);
}

/// <summary>A student's diary for a school week, Monday to Friday (days the student was in a class).</summary>
public sealed record StudentWeek(Guid StudentId, string StudentName, DateOnly Monday, IReadOnlyList<StudentDay> Days);

/// <summary>Every enrolled student's day in a class, in the order of the class list (J-4): the evening digest's input.</summary>
public sealed record ClassDay(Guid ClassId, string ClassName, DateOnly Date, bool IsSchoolDay, IReadOnlyList<StudentDay> Students);

/// <summary>Every class's day in a school, classes in order of grade and letter.</summary>
public sealed record SchoolDay(Guid SchoolId, DateOnly Date, IReadOnlyList<ClassDay> Classes)
{
    public int StudentCount => Classes.Sum(c => c.Students.Count);
}
