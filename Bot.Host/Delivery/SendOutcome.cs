namespace Bot.Host.Delivery;

/// <summary>What became of one message sent to a messenger: the outbox marks it sent, stops sending to the chat, or retries later.</summary>
public abstract record SendOutcome
{
    /// <summary>Delivered to <paramref name="ChatId"/> (another id than asked for when the messenger moved the chat).</summary>
    /// <param name="MessageToken">Viber's <c>message_token</c> of the (last part of the) message, which its <c>seen</c> callback names.</param>
    public sealed record Sent(string ChatId, string? MessageToken = null) : SendOutcome;

    /// <summary>The chat is gone for good (blocked, deactivated, not found); its links were marked inactive with this reason.</summary>
    public sealed record ChatGone(string Reason) : SendOutcome;

    /// <summary>Not delivered, for a reason that may pass (or that a person has to look at).</summary>
    public sealed record Failed(string Reason) : SendOutcome;
}
