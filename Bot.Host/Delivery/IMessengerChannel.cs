using Bot.Domain.Audit;
using Bot.Host.Conversation;

namespace Bot.Host.Delivery;

/// <summary>
/// A messenger the outbox delivers through (Telegram now; Viber plugs in as a second one). It sends a neutral message to
/// one chat at the bulk pace (per chat and within the installation's overall rate) and says what became of it.
/// </summary>
public interface IMessengerChannel
{
    Channel Channel { get; }

    Task<SendOutcome> SendAsync(string chatId, Message message, CancellationToken ct);
}
