using Bot.Domain.Schools;

namespace Bot.Tests.Archive;

/// <summary>Which year is "the current one" around a closing (J-14): a year closed early stops being current once the next is opened.</summary>
public sealed class CurrentYearTests
{
    private static readonly Guid School = Guid.NewGuid();

    private static SchoolYear Year(int start) => new(School, new(start, 9, 1), new(start, 12, 26), new(start + 1, 1, 12), new(start + 1, 5, 30));

    [Fact]
    public void Current_IsTheYearOfToday_ThenInSummerTheNextOnceOpened_AndAnEarlyClosedYearGivesWayToTheNext()
    {
        var old = Year(2026);
        var november = new DateOnly(2026, 11, 20);
        var summer = new DateOnly(2027, 6, 20);
        Assert.Same(old, SchoolYears.Current([old], november));
        Assert.Same(old, SchoolYears.Current([old], summer));

        var next = Year(2027);
        Assert.Same(old, SchoolYears.Current([old, next], november)); // open: today's year still is the current one
        Assert.Same(next, SchoolYears.Current([old, next], summer));

        old.Close(DateTime.UtcNow);
        Assert.Same(next, SchoolYears.Current([old, next], november)); // closed early and the next opened
        Assert.Same(old, SchoolYears.Current([old], november)); // closed, nothing after it: still the year of today
    }
}
