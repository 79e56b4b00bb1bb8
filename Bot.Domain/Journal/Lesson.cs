using Bot.Domain.Text;

namespace Bot.Domain.Journal;

/// <summary>
/// A lesson held and recorded in the journal (J-6): date, number in the year, topic (with the title of a section
/// or theme on the line of its first lesson), homework (J-8), and the substitute note (J-9).
/// </summary>
public sealed class Lesson : SchoolEntity
{
    private Lesson() { Topic = ""; }

    internal Lesson(Guid schoolId, Guid schoolYearId, Guid classId, Guid subjectId, Guid? groupId, Guid teacherId, DateOnly date, int slot)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        ClassId = classId;
        SubjectId = subjectId;
        GroupId = groupId;
        TeacherId = teacherId;
        Date = date;
        Slot = slot;
        Topic = "";
    }

    public Guid SchoolYearId { get; private set; }
    public Guid ClassId { get; private set; }
    public Guid SubjectId { get; private set; }
    public Guid? GroupId { get; private set; }

    /// <summary>The teacher who held the lesson (the substitute, for a substitution).</summary>
    public Guid TeacherId { get; private set; }

    public DateOnly Date { get; private set; }

    /// <summary>The lesson's place in the day by the bell times (1 = first lesson).</summary>
    public int Slot { get; private set; }

    /// <summary>Number from 1 to the last lesson of the year for this class × subject (× group) (J-6).</summary>
    public int Number { get; internal set; }

    public string Topic { get; private set; }

    /// <summary>Title of a section or theme that begins with this lesson (J-6).</summary>
    public string? ThemeTitle { get; private set; }

    public string? Homework { get; private set; }

    /// <summary>Set when a substitute held the lesson: "Заміна. Surname I. B." goes with the homework (J-9).</summary>
    public string? SubstituteNote { get; private set; }

    /// <summary>
    /// When the teacher's roll call of this lesson was written (UTC): the absences of the lesson are then on record, and no
    /// absence on it means everyone was there. Null: no roll call taken (absences may still have been written one by one).
    /// </summary>
    public DateTime? RollCallAtUtc { get; private set; }

    internal void Describe(string topic, string? themeTitle)
    {
        Topic = topic;
        ThemeTitle = VisibleText.IsBlank(themeTitle) ? null : VisibleText.Normalize(themeTitle);
    }

    /// <summary>The first roll call's time stays: a second "Готово" corrects the absences, not when the roll call was taken.</summary>
    internal void TakeRollCall(DateTime atUtc) => RollCallAtUtc ??= atUtc;

    internal void SetHomework(string? homework) => Homework = VisibleText.IsBlank(homework) ? null : VisibleText.Normalize(homework);

    internal void MarkSubstitution(Guid substituteId, string substituteShortName)
    {
        TeacherId = substituteId;
        SubstituteNote = $"Заміна. {substituteShortName}";
    }

    /// <summary>The homework field as it is printed: the homework, then the substitute note (J-9).</summary>
    public string HomeworkField => string.Join(" ", new[] { Homework, SubstituteNote }.Where(s => !string.IsNullOrEmpty(s)));
}
