using Bot.Domain.Schools;

namespace Bot.Domain.Demo;

/// <summary>What demo school to seed, and up to when its journal is filled.</summary>
public sealed record DemoSchoolOptions
{
    /// <summary>The school-local day of seeding: the year is the one it belongs to, and the journal is filled up to it (J-7).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>On <see cref="Today"/>, only lessons whose bell has rung by this local time are recorded; null = the whole day.</summary>
    public TimeOnly? TimeOfDay { get; init; }

    /// <summary>1 = the demo school (33 classes); N = N times as many classes per grade, for benchmarks (at most 10).</summary>
    public int Scale { get; init; } = 1;

    /// <summary>Fill only the school days of the last N calendar days before <see cref="Today"/>; null = from 1 September.</summary>
    public int? DaysBack { get; init; }

    /// <summary>The school's IANA time zone (setting <c>School:TimeZone</c>).</summary>
    public string TimeZone { get; init; } = SchoolTime.DefaultTimeZone;

    /// <summary>Options for seeding now: today and the time of day by the clock, in the school's zone.</summary>
    public static DemoSchoolOptions Now(TimeProvider clock, string timeZone)
    {
        var local = SchoolTime.LocalNow(clock, timeZone);
        return new DemoSchoolOptions { Today = DateOnly.FromDateTime(local), TimeOfDay = TimeOnly.FromDateTime(local), TimeZone = timeZone };
    }
}

/// <summary>What the demo school holds after seeding (or already held, when <see cref="AlreadySeeded"/>).</summary>
public sealed record DemoSummary(
    bool AlreadySeeded,
    string School,
    string Year,
    int Classes,
    int Students,
    int Guardians,
    int Staff,
    int Subjects,
    int Lessons,
    int Marks,
    int Absences,
    long AuditRecords,
    TimeSpan Elapsed)
{
    /// <summary>One line for the operator, in Ukrainian.</summary>
    public string Describe() =>
        (AlreadySeeded
            ? $"Демонстраційна школа «{School}» уже є в базі, нічого не змінено. "
            : $"Створено демонстраційну школу «{School}» за {Elapsed.TotalSeconds:0.0} с. ")
        + $"Навчальний рік {Year}: класів — {Classes}, учнів — {Students}, батьків і опікунів — {Guardians}, працівників — {Staff}, "
        + $"предметів — {Subjects}, уроків — {Lessons}, оцінок — {Marks}, пропусків — {Absences}, записів журналу змін — {AuditRecords}.";
}
