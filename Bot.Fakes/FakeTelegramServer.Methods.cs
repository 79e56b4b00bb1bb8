using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Bot.Fakes;

/// <summary>The Bot API methods the fake serves, each checking its parameters the way Telegram documents them.</summary>
public sealed partial class FakeTelegramServer
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;
    public const int MaxCallbackDataBytes = 64;
    public const int MaxCallbackAnswerLength = 200;

    private readonly HashSet<string> _openQueries = [];
    private readonly List<MessageEdit> _edits = [];

    /// <summary>Every successful `editMessageText`, in order: what the message showed after it.</summary>
    public IReadOnlyList<MessageEdit> Edits
    {
        get { lock (_gate) return _edits.ToList(); }
    }

    public IReadOnlyList<MessageEdit> EditsTo(long chatId)
    {
        lock (_gate) return _edits.Where(e => e.ChatId == chatId).ToList();
    }

    /// <summary>How many calls the fake answered "429 Too Many Requests" (sends and edits, scripted or by the limits).</summary>
    public int TooManyRequestsAnswered
    {
        get { lock (_gate) return _calls.Count(c => c.Status == 429); }
    }

    /// <summary>Callback queries the bot has not answered yet (Telegram shows a spinner on the button until then).</summary>
    public int OpenCallbackQueries
    {
        get { lock (_gate) return _openQueries.Count; }
    }

    private async Task<JsonNode?> CallAsync(string method, FakeTelegramRequest request, HttpContext http)
    {
        switch (method.ToLowerInvariant())
        {
            case "getme":
                return new JsonObject
                {
                    ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Шкільний журнал (тест)", ["username"] = Username,
                    ["can_join_groups"] = true, ["can_read_all_group_messages"] = false, ["supports_inline_queries"] = false,
                };
            case "getupdates":
                return await GetUpdatesAsync(request, http.RequestAborted);
            case "setwebhook":
                return SetWebhook(request);
            case "deletewebhook":
                return DeleteWebhook(request);
            case "getwebhookinfo":
                return GetWebhookInfo();
            case "sendmessage":
                return await SendAsync("sendMessage", request, http, () => SendMessage(request));
            case "senddocument":
                return await SendAsync("sendDocument", request, http, () => SendDocument(request));
            case "editmessagetext":
                return await SendAsync("editMessageText", request, http, () => EditMessageText(request));
            case "answercallbackquery":
                return AnswerCallbackQuery(request);
            case "setmycommands":
                return SetMyCommands(request);
            default:
                throw new FakeApiError(404, "Not Found");
        }
    }

    /// <summary>A message to a chat: the chat's state, scripted failures, then the limits, then the message itself.</summary>
    private async Task<JsonNode?> SendAsync(string method, FakeTelegramRequest request, HttpContext http, Func<JsonObject> send)
    {
        var chatId = request.RequiredChatId();
        Scripted? scripted = null;
        lock (_gate)
        {
            if (_chatStates.TryGetValue(chatId, out var state)) throw state;
            if (_scripted.TryGetValue(chatId, out var queue) && queue.Count > 0) scripted = queue.Dequeue();
        }

        if (scripted is { DropConnection: true })
        {
            Record(method, 0, chatId);
            http.Abort();
            await Task.Yield();
            return null;
        }

        if (scripted is { } tooMany) throw TooManyRequests(tooMany.RetryAfter);
        return send(); // validates, then counts against the limits, then records
    }

    private JsonObject SendMessage(FakeTelegramRequest request)
    {
        var chatId = request.RequiredChatId();
        var text = request.String("text") ?? throw FakeApiError.BadRequest("message text is empty");
        var parseMode = request.String("parse_mode");
        var plain = Visible(text, parseMode, MaxTextLength, "message is too long", "message text is empty");
        var keyboard = Keyboard(request.Json("reply_markup"));
        CheckLimits(chatId);
        var sent = new SentMessage(chatId, NextMessageId(), text, parseMode, plain, keyboard);
        lock (_gate) _messages.Add(sent);
        return MessageJson(sent.ChatId, sent.MessageId, plain);
    }

    private JsonObject SendDocument(FakeTelegramRequest request)
    {
        var chatId = request.RequiredChatId();
        var caption = request.String("caption");
        if (caption is not null) caption = Visible(caption, request.String("parse_mode"), MaxCaptionLength, "message caption is too long", null);
        // The file comes as a multipart part named "document", or named elsewhere and referred to as "attach://<part>".
        var reference = request.String("document");
        var file = request.File("document") ?? (reference?.StartsWith("attach://", StringComparison.Ordinal) == true ? request.File(reference["attach://".Length..]) : null);
        var (name, length) = file is not null
            ? (file.FileName, file.Length)
            : reference is { Length: > 0 } && !reference.StartsWith("attach://", StringComparison.Ordinal)
                ? (reference, 0L)
                : throw FakeApiError.BadRequest("there is no document in the request");
        CheckLimits(chatId);
        byte[] content = [];
        if (file is not null)
        {
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            content = copy.ToArray();
        }

        var sent = new SentDocument(chatId, NextMessageId(), name, length, caption) { Content = content };
        lock (_gate) _documents.Add(sent);
        var json = MessageJson(chatId, sent.MessageId, null);
        json["document"] = new JsonObject { ["file_id"] = $"doc{sent.MessageId}", ["file_unique_id"] = $"u{sent.MessageId}", ["file_name"] = name, ["file_size"] = length };
        if (caption is not null) json["caption"] = caption;
        return json;
    }

    private JsonObject EditMessageText(FakeTelegramRequest request)
    {
        var chatId = request.RequiredChatId();
        var messageId = request.Long("message_id") ?? throw FakeApiError.BadRequest("message identifier is not specified");
        var text = request.String("text") ?? throw FakeApiError.BadRequest("message text is empty");
        var parseMode = request.String("parse_mode");
        var plain = Visible(text, parseMode, MaxTextLength, "MESSAGE_TOO_LONG", "message text is empty");
        var keyboard = Keyboard(request.Json("reply_markup"));
        lock (_gate)
        {
            if (_chatStates.TryGetValue(chatId, out var state)) throw state;
            var index = _messages.FindIndex(m => m.ChatId == chatId && m.MessageId == messageId);
            if (index < 0) throw FakeApiError.BadRequest("message to edit not found");
            var old = _messages[index];
            if (old.PlainText == plain && SameKeyboard(old.Keyboard, keyboard))
                throw FakeApiError.BadRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        }

        // An edit is a message to the chat as far as the limits go (Telegram counts it against the chat's rate).
        CheckLimits(chatId);
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.ChatId == chatId && m.MessageId == messageId);
            var old = _messages[index];
            _messages[index] = old with { Text = text, ParseMode = parseMode, PlainText = plain, Keyboard = keyboard };
            _edits.Add(new MessageEdit(chatId, (int)messageId, plain, keyboard, _time.GetUtcNow()));
        }

        return MessageJson(chatId, (int)messageId, plain);
    }

    private JsonNode AnswerCallbackQuery(FakeTelegramRequest request)
    {
        var id = request.String("callback_query_id") ?? throw FakeApiError.BadRequest("QUERY_ID_INVALID");
        var text = request.String("text");
        if (text is { Length: > MaxCallbackAnswerLength }) throw FakeApiError.BadRequest("MESSAGE_TOO_LONG");
        lock (_gate)
        {
            if (!_openQueries.Remove(id)) throw FakeApiError.BadRequest("query is too old and response timeout expired or query ID is invalid");
            _answers.Add(new CallbackAnswer(id, text, request.Bool("show_alert")));
        }

        return JsonValue.Create(true);
    }

    private JsonNode SetMyCommands(FakeTelegramRequest request)
    {
        if (request.Json("commands") is not JsonArray array) throw FakeApiError.BadRequest("parameter \"commands\" is required");
        if (array.Count > 100) throw FakeApiError.BadRequest("too many commands");
        var commands = new List<(string, string)>();
        foreach (var item in array)
        {
            var name = item?["command"]?.GetValue<string>() ?? "";
            var description = item?["description"]?.GetValue<string>() ?? "";
            if (!CommandName().IsMatch(name)) throw FakeApiError.BadRequest("BOT_COMMAND_INVALID");
            if (description.Trim().Length is < 1 or > 256) throw FakeApiError.BadRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            commands.Add((name, description));
        }

        var scope = request.Json("scope");
        var scopeType = scope?["type"]?.GetValue<string>() ?? "default";
        long? scopeChat = scope?["chat_id"] is { } c ? long.Parse(c.ToString(), System.Globalization.CultureInfo.InvariantCulture) : null;
        if (scopeType is "chat" or "chat_administrators" or "chat_member" && scopeChat is null) throw FakeApiError.BadRequest("chat not found");
        var language = request.String("language_code") is { Length: > 0 } l ? l : null;
        if (language is not null && !Regex.IsMatch(language, "^[a-z]{2}$")) throw FakeApiError.BadRequest("invalid language code specified");
        lock (_gate) _commands.Add(new CommandList(scopeType, scopeChat, language, commands));
        return JsonValue.Create(true);
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    // ---- limits ----

    private readonly Dictionary<long, DateTimeOffset> _lastToChat = [];
    private readonly Queue<DateTimeOffset> _lastSecond = new();

    /// <summary>No more than <see cref="FakeTelegramLimits.PerChatPerSecond"/> to one chat, <see cref="FakeTelegramLimits.GlobalPerSecond"/> overall.</summary>
    private void CheckLimits(long chatId)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var perChat = TimeSpan.FromSeconds(1 / Limits.PerChatPerSecond) - Limits.PerChatTolerance;
            if (_lastToChat.TryGetValue(chatId, out var last) && now - last < perChat) throw TooManyRequests(Limits.RetryAfterSeconds ?? Seconds(perChat - (now - last)));
            while (_lastSecond.Count > 0 && now - _lastSecond.Peek() >= TimeSpan.FromSeconds(1)) _lastSecond.Dequeue();
            if (_lastSecond.Count >= Limits.GlobalPerSecond)
                throw TooManyRequests(Limits.RetryAfterSeconds ?? Seconds(TimeSpan.FromSeconds(1) - (now - _lastSecond.Peek())));
            _lastToChat[chatId] = now;
            _lastSecond.Enqueue(now);
        }
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static FakeApiError TooManyRequests(int retryAfter) =>
        new(429, $"Too Many Requests: retry after {retryAfter}", new JsonObject { ["retry_after"] = retryAfter });

    // ---- shapes ----

    /// <summary>The text a person sees (HTML parsed when asked for), within Telegram's 1..max characters after parsing.</summary>
    private static string Visible(string text, string? parseMode, int max, string tooLong, string? empty)
    {
        var plain = parseMode?.ToLowerInvariant() switch
        {
            null or "" => text,
            "html" => FakeTelegramHtml.ToPlain(text),
            _ => throw FakeApiError.BadRequest($"unsupported parse_mode \"{parseMode}\" in this fake"),
        };
        var trimmed = plain.Trim();
        if (empty is not null && trimmed.Length == 0) throw FakeApiError.BadRequest(empty);
        if (trimmed.Length > max) throw FakeApiError.BadRequest(tooLong);
        return trimmed;
    }

    private static IReadOnlyList<IReadOnlyList<FakeButton>> Keyboard(JsonNode? markup)
    {
        if (markup?["inline_keyboard"] is not JsonArray rows) return [];
        return rows.Select(row => (IReadOnlyList<FakeButton>)(row as JsonArray ?? []).Select(b =>
        {
            var text = b?["text"]?.GetValue<string>() ?? "";
            if (text.Trim().Length == 0) throw FakeApiError.BadRequest("text buttons are unallowed in the inline keyboard");
            var data = b?["callback_data"]?.GetValue<string>();
            if (data is not null && Encoding.UTF8.GetByteCount(data) is < 1 or > MaxCallbackDataBytes) throw FakeApiError.BadRequest("BUTTON_DATA_INVALID");
            var webApp = b?["web_app"]?["url"]?.GetValue<string>();
            if (webApp is not null && !webApp.StartsWith("https://", StringComparison.Ordinal)) throw FakeApiError.BadRequest("BUTTON_URL_INVALID");
            return new FakeButton(text, data, webApp);
        }).ToList()).ToList();
    }

    private static bool SameKeyboard(IReadOnlyList<IReadOnlyList<FakeButton>> a, IReadOnlyList<IReadOnlyList<FakeButton>> b) =>
        a.Count == b.Count && a.Zip(b).All(r => r.First.SequenceEqual(r.Second));

    private JsonObject MessageJson(long chatId, int messageId, string? text)
    {
        var json = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["chat"] = chatId > 0 ? Chat(chatId, "private", "Оксана") : Chat(chatId, "supergroup", ""),
            ["from"] = User(BotId, "Шкільний журнал", isBot: true),
        };
        if (text is not null) json["text"] = text;
        return json;
    }
}
