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
        if (!(semester1Start < semester1End && semester1End < semester2Start && semester2Start < semester2End))
            throw new DomainException(new DomainError("year.dates", "Семестри мають іти один за одним: початок І семестру < кінець І семестру < початок ІІ семестру < кінець ІІ семестру."));
        SchoolId = schoolId;
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

    public DateOnly StartsOn => Semester1Start;
    public DateOnly EndsOn => Semester2End;

    /// <summary>The last day a corrected ІІ-semester mark may be set (M-7: by 10 June).</summary>
    public DateOnly Corrected2Deadline => new(Semester2End.Year, 6, 10);

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

    public Holiday AddHoliday(string title, DateOnly from, DateOnly to)
    {
        if (to < from) throw new DomainException(new DomainError("holiday.dates", "Канікули не можуть закінчитися раніше, ніж почалися."));
        var holiday = new Holiday(SchoolId, Id, title, from, to);
        _holidays.Add(holiday);
        return holiday;
    }

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
}
