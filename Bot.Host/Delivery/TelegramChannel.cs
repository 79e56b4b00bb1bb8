using System.Globalization;
using Bot.Domain.Audit;
using Bot.Host.Conversation;
using Bot.Host.Telegram;

namespace Bot.Host.Delivery;

/// <summary>The outbox's way into Telegram: <see cref="TelegramSender"/> at <see cref="SendPace.Bulk"/> (its 429, network and gone-chat handling included).</summary>
internal sealed class TelegramChannel(TelegramSender sender) : IMessengerChannel
{
    public Channel Channel => Channel.Telegram;

    public Task<SendOutcome> SendAsync(string chatId, Message message, CancellationToken ct) =>
        long.TryParse(chatId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? sender.SendAsync(id, message, SendPace.Bulk, ct)
            : Task.FromResult<SendOutcome>(new SendOutcome.ChatGone($"not a Telegram chat id: {chatId}"));
}
