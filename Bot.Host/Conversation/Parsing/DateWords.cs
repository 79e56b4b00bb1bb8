using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain;
using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>Which way a weekday name points: back for records of lessons held, ahead for a diary or a timetable.</summary>
public enum DayReference
{
    /// <summary>"пт" is the last Friday, today if today is Friday: marks, absences, excuses (J-7: nothing in advance).</summary>
    Past,

    /// <summary>"пт" is the next Friday, today if today is Friday; "тиждень" at the weekend is the coming week.</summary>
    Upcoming,
}

/// <summary>
/// Reads the dates people type: "12.11", "12.11.2026", "12/11", "12.11.26", a range "12.11-14.11", "сьогодні",
/// "вчора", "завтра", "позавчора", "післязавтра", "тиждень", weekday names and their short forms ("пн",
/// "пʼятницю"). A day and a month without a year fall in the current school year, which runs from 1 July
/// to 30 June: in September "12.11" is this November and "30.05" next May; in January "12.11" is last November.
/// </summary>
public static partial class DateWords
{
    /// <summary>The month from which a day and a month without a year belong to the school year starting that year.</summary>
    public const int SchoolYearTurnMonth = 7;

    private static readonly Dictionary<string, int> RelativeDays = new(StringComparer.Ordinal)
    {
        ["сьогодні"] = 0,
        ["вчора"] = -1,
        ["учора"] = -1,
        ["позавчора"] = -2,
        ["завтра"] = 1,
        ["післязавтра"] = 2,
    };

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["пн"] = DayOfWeek.Monday, ["пон"] = DayOfWeek.Monday, ["понеділок"] = DayOfWeek.Monday,
        ["вт"] = DayOfWeek.Tuesday, ["вів"] = DayOfWeek.Tuesday, ["вівторок"] = DayOfWeek.Tuesday,
        ["ср"] = DayOfWeek.Wednesday, ["сер"] = DayOfWeek.Wednesday, ["середа"] = DayOfWeek.Wednesday, ["середу"] = DayOfWeek.Wednesday,
        ["чт"] = DayOfWeek.Thursday, ["чет"] = DayOfWeek.Thursday, ["четвер"] = DayOfWeek.Thursday,
        ["пт"] = DayOfWeek.Friday, ["пят"] = DayOfWeek.Friday, ["пятниця"] = DayOfWeek.Friday, ["пятницю"] = DayOfWeek.Friday,
        ["сб"] = DayOfWeek.Saturday, ["суб"] = DayOfWeek.Saturday, ["субота"] = DayOfWeek.Saturday, ["суботу"] = DayOfWeek.Saturday,
        ["нд"] = DayOfWeek.Sunday, ["нед"] = DayOfWeek.Sunday, ["неділя"] = DayOfWeek.Sunday, ["неділю"] = DayOfWeek.Sunday,
    };

    private const string Week = "тиждень";

    /// <summary>
    /// Reads <paramref name="text"/> when it is meant as a date or a period. Returns false for anything else
    /// ("10", "Іваненко"); returns true with a refusal for a date that does not exist ("31.02", "12.13").
    /// </summary>
    public static bool TryRead(string? text, DateOnly today, DayReference reference, out Result<DateRange> result)
    {
        result = default;
        var word = UkrainianText.SearchKey(text ?? "").TrimEnd('.');
        if (word.Length == 0)
            return false;

        if (RelativeDays.TryGetValue(word, out var offset))
        {
            result = DateRange.Day(today.AddDays(offset));
            return true;
        }
        if (Weekdays.TryGetValue(word, out var weekday))
        {
            result = DateRange.Day(WeekdayNear(today, weekday, reference));
            return true;
        }
        if (word == Week)
        {
            var weekend = today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            result = DateRange.WeekOf(reference == DayReference.Upcoming && weekend ? today.AddDays(7) : today);
            return true;
        }
        return TryReadNumeric(text!.Trim(), today, out result);
    }

    /// <summary>Like <see cref="TryRead"/>, for the places that take one day: a week or a range is refused.</summary>
    public static bool TryReadDay(string? text, DateOnly today, DayReference reference, out Result<DateOnly> result)
    {
        result = default;
        if (!TryRead(text, today, reference, out var range))
            return false;
        result = !range.IsSuccess ? range.Error
            : range.Value.IsSingleDay ? range.Value.From
            : ParseTexts.OneDayExpected(text!.Trim());
        return true;
    }

    /// <summary>The date of <paramref name="day"/>.<paramref name="month"/> in the school year of <paramref name="today"/>; null if there is no such day.</summary>
    public static DateOnly? InSchoolYear(int day, int month, DateOnly today)
    {
        if (month is < 1 or > 12)
            return null;
        var firstYear = today.Month >= SchoolYearTurnMonth ? today.Year : today.Year - 1;
        var year = month >= SchoolYearTurnMonth ? firstYear : firstYear + 1;
        return Exists(year, month, day) ? new DateOnly(year, month, day) : null;
    }

    private static DateOnly WeekdayNear(DateOnly today, DayOfWeek weekday, DayReference reference) =>
        reference == DayReference.Past
            ? today.AddDays(-(((int)today.DayOfWeek - (int)weekday + 7) % 7))
            : today.AddDays(((int)weekday - (int)today.DayOfWeek + 7) % 7);

    private static bool TryReadNumeric(string text, DateOnly today, out Result<DateRange> result)
    {
        result = default;
        var range = RangePattern().Match(text);
        if (range.Success)
        {
            var from = ReadDay(range.Groups["from"].Value, today);
            var to = ReadDay(range.Groups["to"].Value, today);
            result = !from.IsSuccess ? from.Error
                : !to.IsSuccess ? to.Error
                : to.Value < from.Value ? ParseTexts.RangeBackwards(text)
                : new DateRange(from.Value, to.Value);
            return true;
        }
        if (!DatePattern().IsMatch(text))
            return false;
        var single = ReadDay(text, today);
        result = single.IsSuccess ? DateRange.Day(single.Value) : single.Error;
        return true;
    }

    private static Result<DateOnly> ReadDay(string text, DateOnly today)
    {
        var m = DatePattern().Match(text);
        if (!m.Success)
            return ParseTexts.DateInvalid(text);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var yearText = m.Groups["y"].Value;
        if (yearText.Length == 0)
            return InSchoolYear(day, month, today) is { } date ? date : ParseTexts.DateInvalid(text);
        if (yearText.Length is not (2 or 4))
            return ParseTexts.DateInvalid(text);
        var year = int.Parse(yearText, CultureInfo.InvariantCulture) + (yearText.Length == 2 ? 2000 : 0);
        return Exists(year, month, day) ? new DateOnly(year, month, day) : ParseTexts.DateInvalid(text);
    }

    private static bool Exists(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    // "12.11", "1/9", "12.11.2026", "12.11.26", "12.11." — the year is checked in ReadDay so that "12.11.202" is refused, not ignored.
    [GeneratedRegex(@"^(?<d>\d{1,2})[./](?<m>\d{1,2})(?:[./](?<y>\d{1,4}))?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<from>\d{1,2}[./]\d{1,2}(?:[./]\d{1,4})?)\.?[-–—](?<to>\d{1,2}[./]\d{1,2}(?:[./]\d{1,4})?\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();
}
