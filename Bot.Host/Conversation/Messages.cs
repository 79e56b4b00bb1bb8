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

    /// <summary>
    /// For a pressed button: the id of the message the button was on (Telegram's `callback_query.message.message_id`, the
    /// preview's own message id), which a <see cref="ConversationResult.Replace"/> replaces; null when the channel cannot say.
    /// </summary>
    public string? PressedMessageId { get; init; }

    /// <summary>For a pressed button: the channel's id of the press (Telegram's callback query id), answered once.</summary>
    public string? CallbackId { get; init; }
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

    /// <summary>
    /// A button that opens a web page instead of coming back as data (the lesson page, ADR 0046): Telegram shows it as a
    /// Mini App (<c>web_app</c>), Viber as <c>open-url</c> in its internal browser.
    /// </summary>
    public string? Url { get; private init; }

    public static Button Page(string label, string url) => new(label, PageData) { Url = url };

    /// <summary>The data of a page button (never comes back: the messenger opens the page).</summary>
    public const string PageData = "page";
}

/// <summary>
/// A file attached to a message: its name and bytes, and where a signed link can fetch it again (<paramref name="LinkPath"/>,
/// for messengers that take files by URL only: Viber).
/// </summary>
public sealed record MessageDocument(string FileName, byte[] Content, string? LinkPath = null);

/// <summary>
/// A channel-neutral message: lines of rich text and rows of buttons. A reply is a new message; only a flow that answers
/// a button press may ask for the pressed message to be replaced (<see cref="ConversationResult.Replace"/>, ADR 0031),
/// and a channel that cannot edit (Viber) sends the replacement as a new message instead.
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
    /// <summary>
    /// For a button press: the new content of the message the button was on (ADR 0031). Telegram edits that message in
    /// place, the preview replaces it in its chat, Viber (no editing) sends it as one new message. Sent before
    /// <see cref="Replies"/>; <see cref="Notice"/> is then the short confirmation (Telegram's toast).
    /// </summary>
    public Message? Replace { get; init; }

    /// <summary>
    /// How long the replies should wait before they are sent (the brake on wrong invite codes, ADR 0042). A channel
    /// sends them later without holding the update (<see cref="DeferredReplies"/>), so no other chat waits for them.
    /// </summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A press answered by replacing the pressed message, with an optional short confirmation.</summary>
    public static ConversationResult Replacing(Message message, string? notice = null) => new([], notice) { Replace = message };

    /// <summary>Everything the person gets, in order: the replacement (as a message) then the replies.</summary>
    public IReadOnlyList<Message> AllMessages => Replace is { } r ? [r, .. Replies] : Replies;

    public static ConversationResult Of(params Message[] replies) => new(replies);

    public static readonly ConversationResult Nothing = new([]);
}

/// <summary>The channel-neutral conversation: every adapter (Telegram, Viber, the web preview) calls this.</summary>
public interface IConversation
{
    Task<ConversationResult> HandleAsync(Incoming incoming, CancellationToken ct);
}
