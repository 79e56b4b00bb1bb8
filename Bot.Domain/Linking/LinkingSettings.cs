namespace Bot.Domain.Linking;

/// <summary>Settings of invites and linking (`Linking:*`).</summary>
public sealed record LinkingSettings
{
    /// <summary>How long a new invite stays usable (30 days by default).</summary>
    public TimeSpan InviteValidity { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Failed codes a chat may try within an hour; the next attempt, even with a good code, is refused.</summary>
    public int MaxFailedAttemptsPerHour { get; init; } = 5;

    /// <summary>
    /// The installation-wide brake on wrong codes (<see cref="WrongCodeBrake"/>, ADR 0042): this many wrong codes are
    /// answered at once (a parents' meeting's typos)...
    /// </summary>
    public int WrongCodeBurst { get; init; } = 30;

    /// <summary>...and this many more a minute; past that, the answer to a wrong code waits for its turn...</summary>
    public int WrongCodesPerMinute { get; init; } = 20;

    /// <summary>...but never longer than this. A valid code is never braked.</summary>
    public TimeSpan MaxWrongCodeDelay { get; init; } = TimeSpan.FromSeconds(30);
}
