using Bot.Domain.Grading;

namespace Bot.Domain.Attendance;

/// <summary>
/// Missed lessons and missed days, each split into "н" (absent) and "хв" (ill). A missed day counts as
/// "хв" only when every lesson missed that day is "хв"; one "н" among them makes it an "н" day.
/// </summary>
public readonly record struct AttendanceTotals(int LessonsAbsent, int LessonsIll, int DaysAbsent, int DaysIll)
{
    public static AttendanceTotals Zero => default;

    public int Lessons => LessonsAbsent + LessonsIll;
    public int Days => DaysAbsent + DaysIll;

    public static AttendanceTotals operator +(AttendanceTotals a, AttendanceTotals b) =>
        new(a.LessonsAbsent + b.LessonsAbsent, a.LessonsIll + b.LessonsIll, a.DaysAbsent + b.DaysAbsent, a.DaysIll + b.DaysIll);

    public static AttendanceTotals Sum(IEnumerable<AttendanceTotals> totals) => totals.Aggregate(Zero, (a, b) => a + b);
}

/// <summary>
/// One day of a student's attendance: how many counted lessons they were expected at and how many of them they
/// missed, by kind.
/// </summary>
public sealed record AttendanceDay(DateOnly Date, int Expected, int Absent, int Ill)
{
    public int Missed => Absent + Ill;

    /// <summary>A-2: the student missed every lesson of the day they were expected at.</summary>
    public bool IsMissedDay => Expected > 0 && Missed >= Expected;

    /// <summary>"н" or "хв" for a missed day (a day is excused only when all its absences are "хв"); null otherwise.</summary>
    public AbsenceKind? MissedDayKind => !IsMissedDay ? null : Absent > 0 ? AbsenceKind.Absent : AbsenceKind.Ill;

    /// <summary>A-4: a whole day missed without a valid reason.</summary>
    public bool IsUnexcusedMissedDay => MissedDayKind == AbsenceKind.Absent;

    public AttendanceTotals Totals => new(Absent, Ill, MissedDayKind == AbsenceKind.Absent ? 1 : 0, MissedDayKind == AbsenceKind.Ill ? 1 : 0);
}

/// <summary>The totals of one calendar month.</summary>
public sealed record MonthAttendance(int Year, int Month, AttendanceTotals Totals);
