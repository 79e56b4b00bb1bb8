using System.Globalization;
using Bot.Domain.Schools;

namespace Bot.Domain.Diary;

public enum JournalPeriodKind
{
    Month,
    Semester1,
    Semester2,
    Year,
}

/// <summary>
/// The days a printed journal or an export covers (a month, a semester or the year) inside one school year.
/// Written "semester1", "semester2", "year" or "YYYY-MM" in the panel's form and the <c>export</c> verb.
/// </summary>
public sealed record JournalPeriod(JournalPeriodKind Kind, DateOnly From, DateOnly To, string Title, string Code)
{
    /// <summary>The months in Ukrainian, as the journal's headers name them (not left to the machine's culture data).</summary>
    public static readonly IReadOnlyList<string> MonthNames =
        ["січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"];

    public static readonly IReadOnlyList<string> Codes = ["semester1", "semester2", "year"];

    /// <summary>The semesters whose final marks (M-6..M-8) belong to this period: none for a month.</summary>
    public bool ShowsSemester(int semester) => Kind == JournalPeriodKind.Year || (int)Kind == semester;

    public static Result<JournalPeriod> Parse(string? code, SchoolYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var text = (code ?? "").Trim().ToLowerInvariant();
        switch (text)
        {
            case "semester1":
                return new JournalPeriod(JournalPeriodKind.Semester1, year.Semester1Start, year.Semester1End, $"І семестр {year.Title} н. р.", text);
            case "semester2":
                return new JournalPeriod(JournalPeriodKind.Semester2, year.Semester2Start, year.Semester2End, $"ІІ семестр {year.Title} н. р.", text);
            case "year":
                return new JournalPeriod(JournalPeriodKind.Year, year.StartsOn, year.EndsOn, $"{year.Title} навчальний рік", text);
        }

        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            var last = first.AddMonths(1).AddDays(-1);
            if (last < year.StartsOn || first > year.EndsOn) return BadMonth(code!, year);
            var from = first < year.StartsOn ? year.StartsOn : first;
            var to = last > year.EndsOn ? year.EndsOn : last;
            var month = MonthNames[first.Month - 1];
            return new JournalPeriod(JournalPeriodKind.Month, from, to, $"{month} {first.Year} р.", text);
        }

        return Bad(code);
    }

    private static DomainError Bad(string? code) => new("period.code",
        $"Період «{code}» не зрозумілий: вкажіть semester1 (І семестр), semester2 (ІІ семестр), year (рік) або місяць як 2026-11.");

    private static DomainError BadMonth(string code, SchoolYear year) => new("period.month",
        $"Місяць {code} не входить у {year.Title} навчальний рік ({year.StartsOn:dd.MM.yyyy}–{year.EndsOn:dd.MM.yyyy}).");
}
