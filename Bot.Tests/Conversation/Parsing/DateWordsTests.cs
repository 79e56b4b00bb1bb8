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
}
