using Bot.Host.Conversation.Parsing;

namespace Bot.Tests.Conversation.Parsing;

public class DateWordsTests
{
    private static readonly DateOnly Friday = new(2026, 11, 20);

    private static DateRange Read(string text, DateOnly today, DayReference reference = DayReference.Past)
    {
        Assert.True(DateWords.TryRead(text, today, reference, out var result), $"«{text}» is not read as a date");
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static DateOnly Day(string text, DateOnly today, DayReference reference = DayReference.Past)
    {
        var range = Read(text, today, reference);
        Assert.True(range.IsSingleDay);
        return range.From;
    }

    [Theory]
    [InlineData("12.11", 2026, 11, 12)]
    [InlineData("12/11", 2026, 11, 12)]
    [InlineData("1.9", 2026, 9, 1)]
    [InlineData("12.11.", 2026, 11, 12)]
    [InlineData("12.11.2026", 2026, 11, 12)]
    [InlineData("12.11.25", 2025, 11, 12)]
    [InlineData("30.05", 2027, 5, 30)]
    [InlineData("15.01", 2027, 1, 15)]
    public void DayAndMonth_InNovember_FallInThisSchoolYear(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), Day(text, Friday));
    }

    [Fact]
    public void DayAndMonth_InSeptember_NovemberIsThisYear_MayIsNextYear()
    {
        var september = new DateOnly(2026, 9, 3);

        Assert.Equal(new DateOnly(2026, 11, 12), Day("12.11", september));
        Assert.Equal(new DateOnly(2027, 5, 30), Day("30.05", september));
    }

    [Fact]
    public void DayAndMonth_InJanuary_NovemberIsLastYear()
    {
        Assert.Equal(new DateOnly(2026, 11, 12), Day("12.11", new DateOnly(2027, 1, 14)));
    }

    [Fact]
    public void DayAndMonth_InJune_MayIsThisYear_InJuly_SeptemberIsTheComingOne()
    {
        Assert.Equal(new DateOnly(2027, 5, 30), Day("30.05", new DateOnly(2027, 6, 10)));
        Assert.Equal(new DateOnly(2027, 9, 1), Day("01.09", new DateOnly(2027, 7, 10)));
    }

    [Fact]
    public void LeapDay_ExistsIn2028_NotIn2027()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), Day("29.02", new DateOnly(2027, 10, 1)));
        Assert.True(DateWords.TryRead("29.02", Friday, DayReference.Past, out var none));
        Assert.Equal(ParseErrorCodes.DateInvalid, none.Error!.Code);
    }

    [Theory]
    [InlineData("31.02")]
    [InlineData("32.01")]
    [InlineData("12.13")]
    [InlineData("0.11")]
    [InlineData("31.04.2027")]
    [InlineData("12.11.202")]
    public void ImpossibleDate_IsRefusedWithTheRightForm(string text)
    {
        Assert.True(DateWords.TryRead(text, Friday, DayReference.Past, out var result));

        Assert.False(result.IsSuccess);
        Assert.Equal(ParseErrorCodes.DateInvalid, result.Error!.Code);
        Assert.Equal($"Дати «{text}» не буває. Пишіть так: 12.11 або 12.11.2026.", result.Error.Message);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("Іваненко")]
    [InlineData("н/а")]
    [InlineData("тем")]
    [InlineData("")]
    public void NotADate_IsNotRead(string text)
    {
        Assert.False(DateWords.TryRead(text, Friday, DayReference.Past, out _));
    }

    [Theory]
    [InlineData("сьогодні", 0)]
    [InlineData("Сьогодні", 0)]
    [InlineData("вчора", -1)]
    [InlineData("учора", -1)]
    [InlineData("позавчора", -2)]
    [InlineData("завтра", 1)]
    [InlineData("післязавтра", 2)]
    public void RelativeWords_CountFromToday(string text, int offset)
    {
        Assert.Equal(Friday.AddDays(offset), Day(text, Friday));
    }

    [Theory]
    [InlineData("пн", 16)]
    [InlineData("понеділок", 16)]
    [InlineData("вт", 17)]
    [InlineData("ср", 18)]
    [InlineData("середу", 18)]
    [InlineData("чт", 19)]
    [InlineData("пт", 20)]
    [InlineData("пʼятниця", 20)]
    [InlineData("п'ятницю", 20)]
    [InlineData("сб", 14)]
    [InlineData("нд", 15)]
    [InlineData("Пн.", 16)]
    public void Weekday_LookingBack_IsTheLastSuchDay(string text, int day)
    {
        Assert.Equal(new DateOnly(2026, 11, day), Day(text, Friday, DayReference.Past));
    }

    [Theory]
    [InlineData("пн", 23)]
    [InlineData("ср", 25)]
    [InlineData("пт", 20)]
    [InlineData("сб", 21)]
    public void Weekday_LookingAhead_IsTheNextSuchDay(string text, int day)
    {
        Assert.Equal(new DateOnly(2026, 11, day), Day(text, Friday, DayReference.Upcoming));
    }

    [Fact]
    public void Week_IsMondayToSundayOfThisWeek()
    {
        var week = Read("тиждень", Friday);

        Assert.Equal(new DateOnly(2026, 11, 16), week.From);
        Assert.Equal(new DateOnly(2026, 11, 22), week.To);
    }

    [Fact]
    public void Week_OnSundayLookingAhead_IsTheComingWeek_LookingBack_TheWeekJustGone()
    {
        var sunday = new DateOnly(2026, 11, 22);

        Assert.Equal(new DateOnly(2026, 11, 23), Read("тиждень", sunday, DayReference.Upcoming).From);
        Assert.Equal(new DateOnly(2026, 11, 16), Read("тиждень", sunday, DayReference.Past).From);
    }

    [Fact]
    public void Range_OfTwoDates_IsRead()
    {
        var range = Read("12.11-14.11", Friday);

        Assert.Equal(new DateOnly(2026, 11, 12), range.From);
        Assert.Equal(new DateOnly(2026, 11, 14), range.To);
    }

    [Fact]
    public void Range_Backwards_IsRefused()
    {
        Assert.True(DateWords.TryRead("14.11-12.11", Friday, DayReference.Past, out var result));

        Assert.Equal(ParseErrorCodes.DateRangeBackwards, result.Error!.Code);
    }

    [Fact]
    public void TryReadDay_Week_IsRefusedAsSeveralDays()
    {
        Assert.True(DateWords.TryReadDay("тиждень", Friday, DayReference.Past, out var result));

        Assert.Equal(ParseErrorCodes.DateOneDay, result.Error!.Code);
        Assert.Contains("«тиждень»", result.Error.Message);
    }

    // ---- ADR 0036: one reader for every command ----

    private static readonly DateOnly Monday = new(2026, 12, 7);
    private static readonly DateOnly Wednesday = new(2026, 12, 9);
    private static readonly DateOnly Saturday = new(2026, 12, 12);

    /// <summary>The test school's calendar: 2026–2027, autumn holidays 26.10–01.11.</summary>
    private static Bot.Domain.Diary.SchoolDays Calendar()
    {
        var year = new Bot.Domain.Schools.SchoolYear(Guid.NewGuid(), new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        year.AddHoliday("Осінні канікули", new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 1));
        return new Bot.Domain.Diary.SchoolDays([year]);
    }

    [Theory]
    [InlineData("середа")]
    [InlineData("Середу")]
    [InlineData("в середу")]
    [InlineData("на середу")]
    [InlineData("у середу")]
    [InlineData("НА СЕРЕДУ")]
    [InlineData("ср")]
    public void Weekday_InEveryFormAParentTypes_IsTheComingWednesday(string text) =>
        Assert.Equal(Wednesday, Day(text, Monday, DayReference.Upcoming));

    [Theory]
    [InlineData("на пʼятницю", 11)]
    [InlineData("у п'ятницю", 11)]
    [InlineData("в неділю", 13)]
    [InlineData("на суботу", 12)]
    [InlineData("у вівторок", 8)]
    public void Weekday_WithAPreposition_LookingAhead(string text, int day) =>
        Assert.Equal(new DateOnly(2026, 12, day), Day(text, Monday, DayReference.Upcoming));

    [Theory]
    [InlineData("2026-12-07", "2026-12-04")] // Monday: Friday
    [InlineData("2026-12-12", "2026-12-11")] // Saturday: Friday
    [InlineData("2026-12-13", "2026-12-11")] // Sunday: Friday
    [InlineData("2026-12-09", "2026-12-08")] // Wednesday: Tuesday
    [InlineData("2026-11-02", "2026-10-23")] // after the autumn holidays: the last day before them
    public void Yesterday_WithTheSchoolsCalendar_IsThePreviousSchoolDay(string today, string expected)
    {
        Assert.True(DateWords.TryRead("вчора", DateOnly.Parse(today), DayReference.Past, out var result, Calendar()));
        Assert.Equal(Bot.Host.Conversation.Parsing.DateRange.Day(DateOnly.Parse(expected)), result.Value);
    }

    [Fact]
    public void Yesterday_WithoutACalendar_IsTheDayBefore() => Assert.Equal(new DateOnly(2026, 12, 6), Day("вчора", Monday));

    [Theory]
    [InlineData("минулий тиждень")]
    [InlineData("Минулого тижня")]
    [InlineData("за минулий тиждень")]
    public void LastWeek_IsMondayToSundayOfTheWeekBefore(string text)
    {
        var week = Read(text, Monday, DayReference.Upcoming);
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)), (week.From, week.To));
        Assert.Equal(Read(text, Wednesday), week);
    }

    [Fact]
    public void Week_OnAWednesday_IsThisWeek_AtTheWeekendAhead_TheComingOne()
    {
        Assert.Equal((Monday, Monday.AddDays(6)), (Read("тиждень", Wednesday, DayReference.Upcoming).From, Read("тиждень", Wednesday, DayReference.Upcoming).To));
        Assert.Equal(new DateOnly(2026, 12, 14), Read("тиждень", Saturday, DayReference.Upcoming).From);
        Assert.Equal(Monday, Read("цього тижня", Saturday).From);
    }

    [Theory]
    [InlineData("з 10.12 по 12.12")]
    [InlineData("З 10.12 ПО 12.12")]
    [InlineData("від 10.12 до 12.12")]
    [InlineData("10.12-12.12")]
    [InlineData("10.12 - 12.12")]
    [InlineData("10.12 – 12.12")]
    [InlineData("з четверга по суботу")]
    public void Range_InWordsOrWithADash_IsRead(string text)
    {
        var range = Read(text, Wednesday, DayReference.Upcoming);
        Assert.Equal((new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 12)), (range.From, range.To));
    }

    [Theory]
    [InlineData("завтра, температура", 10, 10, "температура")]
    [InlineData("завтра температура", 10, 10, "температура")]
    [InlineData("на пʼятницю, до лікаря", 11, 11, "до лікаря")]
    [InlineData("з 10.12 по 12.12, санаторій", 10, 12, "санаторій")]
    [InlineData("10.12-11.12 хворіє", 10, 11, "хворіє")]
    [InlineData("завтра", 10, 10, "")]
    public void Leading_DateThenTheReason(string text, int from, int to, string rest)
    {
        Assert.True(DateWords.TryReadLeading(text, Wednesday, DayReference.Upcoming, out var result, out var reason));
        Assert.Equal((new DateOnly(2026, 12, from), new DateOnly(2026, 12, to), rest), (result.Value.From, result.Value.To, reason));
    }

    [Theory]
    [InlineData("температура")]
    [InlineData("хворіє, температура")]
    [InlineData("сімейні обставини")]
    public void Leading_NoDate_IsNotRead(string text) =>
        Assert.False(DateWords.TryReadLeading(text, Wednesday, DayReference.Upcoming, out _, out _));

    [Fact]
    public void Leading_ImpossibleDate_IsRefused()
    {
        Assert.True(DateWords.TryReadLeading("31.02, хворіє", Wednesday, DayReference.Upcoming, out var result, out _));
        Assert.Equal(ParseErrorCodes.DateInvalid, result.Error!.Code);
    }
}
