namespace Bot.Tests.Conversation;

/// <summary>A reply as a person sees it in any channel: its text and its buttons.</summary>
public sealed record ChatReply(string Text, IReadOnlyList<(string Label, string Data)> Buttons)
{
    public string? ButtonData(string labelStart) => Buttons.FirstOrDefault(b => b.Label.StartsWith(labelStart, StringComparison.Ordinal)).Data;
}

/// <summary>Talks to the bot as a person would, through one channel (the engine directly, the web preview, Telegram).</summary>
public interface IChatDriver : IAsyncDisposable
{
    /// <summary>The chat a person of this scenario uses (a preview chat is named by the person it speaks for).</summary>
    string ChatOf(string person);

    Task<IReadOnlyList<ChatReply>> SayAsync(string chat, string text);

    Task<IReadOnlyList<ChatReply>> PressAsync(string chat, string data);
}
