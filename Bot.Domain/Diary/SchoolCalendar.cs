using Bot.Domain.Schools;

namespace Bot.Domain.Diary;

/// <summary>School days of a year as the diary sees them: weeks, and the next day with lessons after a date.</summary>
public static class SchoolCalendar
{
    /// <summary>The Monday of the week that holds <paramref name="date"/>.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>
    /// A day with lessons: inside a semester, not a holiday, not Sunday; a Saturday only where the timetable has lessons
    /// on Saturdays (<paramref name="saturdayLessons"/>).
    /// </summary>
    public static bool IsSchoolDay(SchoolYear year, DateOnly date, bool saturdayLessons = false)
    {
        ArgumentNullException.ThrowIfNull(year);
        return date.DayOfWeek == DayOfWeek.Saturday
            ? saturdayLessons && year.SemesterOf(date) is not null && !year.IsHoliday(date)
            : year.IsSchoolDay(date);
    }

    /// <summary>The first school day after <paramref name="date"/> in the year (weekends and holidays skipped), or null after its last one.</summary>
    public static DateOnly? NextSchoolDay(SchoolYear year, DateOnly date, bool saturdayLessons = false)
    {
        ArgumentNullException.ThrowIfNull(year);
        for (var d = date.AddDays(1); d <= year.EndsOn; d = d.AddDays(1))
            if (IsSchoolDay(year, d, saturdayLessons)) return d;
        return null;
    }

    /// <summary>The last school day on or before <paramref name="date"/> in the year, or null before its first one.</summary>
    public static DateOnly? LastSchoolDayOnOrBefore(SchoolYear year, DateOnly date, bool saturdayLessons = false)
    {
        ArgumentNullException.ThrowIfNull(year);
        for (var d = date; d >= year.StartsOn; d = d.AddDays(-1))
            if (IsSchoolDay(year, d, saturdayLessons)) return d;
        return null;
    }
}

/// <summary>
/// A school's calendar as the date reader needs it (ADR 0036): which days have lessons, across its school years
/// (holidays, weekends, the summer). Built once per update from the school's years.
/// </summary>
public sealed class SchoolDays(IReadOnlyList<SchoolYear> years, bool saturdayLessons = false)
{
    /// <summary>How far back "the previous school day" is looked for: past the longest holiday, not into the summer.</summary>
    private const int LookBack = 21;

    public bool IsSchoolDay(DateOnly date) =>
        years.FirstOrDefault(y => y.Contains(date)) is { } year && SchoolCalendar.IsSchoolDay(year, date, saturdayLessons);

    /// <summary>The last school day before <paramref name="date"/> (Friday for a Monday), or null when none is near.</summary>
    public DateOnly? LastSchoolDayBefore(DateOnly date)
    {
        for (var d = date.AddDays(-1); d >= date.AddDays(-LookBack); d = d.AddDays(-1))
            if (IsSchoolDay(d)) return d;
        return null;
    }

    /// <summary>The school days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IEnumerable<DateOnly> Between(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
            if (IsSchoolDay(d)) yield return d;
    }
}
