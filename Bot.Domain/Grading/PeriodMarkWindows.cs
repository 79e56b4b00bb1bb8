using Bot.Domain.Schools;

namespace Bot.Domain.Grading;

/// <summary>The days, both included, on which a period mark may be written (ADR 0033).</summary>
public sealed record DateWindow(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>"з 13.12.2026 до 11.01.2027".</summary>
    public string Text => $"з {From:dd.MM.yyyy} до {To:dd.MM.yyyy}";
}

/// <summary>
/// When the marks of a period may be written (M-6, M-7, M-8; N-7 for the НУШ groups of outcomes; ADR 0033):
/// <list type="bullet">
/// <item>a semester mark, its groups-of-outcomes marks and its corrected mark — from the school's window before the
/// semester's end (<see cref="School.PeriodMarkDays"/>, default the last 14 days) until the corrected-mark deadline: the
/// day before semester II begins for semester I, 10 June (or the year's end, if later) for semester II (M-7);</item>
/// <item>the annual mark — in semester II's window (M-8).</item>
/// </list>
/// Other columns have no window (null). The one rule the write path, the web grid and the bot share.
/// </summary>
public static class PeriodMarkWindows
{
    /// <summary>The window of a column, or null when the column may be written on any day the other rules allow.</summary>
    public static DateWindow? For(MarkColumn column, SchoolYear year, int periodMarkDays) => SemesterOf(column) switch
    {
        1 => new DateWindow(Opens(year.Semester1End, periodMarkDays), year.Semester2Start.AddDays(-1)),
        2 => new DateWindow(Opens(year.Semester2End, periodMarkDays), year.LastChangeDay),
        _ => null,
    };

    /// <summary>The semester (1 or 2) whose end a windowed column belongs to; null for a column without a window.</summary>
    public static int? SemesterOf(MarkColumn column) => column switch
    {
        MarkColumn.Semester1 or MarkColumn.Corrected1 or MarkColumn.ResultGroup1 => 1,
        MarkColumn.Semester2 or MarkColumn.Corrected2 or MarkColumn.ResultGroup2 or MarkColumn.Annual => 2,
        _ => null,
    };

    /// <summary>Whether the column has a window (period marks).</summary>
    public static bool HasWindow(MarkColumn column) => SemesterOf(column) is not null;

    /// <summary>
    /// What the column's window says of <paramref name="today"/>: null when the column may be written today, else the
    /// Ukrainian refusal naming the dates ("Семестрову оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027.").
    /// </summary>
    public static string? Refusal(MarkColumn column, SchoolYear year, int periodMarkDays, DateOnly today)
    {
        var window = For(column, year, periodMarkDays);
        if (window is null || window.Contains(today)) return null;
        var closed = today > window.To ? " Цей строк минув." : "";
        return $"{What(column)} можна виставити {window.Text}.{closed}";
    }

    /// <summary>"Семестрову оцінку за І семестр", "Річну оцінку", … — the object of "можна виставити".</summary>
    public static string What(MarkColumn column) => column switch
    {
        MarkColumn.Semester1 => "Семестрову оцінку за І семестр",
        MarkColumn.Semester2 => "Семестрову оцінку за ІІ семестр",
        MarkColumn.Corrected1 => "Скориговану оцінку за І семестр",
        MarkColumn.Corrected2 => "Скориговану оцінку за ІІ семестр",
        MarkColumn.ResultGroup1 => "Оцінки за групами результатів за І семестр",
        MarkColumn.ResultGroup2 => "Оцінки за групами результатів за ІІ семестр",
        MarkColumn.Annual => "Річну оцінку",
        _ => MarkColumns.FullTitle(column),
    };

    private static DateOnly Opens(DateOnly semesterEnd, int days) => semesterEnd.AddDays(-(Math.Max(days, 1) - 1));
}
