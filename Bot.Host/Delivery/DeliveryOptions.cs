namespace Bot.Host.Delivery;

/// <summary>
/// `Delivery:*` (DESIGN.md "Settings"): the outbox sender's overall rate, with headroom under Telegram's ≈30 messages
/// a second for replies, and the pace to one chat (Telegram: no more than one message a second).
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public double GlobalPerSecond { get; init; } = 25;
    public double PerChatPerSecond { get; init; } = 1;
}
