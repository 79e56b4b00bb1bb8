using System.Text;
using Bot.Domain.Audit;

namespace Bot.Host.Conversation;

/// <summary>
/// What arrives from any channel, already stripped of the channel's types: who (chat and user ids as text, since
/// Telegram's are 64-bit numbers and Viber's are strings), and either typed text or the data of a pressed button.
/// </summary>
public sealed record Incoming(Channel Channel, string ChatId, string UserId, string? Text, string? ButtonData = null, string? DisplayName = null)
{
    public bool IsButton => ButtonData is not null;
}

/// <summary>A piece of a line of rich text. Channels render what they can (Telegram HTML; Viber plain text).</summary>
public abstract record Span(string Text)
{
    public sealed record Plain(string Value) : Span(Value);

    public sealed record Bold(string Value) : Span(Value);

    public sealed record Italic(string Value) : Span(Value);

    public sealed record Code(string Value) : Span(Value);

    public sealed record Link(string Value, string Url) : Span(Value);
}

/// <summary>A button: its label, and the data that comes back when it is pressed (≤ 64 bytes in UTF-8, Telegram's limit).</summary>
public sealed record Button
{
    public const int MaxDataBytes = 64;

    public Button(string label, string data)
    {
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("A button needs a label.", nameof(label));
        var bytes = Encoding.UTF8.GetByteCount(data);
        if (bytes is < 1 or > MaxDataBytes) throw new ArgumentException($"Button data must be 1–{MaxDataBytes} bytes; '{data}' is {bytes}.", nameof(data));
        Label = label;
        Data = data;
    }

    public string Label { get; }
    public string Data { get; }
}

/// <summary>
/// A file attached to a message: its name and bytes, and where a signed link can fetch it again (<paramref name="LinkPath"/>,
/// for messengers that take files by URL only: Viber).
/// </summary>
public sealed record MessageDocument(string FileName, byte[] Content, string? LinkPath = null);

/// <summary>
/// A channel-neutral message: lines of rich text and rows of buttons. Never relies on being edited later
/// (Viber cannot edit), so every reply is a new message.
/// </summary>
public sealed class Message
{
    private readonly List<IReadOnlyList<Span>> _lines = [];
    private readonly List<IReadOnlyList<Button>> _buttons = [];

    public IReadOnlyList<IReadOnlyList<Span>> Lines => _lines;
    public IReadOnlyList<IReadOnlyList<Button>> Buttons => _buttons;

    public Message Line(params Span[] spans)
    {
        _lines.Add(spans);
        return this;
    }

    public Message Line(string text) => Line(new Span.Plain(text));

    public Message Blank() => Line();

    public Message Bold(string text) => Line(new Span.Bold(text));

    /// <summary>A file that goes with the message (a PDF report): Telegram sends it as a document after the text.</summary>
    public MessageDocument? Document { get; private set; }

    public Message WithDocument(string fileName, byte[] content, string? linkPath = null)
    {
        Document = new MessageDocument(fileName, content, linkPath);
        return this;
    }

    public Message ButtonRow(params Button[] buttons)
    {
        if (buttons.Length > 0) _buttons.Add(buttons);
        return this;
    }

    public static Message Text(string text)
    {
        var m = new Message();
        foreach (var line in text.Split('\n')) m.Line(line);
        return m;
    }

    /// <summary>The message as plain text, line by line (for logs, tests and plain channels).</summary>
    public string PlainText => string.Join("\n", _lines.Select(l => string.Concat(l.Select(s => s.Text))));
}

/// <summary>What the conversation answers to one incoming: messages to send, and a short notice for a pressed button.</summary>
/// <param name="Commands">When set, the commands this chat's person may use (after linking or unlinking): a channel that
/// has per-chat command menus (Telegram's setMyCommands) registers them.</param>
public sealed record ConversationResult(IReadOnlyList<Message> Replies, string? Notice = null, IReadOnlyList<(string Command, string Description)>? Commands = null)
{
    public static ConversationResult Of(params Message[] replies) => new(replies);

    public static readonly ConversationResult Nothing = new([]);
}

/// <summary>The channel-neutral conversation: every adapter (Telegram, Viber, the web preview) calls this.</summary>
public interface IConversation
{
    Task<ConversationResult> HandleAsync(Incoming incoming, CancellationToken ct);
}
