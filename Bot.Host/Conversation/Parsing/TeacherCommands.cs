using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// <c>/absent 7-А Іваненко Петренко [3 урок] [dd.MM]</c>: who is absent. Which lesson that is (the current one by
/// the timetable, or the numbered one) is the caller's to find.
/// </summary>
public sealed record AbsentCommand(ClassEntry Class, IReadOnlyList<StudentEntry> Students, DateOnly? Date, int? LessonNumber);

/// <summary><c>/lesson 7-А алгебра Тема</c>: the topic of the teacher's lesson on the page (J-6).</summary>
public sealed record LessonCommand(ClassEntry Class, SubjectEntry Subject, Guid? GroupId, string? GroupName, string Topic);

/// <summary><c>/homework 7-А алгебра §3, впр. 11, 12</c>: the homework of the teacher's lesson on the page (J-8).</summary>
public sealed record HomeworkCommand(ClassEntry Class, SubjectEntry Subject, Guid? GroupId, string? GroupName, string Text);

public enum AttendancePeriod
{
    Today,
    Week,
    Semester,

    /// <summary>The previous school day ("вчора": Friday on a Monday).</summary>
    Yesterday,

    /// <summary>The school week before this one ("минулий тиждень").</summary>
    LastWeek,
}

/// <summary>
/// A class teacher's <c>/attendance [7-А] [сьогодні|тиждень|семестр]</c>. No class: the class teacher's own;
/// no period: the caller's default.
/// </summary>
public sealed record AttendanceCommand(ClassEntry? Class, AttendancePeriod? Period);

/// <summary><c>/excuse Іваненко 12.11</c> (or 12.11-14.11): turn the student's "н" into "хв" on those days .</summary>
public sealed record ExcuseCommand(StudentEntry Student, DateRange Days);

/// <summary>The words for an attendance period; "тиждень", "вчора", "минулий тиждень" as in <see cref="DateWords"/>.</summary>
public static class AttendancePeriods
{
    public static bool TryRead(string? text, out AttendancePeriod period)
    {
        AttendancePeriod? found = DateWords.Key(text) switch
        {
            "сьогодні" or "за сьогодні" => AttendancePeriod.Today,
            "тиждень" or "цей тиждень" or "цього тижня" or "за тиждень" => AttendancePeriod.Week,
            "вчора" or "учора" or "за вчора" => AttendancePeriod.Yesterday,
            "минулий тиждень" or "минулого тижня" or "за минулий тиждень" or "попередній тиждень" => AttendancePeriod.LastWeek,
            "семестр" or "сем" => AttendancePeriod.Semester,
            _ => null,
        };
        period = found.GetValueOrDefault();
        return found is not null;
    }
}
