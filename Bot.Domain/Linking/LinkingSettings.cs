namespace Bot.Domain.Linking;

/// <summary>Settings of invites and linking (`Linking:*`).</summary>
public sealed record LinkingSettings
{
    /// <summary>How long a new invite stays usable (issue 4: 30 days by default).</summary>
    public TimeSpan InviteValidity { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Failed codes a chat may try within an hour; the next attempt, even with a good code, is refused.</summary>
    public int MaxFailedAttemptsPerHour { get; init; } = 5;
}
