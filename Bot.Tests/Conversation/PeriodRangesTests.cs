using Bot.Domain.Schools;
using Bot.Host.Conversation.Handlers;
using Bot.Host.Conversation.Parsing;

namespace Bot.Tests.Conversation;

/// <summary>The days "/attendance тиждень" covers: the school week so far, and on a Monday the week before as well.</summary>
public sealed class PeriodRangesTests
{
    private static readonly SchoolYear Year = new(Guid.NewGuid(), new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));

    [Theory]
    [InlineData("2026-11-25", "2026-11-23")] // Wednesday: this week so far
    [InlineData("2026-11-20", "2026-11-16")] // Friday
    [InlineData("2026-11-22", "2026-11-16")] // Sunday: the week just ended
    [InlineData("2026-11-23", "2026-11-16")] // Monday: last week and today, not a day with nothing in it yet
    [InlineData("2026-09-07", "2026-09-01")] // the first Monday after the year began: not before its first day
    public void Week_IsTheSchoolWeekSoFar_ReachingBackOnAMonday(string today, string from)
    {
        var day = DateOnly.Parse(today);
        Assert.Equal((DateOnly.Parse(from), day), PeriodRanges.For(AttendancePeriod.Week, Year, day));
    }
}
