using System.Text.Json.Nodes;

namespace Bot.Fakes;

/// <summary>What the fake server enforces; raise the rates for benchmarks (they measure the bot, not Telegram).</summary>
public sealed class FakeTelegramLimits
{
    /// <summary>Messages a second over all chats before 429 (Telegram: about 30).</summary>
    public double GlobalPerSecond { get; set; } = 30;

    /// <summary>Messages a second to one chat before 429 (Telegram: 1).</summary>
    public double PerChatPerSecond { get; set; } = 1;

    /// <summary>The `retry_after` a 429 carries; null = the seconds until the limit would let the message through.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Slack for the jitter of the network between two messages to one chat.</summary>
    public TimeSpan PerChatTolerance { get; set; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>A message as the bot sent it: the raw text and parse mode, the text a person sees, and the inline keyboard.</summary>
public sealed record SentMessage(long ChatId, int MessageId, string Text, string? ParseMode, string PlainText, IReadOnlyList<IReadOnlyList<FakeButton>> Keyboard)
{
    public bool HasKeyboard => Keyboard.Count > 0;
}

/// <param name="WebAppUrl">A Mini App button's page (<c>web_app.url</c>, HTTPS only as Telegram requires).</param>
public sealed record FakeButton(string Text, string? CallbackData, string? WebAppUrl = null);

/// <summary>An `editMessageText` the fake accepted: the message's text a person sees and its keyboard after the edit.</summary>
public sealed record MessageEdit(long ChatId, int MessageId, string PlainText, IReadOnlyList<IReadOnlyList<FakeButton>> Keyboard, DateTimeOffset At);

public sealed record SentDocument(long ChatId, int MessageId, string FileName, long Length, string? Caption)
{
    /// <summary>The uploaded file's bytes (empty when the document was sent by file id or URL).</summary>
    public byte[] Content { get; init; } = [];
}

public sealed record CallbackAnswer(string QueryId, string? Text, bool ShowAlert);

/// <summary>One `setMyCommands` call: the scope's type (`default`, `all_private_chats`, `chat`, ...), its chat, the language.</summary>
public sealed record CommandList(string ScopeType, long? ScopeChatId, string? LanguageCode, IReadOnlyList<(string Command, string Description)> Commands);

public sealed record WebhookState(string Url, string? SecretToken, IReadOnlyList<string> AllowedUpdates, bool DropPendingUpdates);

/// <summary>A call the bot made, with the status the fake answered.</summary>
public sealed record ApiCall(string Method, int Status, long? ChatId, DateTimeOffset At, string? Error = null);

/// <summary>One attempt of the fake to post an update to the bot's webhook.</summary>
public sealed record WebhookDelivery(int UpdateId, int Status);

/// <summary>An error the Bot API answers with: `{"ok":false,"error_code":...,"description":...,"parameters":...}`.</summary>
public sealed class FakeApiError(int code, string description, JsonObject? parameters = null) : Exception(description)
{
    public int Code { get; } = code;
    public string Description { get; } = description;
    public JsonObject? Parameters { get; } = parameters;

    public static FakeApiError BadRequest(string what) => new(400, "Bad Request: " + what);
}
