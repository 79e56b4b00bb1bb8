using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain;
using Bot.Domain.Diary;
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
/// The one reader of the dates people type (ADR 0036), used by every command that takes a day or a period (/diary,
/// /homework, /timetable, /attendance, a parent's and a teacher's /absent, /excuse, /mark):
/// "12.11", "12.11.2026", "12/11", "12.11.26", a range "12.11-14.11", "12.11 - 14.11", "з 10.12 по 12.12"
/// ("від … до …"), "сьогодні", "вчора", "завтра", "позавчора", "післязавтра", "тиждень" ("цей тиждень", "цього
/// тижня"), "минулий тиждень" ("минулого тижня"), "наступний тиждень", weekday names in any case a parent types
/// ("середа", "середу", "в середу", "на середу", "у пʼятницю", "пн"), any letter case. A preposition before a day
/// ("на", "в", "у", "за") is read with it. A day and a month without a year fall in the current school year, which
/// runs from 1 July to 30 June: in September "12.11" is this November and "30.05" next May; in January "12.11" is
/// last November. With the school's calendar (<see cref="SchoolDays"/>), "вчора" is the previous school day: on a
/// Monday or at the weekend, Friday (before a holiday, the last day before it).
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

    // Every form a parent types: nominative, accusative ("на середу"), genitive ("з понеділка"), short forms.
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["пн"] = DayOfWeek.Monday, ["пон"] = DayOfWeek.Monday, ["понеділок"] = DayOfWeek.Monday, ["понеділка"] = DayOfWeek.Monday,
        ["вт"] = DayOfWeek.Tuesday, ["вів"] = DayOfWeek.Tuesday, ["вівторок"] = DayOfWeek.Tuesday, ["вівторка"] = DayOfWeek.Tuesday,
        ["ср"] = DayOfWeek.Wednesday, ["сер"] = DayOfWeek.Wednesday, ["середа"] = DayOfWeek.Wednesday, ["середу"] = DayOfWeek.Wednesday,
        ["середи"] = DayOfWeek.Wednesday,
        ["чт"] = DayOfWeek.Thursday, ["чет"] = DayOfWeek.Thursday, ["четвер"] = DayOfWeek.Thursday, ["четверга"] = DayOfWeek.Thursday,
        ["пт"] = DayOfWeek.Friday, ["пят"] = DayOfWeek.Friday, ["пятниця"] = DayOfWeek.Friday, ["пятницю"] = DayOfWeek.Friday,
        ["пятниці"] = DayOfWeek.Friday,
        ["сб"] = DayOfWeek.Saturday, ["суб"] = DayOfWeek.Saturday, ["субота"] = DayOfWeek.Saturday, ["суботу"] = DayOfWeek.Saturday,
        ["суботи"] = DayOfWeek.Saturday,
        ["нд"] = DayOfWeek.Sunday, ["нед"] = DayOfWeek.Sunday, ["неділя"] = DayOfWeek.Sunday, ["неділю"] = DayOfWeek.Sunday,
        ["неділі"] = DayOfWeek.Sunday,
    };

    /// <summary>A week: 0 this one, -1 the one before, +1 the next.</summary>
    private static readonly Dictionary<string, int> Weeks = new(StringComparer.Ordinal)
    {
        ["тиждень"] = 0, ["цей тиждень"] = 0, ["цього тижня"] = 0, ["на тиждень"] = 0, ["за тиждень"] = 0,
        ["минулий тиждень"] = -1, ["минулого тижня"] = -1, ["попередній тиждень"] = -1, ["за минулий тиждень"] = -1,
        ["наступний тиждень"] = 1, ["наступного тижня"] = 1, ["на наступний тиждень"] = 1,
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal) { "на", "в", "у", "за" };

    /// <summary>The words of a date as read: lower case, apostrophes dropped, one space between words.</summary>
    internal static string Key(string? text) => UkrainianText.SearchKey(text ?? "").Trim().TrimEnd('.', ',').Trim();

    /// <summary>
    /// Reads <paramref name="text"/> when it is meant as a date or a period. Returns false for anything else
    /// ("10", "Іваненко"); returns true with a refusal for a date that does not exist ("31.02", "12.13").
    /// </summary>
    public static bool TryRead(string? text, DateOnly today, DayReference reference, out Result<DateRange> result, SchoolDays? calendar = null)
    {
        result = default;
        var key = Key(text);
        if (key.Length == 0)
            return false;
        if (Weeks.TryGetValue(key, out var weeks))
        {
            var weekend = today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var shift = weeks == 0 && reference == DayReference.Upcoming && weekend ? 1 : weeks;
            result = DateRange.WeekOf(today.AddDays(7 * shift));
            return true;
        }
        var range = RangeWords().Match(key);
        if (range.Success
            && TryReadOne(range.Groups["from"].Value, today, reference, calendar, out var from)
            && TryReadOne(range.Groups["to"].Value, today, reference, calendar, out var to))
        {
            result = !from.IsSuccess ? from.Error
                : !to.IsSuccess ? to.Error
                : to.Value.To < from.Value.From ? ParseTexts.RangeBackwards(text!.Trim())
                : new DateRange(from.Value.From, to.Value.To);
            return true;
        }
        return TryReadOne(key, today, reference, calendar, out result);
    }

    /// <summary>
    /// Reads a date or a period at the start of <paramref name="text"/> ("завтра, температура", "з 10.12 по 12.12 хворіє"):
    /// the longest run of leading words (before the first comma, if any) that reads as one; <paramref name="rest"/> is the
    /// text after it (and after its comma). False when the text does not start with a date.
    /// </summary>
    public static bool TryReadLeading(string? text, DateOnly today, DayReference reference, out Result<DateRange> result, out string rest,
        SchoolDays? calendar = null)
    {
        result = default;
        rest = text ?? "";
        var trimmed = rest.Trim();
        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && TryRead(trimmed[..comma], today, reference, out result, calendar))
        {
            rest = trimmed[(comma + 1)..].Trim();
            return true;
        }
        var words = LeadingWords().Matches(trimmed);
        for (var n = Math.Min(words.Count, 6); n >= 1; n--)
        {
            var end = words[n - 1].Index + words[n - 1].Length;
            if (!TryRead(trimmed[..end], today, reference, out result, calendar))
                continue;
            rest = trimmed[end..].TrimStart(',', ':', ' ', '-', '–', '—').Trim();
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>One day (or a numeric range), with an optional preposition before it.</summary>
    private static bool TryReadOne(string key, DateOnly today, DayReference reference, SchoolDays? calendar, out Result<DateRange> result)
    {
        result = default;
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && Prepositions.Contains(key[..space]))
            key = key[(space + 1)..];
        if (key.Contains(' ', StringComparison.Ordinal) && !NumericRangeWithSpaces().IsMatch(key))
            return false;
        if (RelativeDays.TryGetValue(key, out var offset))
        {
            var day = today.AddDays(offset);
            // "Вчора" on a Monday or at the weekend is the last school day (Friday), as a parent means it.
            if (offset == -1 && calendar?.LastSchoolDayBefore(today) is { } last) day = last;
            result = DateRange.Day(day);
            return true;
        }
        if (Weekdays.TryGetValue(key, out var weekday))
        {
            result = DateRange.Day(WeekdayNear(today, weekday, reference));
            return true;
        }
        return TryReadNumeric(key.Replace(" ", "", StringComparison.Ordinal), today, out result);
    }

    /// <summary>Like <see cref="TryRead"/>, for the places that take one day: a week or a range is refused.</summary>
    public static bool TryReadDay(string? text, DateOnly today, DayReference reference, out Result<DateOnly> result, SchoolDays? calendar = null)
    {
        result = default;
        if (!TryRead(text, today, reference, out var range, calendar))
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

    // "з 10.12 по 12.12", "від пн до ср", "з понеділка по середу".
    [GeneratedRegex(@"^(?:з|із|від)\s+(?<from>.+?)\s+(?:по|до)\s+(?<to>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RangeWords();

    [GeneratedRegex(@"^\d{1,2}[./]\d{1,2}(?:[./]\d{1,4})?\.?\s*[-–—]\s*\d{1,2}[./]\d{1,2}(?:[./]\d{1,4})?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericRangeWithSpaces();

    [GeneratedRegex(@"[^\s,]+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingWords();

    [GeneratedRegex(@"^(?<from>\d{1,2}[./]\d{1,2}(?:[./]\d{1,4})?)\.?[-–—](?<to>\d{1,2}[./]\d{1,2}(?:[./]\d{1,4})?\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();
}
