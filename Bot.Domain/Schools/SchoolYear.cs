namespace Bot.Domain.Schools;

/// <summary>
/// A school year of one school: two semesters, holidays in between, closed (read-only) at the end (J-14).
/// </summary>
public sealed class SchoolYear : SchoolEntity
{
    private readonly List<Holiday> _holidays = [];

    private SchoolYear() { Title = ""; }

    public SchoolYear(Guid schoolId, DateOnly semester1Start, DateOnly semester1End, DateOnly semester2Start, DateOnly semester2End)
    {
        SchoolId = schoolId;
        Title = "";
        SetDates(semester1Start, semester1End, semester2Start, semester2End);
    }

    public static readonly DomainError DatesOutOfOrder =
        new("year.dates", "Семестри мають іти один за одним: початок І семестру < кінець І семестру < початок ІІ семестру < кінець ІІ семестру.");

    /// <summary>
    /// New dates of the semesters; refused (with a Ukrainian message) when they are out of order, longer than a year, or
    /// would leave a holiday outside the year.
    /// </summary>
    public Result<bool> ChangeDates(DateOnly semester1Start, DateOnly semester1End, DateOnly semester2Start, DateOnly semester2End)
    {
        if (!(semester1Start < semester1End && semester1End < semester2Start && semester2Start < semester2End)) return DatesOutOfOrder;
        if (semester2End >= semester1Start.AddYears(1))
            return new DomainError("year.length", "Навчальний рік не може тривати рік і більше: перевірте роки в датах.");
        var outside = _holidays.FirstOrDefault(h => h.From < semester1Start || h.To > semester2End);
        if (outside is not null)
            return new DomainError("year.holiday_outside", $"Канікули «{outside.Title}» ({outside.From:dd.MM.yyyy}–{outside.To:dd.MM.yyyy}) опинилися б поза навчальним роком: спершу змініть або видаліть їх.");
        SetDates(semester1Start, semester1End, semester2Start, semester2End);
        return true;
    }

    private void SetDates(DateOnly semester1Start, DateOnly semester1End, DateOnly semester2Start, DateOnly semester2End)
    {
        if (!(semester1Start < semester1End && semester1End < semester2Start && semester2Start < semester2End))
            throw new DomainException(DatesOutOfOrder);
        Semester1Start = semester1Start;
        Semester1End = semester1End;
        Semester2Start = semester2Start;
        Semester2End = semester2End;
        Title = $"{semester1Start.Year}-{semester2End.Year}";
    }

