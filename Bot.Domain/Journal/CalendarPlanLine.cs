namespace Bot.Domain.Journal;

/// <summary>
/// A line of a page's calendar-thematic plan (КТП, J-6; docs/decisions/0050-calendar-plan.md): the lesson's number in the
/// plan, its topic, and the title of the section that begins with it. A plan is imported whole for one class × subject
/// (× group) of a year; it proposes the next lesson's topic and is never a lesson itself (J-7).
/// </summary>
public sealed class CalendarPlanLine : SchoolEntity
{
    public const int MaxTopicLength = 1000;
    public const int MaxSectionLength = 500;

    private CalendarPlanLine() { Topic = ""; }

    internal CalendarPlanLine(Guid schoolId, Guid schoolYearId, Guid classId, Guid subjectId, Guid? groupId, int number, string topic, string? section)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        ClassId = classId;
        SubjectId = subjectId;
        GroupId = groupId;
        Number = number;
        Topic = topic;
        Section = section;
    }

    public Guid SchoolYearId { get; private set; }
    public Guid ClassId { get; private set; }
    public Guid SubjectId { get; private set; }
    public Guid? GroupId { get; private set; }

    /// <summary>1..N in the plan's order.</summary>
    public int Number { get; private set; }

    public string Topic { get; private set; }

    /// <summary>The title of the section or theme that begins with this lesson (J-6), or null.</summary>
    public string? Section { get; private set; }
}
