namespace Bot.Domain.Schools;

/// <summary>A school of the installation; one installation may serve several (docs/architecture.md "Tenancy").</summary>
public sealed class School : Entity
{
    private School() { Name = ""; TimeZone = ""; }

    public School(string name, string timeZone, string? shortName = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("School name is required.", nameof(name));
        Name = name.Trim();
        ShortName = shortName?.Trim();
        TimeZone = SchoolTime.Resolve(timeZone).Id;
    }

    public string Name { get; private set; }
    public string? ShortName { get; private set; }

    /// <summary>IANA time zone id, e.g. "Europe/Kyiv".</summary>
    public string TimeZone { get; private set; }

    /// <summary>
    /// The demonstration school, marked by the demo seeder (<see cref="Bot.Domain.Demo.DemoSchool"/>) and by nothing else:
    /// a school added by `school add` or the panel never is, whatever its name. The bot preview runs only while every
    /// school of the database is the demo school.
    /// </summary>
    public bool IsDemo { get; private set; }

    internal void MarkAsDemo() => IsDemo = true;

    /// <summary>The school's own undo window for teachers' typing errors; null = the installation default.</summary>
    public TimeSpan? UndoWindow { get; private set; }

    /// <summary>
    /// Whether the НУШ classes (grades 5–9) keep the "Тематична" column (N-9: it remains a kind of summative assessment,
    /// second-hand; the school decides). True until the school switches it off.
    /// </summary>
    public bool NusThematic { get; private set; } = true;

    public void SetNusThematic(bool on) => NusThematic = on;

    /// <summary>The default of <see cref="PeriodMarkDays"/>: a semester's last 14 days.</summary>
    public const int DefaultPeriodMarkDays = 14;

    /// <summary>The longest <see cref="PeriodMarkDays"/> a school may set.</summary>
    public const int MaxPeriodMarkDays = 60;

    /// <summary>
    /// How many last days of a semester its semester marks (and the НУШ groups-of-outcomes marks before them) may be
    /// written in: the window opens this many days before the semester's end, its last day included (ADR 0033).
    /// </summary>
    public int PeriodMarkDays { get; private set; } = DefaultPeriodMarkDays;

    public static readonly DomainError PeriodMarkDaysOutOfRange =
        new("school.period_mark_days", $"Кількість днів має бути від 1 до {MaxPeriodMarkDays}.");

    public Result<bool> SetPeriodMarkDays(int days)
    {
        if (days is < 1 or > MaxPeriodMarkDays) return PeriodMarkDaysOutOfRange;
        PeriodMarkDays = days;
        return true;
    }

    public void SetUndoWindow(TimeSpan? window)
    {
        if (window is { } w && (w < TimeSpan.Zero || w > TimeSpan.FromHours(24)))
            throw new ArgumentOutOfRangeException(nameof(window), "The undo window must be between 0 and 24 hours.");
        UndoWindow = window;
    }

    /// <summary>Students (not only their parents) may write to their teachers through the bot (ADR 0038); off by default.</summary>
    public bool StudentsMayWrite { get; private set; }

    /// <summary>Conversations are kept for the school year they began in and this many years more, then deleted (ADR 0038).</summary>
    public int TalkKeepYears { get; private set; } = DefaultTalkKeepYears;

    public const int DefaultTalkKeepYears = 1;

    public void SetTalkRules(bool studentsMayWrite, int keepYears)
    {
        if (keepYears is < 0 or > 5) throw new ArgumentOutOfRangeException(nameof(keepYears), "Keep conversations 0–5 years after their year.");
        StudentsMayWrite = studentsMayWrite;
        TalkKeepYears = keepYears;
    }
}
