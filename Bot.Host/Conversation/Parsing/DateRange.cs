using System.Globalization;

namespace Bot.Host.Conversation.Parsing;

/// <summary>Days from <see cref="From"/> to <see cref="To"/>, both included; one day when they are equal.</summary>
public readonly record struct DateRange
{
    public DateRange(DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ArgumentException("A range cannot end before it starts.", nameof(to));
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public bool IsSingleDay => From == To;

    public static DateRange Day(DateOnly day) => new(day, day);

    /// <summary>Monday to Sunday of the week that contains <paramref name="day"/>.</summary>
    public static DateRange WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new DateRange(monday, monday.AddDays(6));
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public override string ToString() => IsSingleDay
        ? From.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
        : $"{From.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}–{To.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}";
}