    /// <summary>"2026-2027".</summary>
    public string Title { get; private set; }
    public DateOnly Semester1Start { get; private set; }
    public DateOnly Semester1End { get; private set; }
    public DateOnly Semester2Start { get; private set; }
    public DateOnly Semester2End { get; private set; }
    public bool IsClosed { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public IReadOnlyCollection<Holiday> Holidays => _holidays;

    /// <summary>
    /// N-12: the teachers' council's decision (its date and number) that the semester and annual marks of
    /// <see cref="CreditGrades"/> may be "зараховано / не зараховано" under martial law; null when the school has none this year.
    /// </summary>
    public DateOnly? CreditDecisionDate { get; private set; }

    /// <summary>The decision's number as the council's minutes give it ("5", "12/2").</summary>
    public string? CreditDecisionNumber { get; private set; }

    /// <summary>The grades the decision covers, comma-separated ("5,6,7,8,10"); empty without a decision.</summary>
    public string CreditGrades { get; private set; } = "";

    /// <summary>The grades N-12 names for the decision: the page's proposal when the school has none yet.</summary>
    public static readonly IReadOnlyList<int> LikelyCreditGrades = [5, 6, 7, 8, 10];

    public const int MaxCreditDecisionNumberLength = 20;

    /// <summary>The grades of <see cref="CreditGrades"/>, in order.</summary>
    public IReadOnlyList<int> CreditGradeList =>
        CreditGrades.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Order().ToList();

    /// <summary>N-12: whether the council's decision lets this grade's semester and annual marks be "зар"/"незар".</summary>
    public bool CreditsPeriodMarks(int grade) => CreditDecisionDate is not null && CreditGradeList.Contains(grade);

    /// <summary>"рішення педагогічної ради від 28.11.2026 № 5": how the print's footnote and the audit cite the decision.</summary>
    public string? CreditDecisionTitle => CreditDecisionDate is { } d ? $"рішення педагогічної ради від {d:dd.MM.yyyy} № {CreditDecisionNumber}" : null;

    /// <summary>
    /// Records the council's decision (N-12): its date and number and the grades 5–11 it covers; no grades removes it.
    /// Refused in Ukrainian without a date or number, with a grade outside 5–11 or a date after the year.
    /// </summary>
    public Result<bool> SetCreditDecision(DateOnly? date, string? number, IReadOnlyCollection<int> grades)
    {
        if (grades.Count == 0)
        {
            (CreditDecisionDate, CreditDecisionNumber, CreditGrades) = (null, null, "");
            return true;
        }

        if (grades.Any(g => g is < 5 or > 11))
            return new DomainError("year.credit_grades", "«Зараховано / не зараховано» за рішенням педагогічної ради можна встановити лише для 5–11 класів.");
        if (date is not { } on) return new DomainError("year.credit_date", "Вкажіть дату рішення педагогічної ради.");
        if (on > EndsOn) return new DomainError("year.credit_date", $"Дата рішення ({on:dd.MM.yyyy}) пізніша за кінець навчального року.");
        var trimmed = number?.Trim() ?? "";
        if (trimmed.Length == 0) return new DomainError("year.credit_number", "Вкажіть номер рішення (протоколу) педагогічної ради.");
        if (trimmed.Length > MaxCreditDecisionNumberLength)
            return new DomainError("year.credit_number", $"Номер рішення — до {MaxCreditDecisionNumberLength} символів.");
        (CreditDecisionDate, CreditDecisionNumber, CreditGrades) = (on, trimmed, string.Join(",", grades.Distinct().Order()));
        return true;
    }

    /// <summary>"рішення педагогічної ради від 28.11.2026 № 5: 5, 6, 7, 8, 10 класи", or "немає": the audit's before and after.</summary>
    public string CreditDecisionSummary => CreditDecisionTitle is { } t ? $"{t}: {string.Join(", ", CreditGradeList)} класи" : "немає";

    public DateOnly StartsOn => Semester1Start;
    public DateOnly EndsOn => Semester2End;

    /// <summary>The last day a corrected ІІ-semester mark may be set (M-7: by 10 June).</summary>
    public DateOnly Corrected2Deadline => new(Semester2End.Year, 6, 10);

    /// <summary>The last day the year's journal may still change: the end of the ІІ semester or the corrected marks' deadline (M-7), the later.</summary>
    public DateOnly LastChangeDay => EndsOn > Corrected2Deadline ? EndsOn : Corrected2Deadline;

    public bool Contains(DateOnly date) => date >= StartsOn && date <= EndsOn;

    /// <summary>1 or 2 for a date inside a semester, null for a date between them or outside the year.</summary>
    public int? SemesterOf(DateOnly date) =>
        date >= Semester1Start && date <= Semester1End ? 1
        : date >= Semester2Start && date <= Semester2End ? 2
        : null;

    public bool IsHoliday(DateOnly date) => _holidays.Any(h => h.Covers(date));

    /// <summary>A weekday inside a semester and outside the holidays.</summary>
    public bool IsSchoolDay(DateOnly date) =>
        SemesterOf(date) is not null && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    public Holiday AddHoliday(string title, DateOnly from, DateOnly to) => TryAddHoliday(title, from, to).GetValueOrThrow();

    /// <summary>Holidays lie inside the year and do not overlap one another; a title is required.</summary>
    public Result<Holiday> TryAddHoliday(string? title, DateOnly from, DateOnly to)
    {
        if (string.IsNullOrWhiteSpace(title)) return new DomainError("holiday.title", "Вкажіть назву канікул, наприклад «Зимові канікули».");
        if (to < from) return new DomainError("holiday.dates", "Канікули не можуть закінчитися раніше, ніж почалися.");
        if (from < StartsOn || to > EndsOn)
            return new DomainError("holiday.outside", $"Канікули мають бути в межах навчального року: з {StartsOn:dd.MM.yyyy} по {EndsOn:dd.MM.yyyy}.");
        var overlap = _holidays.FirstOrDefault(h => h.From <= to && from <= h.To);
        if (overlap is not null)
            return new DomainError("holiday.overlap", $"Ці дати перетинаються з канікулами «{overlap.Title}» ({overlap.From:dd.MM.yyyy}–{overlap.To:dd.MM.yyyy}).");
        var holiday = new Holiday(SchoolId, Id, title.Trim(), from, to);
        _holidays.Add(holiday);
        return holiday;
    }

    public bool RemoveHoliday(Guid holidayId) => _holidays.RemoveAll(h => h.Id == holidayId) > 0;

    public void Close(DateTime utcNow)
    {
        IsClosed = true;
        ClosedAtUtc = utcNow;
    }

    /// <summary>J-14: a closed year is read-only.</summary>
    public Result<bool> EnsureOpen() =>
        IsClosed
            ? new DomainError("year.closed", $"{Title} навчальний рік закрито й архівовано: змінювати журнал уже не можна.")
            : true;
}

public sealed class Holiday : SchoolEntity
{
    private Holiday() { Title = ""; }

