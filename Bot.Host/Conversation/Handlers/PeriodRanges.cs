using Bot.Domain.Diary;
using Bot.Domain.Schools;
using Bot.Host.Conversation.Parsing;

namespace Bot.Host.Conversation.Handlers;

/// <summary>The days an attendance period covers, up to today.</summary>
public static class PeriodRanges
{
    public static (DateOnly From, DateOnly To) For(AttendancePeriod period, SchoolYear year, DateOnly today) => period switch
    {
        AttendancePeriod.Today => (today, today),
        AttendancePeriod.Week => (SchoolCalendar.MondayOf(today), today),
        _ => today >= year.Semester2Start
            ? (year.Semester2Start, Min(today, year.Semester2End))
            : (year.Semester1Start, Min(today, year.Semester1End)),
    };

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
