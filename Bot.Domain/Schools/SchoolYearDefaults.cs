namespace Bot.Domain.Schools;

/// <summary>
/// A school year with the usual Ukrainian dates, for a new school and the demo: semesters 1 September – 26 December and the
/// second Monday of January – 30 May; autumn holidays in the last week of October, winter between the semesters, spring
/// in the last week of March. The administration corrects them on the year's page.
/// </summary>
public static class SchoolYearDefaults
{
    /// <summary>The year a date belongs to: from September on, the year that starts; before it, the one that began last September.</summary>
    public static int StartFor(DateOnly today) => today.Month >= 9 ? today.Year : today.Year - 1;

    public static SchoolYear Create(Guid schoolId, int start)
    {
        var semester1End = new DateOnly(start, 12, 26);
        var semester2Start = FirstOnOrAfter(new DateOnly(start + 1, 1, 10), DayOfWeek.Monday);
        var year = new SchoolYear(schoolId, new DateOnly(start, 9, 1), semester1End, semester2Start, new DateOnly(start + 1, 5, 30));
        var autumn = LastInMonth(start, 10, DayOfWeek.Monday);
        year.AddHoliday("Осінні канікули", autumn, autumn.AddDays(6));
        year.AddHoliday("Зимові канікули", semester1End.AddDays(1), semester2Start.AddDays(-1));
        var spring = LastInMonth(start + 1, 3, DayOfWeek.Monday);
        year.AddHoliday("Весняні канікули", spring, spring.AddDays(6));
        return year;
    }

    private static DateOnly FirstOnOrAfter(DateOnly date, DayOfWeek day)
    {
        while (date.DayOfWeek != day) date = date.AddDays(1);
        return date;
    }

    private static DateOnly LastInMonth(int year, int month, DayOfWeek day)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (date.DayOfWeek != day) date = date.AddDays(-1);
        return date;
    }
}
