namespace Bot.Host.Delivery;

/// <summary>
/// `Delivery:*` (docs/operations.md "Settings"): the outbox sender's overall rate, with headroom under Telegram's ≈30 messages
/// a second for replies, and the pace to one chat (Telegram: no more than one message a second); how many messages may be
/// on their way at once, how often a row is tried, how often the outbox is looked at.
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public double GlobalPerSecond { get; init; } = 25;
    public double PerChatPerSecond { get; init; } = 1;

    /// <summary>
    /// Messages handed to the messengers at once. It bounds what a crash can repeat: only rows in flight when the process
    /// died may reach their chat twice (ADR 0011).
    /// </summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>Tries of a row before it is dead (each try is itself a send with the adapter's own retries of 429 and network errors).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How often the sender looks for due rows when it has nothing to do (rows written in this process wake it at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a process that does not hold the sender's lease (PostgreSQL) tries to take it.</summary>
    public TimeSpan LeaseRetryInterval { get; init; } = TimeSpan.FromSeconds(2);
}
