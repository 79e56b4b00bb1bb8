namespace Bot.Host.Conversation.Formatting;

/// <summary>Dates as a Ukrainian reader expects them: "пʼятниця, 20 листопада", "пн 23.11".</summary>
public static class UkrainianDates
{
    private static readonly string[] Weekdays = ["неділя", "понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота"];
    private static readonly string[] WeekdaysAccusative = ["неділю", "понеділок", "вівторок", "середу", "четвер", "пʼятницю", "суботу"];
    private static readonly string[] WeekdaysShort = ["нд", "пн", "вт", "ср", "чт", "пт", "сб"];
    private static readonly string[] MonthsGenitive = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"];

    public static string Weekday(DateOnly d) => Weekdays[(int)d.DayOfWeek];

    /// <summary>After "на", "у", "в": "середу", "пʼятницю", "неділю".</summary>
    public static string WeekdayAccusative(DateOnly d) => WeekdaysAccusative[(int)d.DayOfWeek];

    /// <summary>"на середу, 9 грудня"; "на завтра, середу, 9 грудня"; "на сьогодні, 7 грудня".</summary>
    public static string On(DateOnly d, DateOnly today) => (d.DayNumber - today.DayNumber) switch
    {
        0 => $"на сьогодні, {DayMonth(d)}",
        1 => $"на завтра, {WeekdayAccusative(d)}, {DayMonth(d)}",
        -1 => $"на вчора, {WeekdayAccusative(d)}, {DayMonth(d)}",
        _ => $"на {WeekdayAccusative(d)}, {DayMonth(d)}",
    };

    public static string DayMonth(DateOnly d) => $"{d.Day} {MonthsGenitive[d.Month - 1]}";

    /// <summary>"пʼятниця, 20 листопада".</summary>
    public static string Long(DateOnly d) => $"{Weekday(d)}, {DayMonth(d)}";

    /// <summary>"пт 20.11".</summary>
    public static string Short(DateOnly d) => $"{WeekdaysShort[(int)d.DayOfWeek]} {d:dd.MM}";

    /// <summary>"Сьогодні", "Завтра", "Вчора" or the long form, capitalised.</summary>
    public static string Relative(DateOnly d, DateOnly today)
    {
        var text = (d.DayNumber - today.DayNumber) switch
        {
            0 => $"сьогодні, {DayMonth(d)}",
            1 => $"завтра, {Long(d)}",
            -1 => $"вчора, {Long(d)}",
            _ => Long(d),
        };
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
