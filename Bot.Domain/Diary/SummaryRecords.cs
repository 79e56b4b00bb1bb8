using Bot.Domain.Attendance;
using Bot.Domain.Grading;

namespace Bot.Domain.Diary;

/// <summary>A student's marks in one subject over a semester.</summary>
/// <param name="Marks">Current marks and the dateless marks of the semester other than thematic and final ones, by date.</param>
/// <param name="Average">The arithmetic mean of the numeric marks of <paramref name="Marks"/>, 2 decimals; null without any.</param>
/// <param name="Thematic">Thematic marks (M-5), by date.</param>
/// <param name="Final">Semester, corrected, annual, ДПА and appeal marks of the semester (M-6..M-10).</param>
/// <param name="Suggested">M-6: the proposed semester mark from the thematic marks, for grades 5–11 once there is a thematic mark.</param>
public sealed record SubjectMarks(
    Guid SubjectId,
    string PageTitle,
    IReadOnlyList<DiaryMark> Marks,
    decimal? Average,
    IReadOnlyList<DiaryMark> Thematic,
    IReadOnlyList<DiaryMark> Final,
    Suggestion? Suggested)
{
    /// <summary>N-7: the semester's marks by group of learning outcomes (НУШ classes), in the groups' order.</summary>
    public IReadOnlyList<OutcomeMark> Outcomes { get; init; } = [];
}

/// <summary>A mark of a group of learning outcomes (N-7): "ГР1", its title, the mark.</summary>
public sealed record OutcomeMark(string Code, string Title, MarkValue Value)
{
    public string Text => Value.Text;
}

/// <summary>A student's marks over a semester, subjects in alphabetical order.</summary>
public sealed record StudentMarks(Guid StudentId, string StudentName, string YearTitle, int Semester, DateOnly From, DateOnly To,
    IReadOnlyList<SubjectMarks> Subjects)
{
    /// <summary>N-21: grades 1–2, the year's levels of the expected learning outcomes by educational field, once any is written.</summary>
    public IReadOnlyList<FieldResults> YearOutcomes { get; init; } = [];
}

/// <summary>An educational field's outcomes with a student's year levels (N-21), in the field's order.</summary>
public sealed record FieldResults(string Field, IReadOnlyList<OutcomeYearResult> Outcomes);

/// <summary>"1.2", "Читає вголос…", "має значні успіхи"; no level when the class teacher has not written one.</summary>
public sealed record OutcomeYearResult(string Code, string Title, string? Level);

/// <summary>A student's line of the attendance summary: lessons and days missed, "н" and "хв".</summary>
public sealed record StudentAttendanceRow(
    int Number,
    Guid StudentId,
    string StudentName,
    bool IndividualStudy,
    AttendanceTotals Totals,
    IReadOnlyList<AttendanceDay> Days);

/// <summary>The attendance of a class over a period, in the order of the class list (J-4).</summary>
public sealed record ClassAttendance(Guid ClassId, string ClassName, DateOnly From, DateOnly To, IReadOnlyList<StudentAttendanceRow> Students)
{
    public AttendanceTotals Totals => AttendanceTotals.Sum(Students.Select(s => s.Totals));
}

/// <summary>A student the class teacher must report to the administration, with the run of "н" days.</summary>
public sealed record AbsenceReport(Guid StudentId, string StudentName, UnexcusedAbsence Run);

/// <summary>The marks of a subject in a class over a week: how many, and the mean of the numeric ones (2 decimals).</summary>
public sealed record SubjectWeekMarks(Guid SubjectId, string SubjectName, int Count, decimal? Average);

/// <summary>A lesson recorded without its topic (J-6).</summary>
public sealed record LessonWithoutTopic(Guid LessonId, DateOnly Date, int Slot, string PageTitle, string TeacherName);

/// <summary>
/// The class teacher's weekly summary: attendance of the week, students to report, marks per subject and
/// lessons without a topic.
/// </summary>
public sealed record ClassTeacherWeek(
    Guid ClassId,
    string ClassName,
    DateOnly Monday,
    DateOnly Friday,
    ClassAttendance Attendance,
    IReadOnlyList<AbsenceReport> ToReport,
    IReadOnlyList<SubjectWeekMarks> Marks,
    IReadOnlyList<LessonWithoutTopic> LessonsWithoutTopic);
