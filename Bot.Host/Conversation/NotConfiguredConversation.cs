namespace Bot.Host.Conversation;

/// <summary>
/// Stands in while no conversation engine is registered (adapters register it with TryAdd), so that a bot that is on
/// still answers something rather than nothing.
/// </summary>
public sealed class NotConfiguredConversation : IConversation
{
    public const string Reply = "Бот працює, але розмова ще не налаштована.";

    public Task<ConversationResult> HandleAsync(Incoming incoming, CancellationToken ct) =>
        Task.FromResult(ConversationResult.Of(Message.Text(Reply)));
}
