namespace Bot.Domain.Attendance;

/// <summary>
/// A run of consecutive school days a student missed entirely without a valid reason (A-2 days marked "н").
/// <see cref="EndsTheRecord"/>: the run reaches the last day of the data looked at, so it may still be going on.
/// </summary>
public sealed record UnexcusedAbsence(DateOnly From, DateOnly To, int Days, bool EndsTheRecord)
{
    /// <summary>A-4: the class teacher reports a student absent this many school days without a valid reason.</summary>
    public const int ReportThreshold = 10;

    public bool MustBeReported => Days >= ReportThreshold;
}

/// <summary>A student whose absence the class teacher must report to the administration .</summary>
public sealed record AbsenceToReport(Guid StudentId, UnexcusedAbsence Run);

/// <summary>
/// A-4. Seed 003, I.11: "Якщо учень відсутній в закладі протягом 10 днів без поважної причини, класний керівник
/// зобов'язаний повідомити про це адміністрацію закладу. Пропущеним вважається день, коли учень не був на всіх уроках
/// згідно розкладу навчальних занять." Read as ten consecutive school days, each a missed day of A-2 without a
/// valid reason: "протягом 10 днів" is one stretch of absence ("for ten days"), not a sum over a term, and the next
/// sentence defines the day being counted. Totals of "н" days over a period are in <see cref="AttendanceTotals"/>.
/// See docs/decisions/0005-attendance-a4-consecutive-days.md.
/// </summary>
public static class AbsenceReports
{
    /// <summary>
    /// The students of <paramref name="students"/> with a run of at least <paramref name="threshold"/> "н" days
    /// that has at least one day in [<paramref name="from"/>, <paramref name="to"/>], longest run first; each student
    /// once, with their longest such run. The attendance may start before <paramref name="from"/> so that a run which
    /// began earlier is counted whole.
    /// </summary>
    public static IReadOnlyList<AbsenceToReport> StudentsToReport(IEnumerable<(Guid StudentId, StudentAttendance Attendance)> students,
        DateOnly from, DateOnly to, int threshold = UnexcusedAbsence.ReportThreshold)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var reports = new List<AbsenceToReport>();
        foreach (var (studentId, attendance) in students)
        {
            var run = attendance.UnexcusedRuns()
                .Where(r => r.Days >= threshold && r.To >= from && r.From <= to)
                .OrderByDescending(r => r.Days).ThenBy(r => r.From)
                .FirstOrDefault();
            if (run is not null) reports.Add(new AbsenceToReport(studentId, run));
        }

        return reports.OrderByDescending(r => r.Run.Days).ToList();
    }
}
