using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Domain.Attendance;

/// <summary>A lesson held that a student was expected at, with the kind of its subject (A-3 decides whether it counts).</summary>
public readonly record struct ExpectedLesson(Guid LessonId, DateOnly Date, SubjectKind SubjectKind)
{
    /// <summary>A-3: only lessons of the curriculum (invariant and variable parts) count; optional courses do not.</summary>
    public bool Counts => SubjectKind != SubjectKind.Optional;
}

/// <summary>A student's absence from a lesson: "н" or "хв" .</summary>
public readonly record struct MissedLesson(Guid LessonId, AbsenceKind Kind);

/// <summary>
/// A student's attendance over the lessons they were expected at: missed lessons and missed days, by day,
/// month and semester, and the runs of days missed without a valid reason. Pure: the caller says which lessons
/// the student was expected at (enrolled that day, the class's lessons and their own group's, J-4, J-5).
/// </summary>
public sealed class StudentAttendance
{
    private StudentAttendance(IReadOnlyList<AttendanceDay> days, bool individualStudy)
    {
        Days = days;
        IndividualStudy = individualStudy;
        Totals = AttendanceTotals.Sum(days.Select(d => d.Totals));
    }

    /// <summary>Days on which the student was expected at one or more counted lessons, in date order.</summary>
    public IReadOnlyList<AttendanceDay> Days { get; }

    /// <summary>A-3: a student on individual study has no absences recorded; everything is zero.</summary>
    public bool IndividualStudy { get; }

    public AttendanceTotals Totals { get; }

    public static StudentAttendance Empty { get; } = new([], false);

    /// <summary>
    /// Counts the student's attendance. Lessons of optional courses and absences from lessons the student was not
    /// expected at are left out; a student on individual study gets nothing.
    /// </summary>
    public static StudentAttendance Compute(IEnumerable<ExpectedLesson> expected, IEnumerable<MissedLesson> absences, StudyMode studyMode = StudyMode.Regular)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(absences);
        if (studyMode == StudyMode.Individual) return new([], true);

        var counted = new Dictionary<Guid, DateOnly>();
        foreach (var lesson in expected)
            if (lesson.Counts) counted[lesson.LessonId] = lesson.Date;

        var byDay = new SortedDictionary<DateOnly, (int Expected, int Absent, int Ill)>();
        foreach (var date in counted.Values)
        {
            byDay.TryGetValue(date, out var d);
            byDay[date] = d with { Expected = d.Expected + 1 };
        }

        foreach (var absence in absences.DistinctBy(a => a.LessonId))
        {
            if (!counted.TryGetValue(absence.LessonId, out var date)) continue;
            var d = byDay[date];
            byDay[date] = absence.Kind == AbsenceKind.Ill ? d with { Ill = d.Ill + 1 } : d with { Absent = d.Absent + 1 };
        }

        return new(byDay.Select(kv => new AttendanceDay(kv.Key, kv.Value.Expected, kv.Value.Absent, kv.Value.Ill)).ToList(), false);
    }

    /// <summary>The totals of the days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public AttendanceTotals Between(DateOnly from, DateOnly to) =>
        AttendanceTotals.Sum(Days.Where(d => d.Date >= from && d.Date <= to).Select(d => d.Totals));

    /// <summary>A-2: the semester's totals (1 or 2) of the given school year.</summary>
    public AttendanceTotals Semester(SchoolYear year, int semester)
    {
        ArgumentNullException.ThrowIfNull(year);
        return semester switch
        {
            1 => Between(year.Semester1Start, year.Semester1End),
            2 => Between(year.Semester2Start, year.Semester2End),
            _ => throw new ArgumentOutOfRangeException(nameof(semester), semester, "A semester is 1 or 2."),
        };
    }

    /// <summary>Totals per calendar month, in order; months without counted lessons are left out.</summary>
    public IReadOnlyList<MonthAttendance> ByMonth() =>
        Days.GroupBy(d => (d.Date.Year, d.Date.Month))
            .Select(g => new MonthAttendance(g.Key.Year, g.Key.Month, AttendanceTotals.Sum(g.Select(d => d.Totals))))
            .ToList();

    /// <summary>
    /// the runs of consecutive school days missed entirely without a valid reason ("н" days). Only days with
    /// lessons count: weekends, holidays and days without lessons neither extend nor break a run; a day the student
    /// came to any lesson, or an "хв" day, ends it.
    /// </summary>
    public IReadOnlyList<UnexcusedAbsence> UnexcusedRuns()
    {
        var runs = new List<UnexcusedAbsence>();
        DateOnly? start = null;
        var last = default(DateOnly);
        var length = 0;
        foreach (var day in Days)
        {
            if (day.IsUnexcusedMissedDay)
            {
                start ??= day.Date;
                last = day.Date;
                length++;
                continue;
            }

            if (start is { } s) runs.Add(new UnexcusedAbsence(s, last, length, EndsTheRecord: false));
            start = null;
            length = 0;
        }

        if (start is { } open) runs.Add(new UnexcusedAbsence(open, last, length, EndsTheRecord: true));
        return runs;
    }

    /// <summary>A-4: the longest run of "н" days, or null when there is none.</summary>
    public UnexcusedAbsence? LongestUnexcusedRun() => UnexcusedRuns().OrderByDescending(r => r.Days).ThenBy(r => r.From).FirstOrDefault();
}