    internal Holiday(Guid schoolId, Guid schoolYearId, string title, DateOnly from, DateOnly to)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        Title = title;
        From = from;
        To = to;
    }

    public Guid SchoolYearId { get; private set; }
    public string Title { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }

    public bool Covers(DateOnly date) => date >= From && date <= To;
}

/// <summary>Bell times: lesson N starts and ends at these local times.</summary>
public sealed class BellSlot : SchoolEntity
{
    private BellSlot() { }

    public BellSlot(Guid schoolId, int number, TimeOnly starts, TimeOnly ends)
    {
        if (number is < 0 or > 12) throw new ArgumentOutOfRangeException(nameof(number));
        if (ends <= starts) throw new ArgumentException("A lesson must end after it starts.", nameof(ends));
        SchoolId = schoolId;
        Number = number;
        Starts = starts;
        Ends = ends;
    }

    public int Number { get; private set; }
    public TimeOnly Starts { get; private set; }
    public TimeOnly Ends { get; private set; }

    public void SetTimes(TimeOnly starts, TimeOnly ends)
    {
        if (ends <= starts) throw new ArgumentException("A lesson must end after it starts.", nameof(ends));
        Starts = starts;
        Ends = ends;
    }

    /// <summary>
    /// Bell times in order: numbers distinct and 0–12, each lesson ends after it starts, and each starts no earlier
    /// than the previous one ends. Null when they are fine, else the Ukrainian message and the offending number.
    /// </summary>
    public static (int Number, DomainError Error)? Check(IReadOnlyList<(int Number, TimeOnly Starts, TimeOnly Ends)> bells)
    {
        foreach (var dup in bells.GroupBy(b => b.Number).Where(g => g.Count() > 1))
            return (dup.Key, new DomainError("bells.duplicate", $"Урок {dup.Key} вказано двічі."));
        var ordered = bells.OrderBy(b => b.Number).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var b = ordered[i];
            if (b.Number is < 0 or > 12) return (b.Number, new DomainError("bells.number", "Номер уроку має бути від 0 до 12."));
            if (b.Ends <= b.Starts) return (b.Number, new DomainError("bells.length", $"Урок {b.Number} має закінчуватися пізніше, ніж починається."));
            if (i > 0 && b.Starts < ordered[i - 1].Ends)
                return (b.Number, new DomainError("bells.order", $"Урок {b.Number} починається о {b.Starts:HH\\:mm}, раніше, ніж закінчується урок {ordered[i - 1].Number} ({ordered[i - 1].Ends:HH\\:mm})."));
        }

        return null;
    }
}
