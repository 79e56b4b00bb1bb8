using Bot.Domain.Audit;
using Bot.Host.Conversation;
using Bot.Host.Telegram;
using Bot.Host.Viber;

namespace Bot.Host.Delivery;

/// <summary>
/// The outbox's way into Viber: <see cref="ViberSender"/> at <see cref="SendPace.Bulk"/>, which judges Viber's statuses
/// (5/6: the person's links end and the row is dead; 12: backs off from them; 7 and the account faults: paused, the
/// administrators alerted, the row retried later). Whether the school sends alerts over Viber at all is a rule the sender checks first.
/// </summary>
internal sealed class ViberChannel(ViberSender sender) : IMessengerChannel
{
    public Channel Channel => Channel.Viber;

    public Task<SendOutcome> SendAsync(string chatId, Message message, CancellationToken ct) => sender.SendAsync(chatId, message, SendPace.Bulk, ct);
}
