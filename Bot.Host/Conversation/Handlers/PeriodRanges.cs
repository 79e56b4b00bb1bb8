using Bot.Domain.Diary;
using Bot.Domain.Schools;
using Bot.Host.Conversation.Parsing;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// The days an attendance period covers, up to today. "Тиждень" is the school week so far; on a Monday, when the week
/// has hardly begun, it reaches back to the Monday before, so the answer is not a day with nothing in it yet.
/// </summary>
public static class PeriodRanges
{
    public static (DateOnly From, DateOnly To) For(AttendancePeriod period, SchoolYear year, DateOnly today) => period switch
    {
        AttendancePeriod.Today => (today, today),
        AttendancePeriod.Yesterday => SchoolCalendar.LastSchoolDayOnOrBefore(year, today.AddDays(-1)) is { } d ? (d, d) : (today.AddDays(-1), today.AddDays(-1)),
        AttendancePeriod.LastWeek => (Max(SchoolCalendar.MondayOf(today).AddDays(-7), year.Semester1Start), SchoolCalendar.MondayOf(today).AddDays(-1)),
        AttendancePeriod.Week => (Max(SchoolCalendar.MondayOf(today).AddDays(today.DayOfWeek == DayOfWeek.Monday ? -7 : 0), year.Semester1Start), today),
        _ => today >= year.Semester2Start
            ? (year.Semester2Start, Min(today, year.Semester2End))
            : (year.Semester1Start, Min(today, year.Semester1End)),
    };

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
