using Bot.Domain.Schools;

namespace Bot.Domain.Demo;

/// <summary>
/// The demo school's year: semesters 1 September – 26 December and the second Monday of January – 30 May, autumn
/// holidays in the last week of October, winter between the semesters, spring in the last week of March; and its bells.
/// </summary>
internal static class DemoCalendar
{
    /// <summary>Lesson N: start and end, local time (45-minute lessons, 10- and 20-minute breaks).</summary>
    public static readonly IReadOnlyList<(TimeOnly Starts, TimeOnly Ends)> Bells =
    [
        (new(8, 30), new(9, 15)), (new(9, 25), new(10, 10)), (new(10, 30), new(11, 15)), (new(11, 35), new(12, 20)),
        (new(12, 30), new(13, 15)), (new(13, 25), new(14, 10)), (new(14, 20), new(15, 5)), (new(15, 15), new(16, 0)),
    ];

    /// <summary>The year a date belongs to for seeding (June–August: the year just ended).</summary>
    public static int YearStartFor(DateOnly today) => SchoolYearDefaults.StartFor(today);

    public static SchoolYear CreateYear(Guid schoolId, int start) => SchoolYearDefaults.Create(schoolId, start);

    public static IEnumerable<BellSlot> CreateBells(Guid schoolId) =>
        Bells.Select((b, i) => new BellSlot(schoolId, i + 1, b.Starts, b.Ends));

    /// <summary>School days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static List<DateOnly> SchoolDays(SchoolYear year, DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
            if (year.IsSchoolDay(d)) days.Add(d);
        return days;
    }
}

/// <summary>The days of a year that close something: the last school day of each month and of each semester.</summary>
internal sealed class SchoolCalendar
{
    private readonly HashSet<DateOnly> _monthEnds = [];
    private readonly DateOnly _semester1End;
    private readonly DateOnly _semester2End;

    public SchoolCalendar(SchoolYear year)
    {
        var days = DemoCalendar.SchoolDays(year, year.Semester1Start, year.Semester2End);
        for (var i = 0; i < days.Count; i++)
            if (i == days.Count - 1 || days[i + 1].Month != days[i].Month) _monthEnds.Add(days[i]);
        _semester1End = days.Last(d => d <= year.Semester1End);
        _semester2End = days[^1];
    }

    /// <summary>Semester I's last school day.</summary>
    public DateOnly Semester1LastDay => _semester1End;

    public bool IsMonthEnd(DateOnly day) => _monthEnds.Contains(day);

    public int? SemesterEndingOn(DateOnly day) => day == _semester1End ? 1 : day == _semester2End ? 2 : null;
}
