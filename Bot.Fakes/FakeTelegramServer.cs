using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Fakes;

/// <summary>
/// A Telegram Bot API server on 127.0.0.1 for tests, written from the Bot API reference: `/bot{token}/{method}` with
/// JSON or form parameters, Telegram's answers and errors, its limits (429 with `retry_after`), long polling and
/// webhook delivery. Tests play the users (<see cref="UserSends"/>, <see cref="UserPresses"/>), script failures, and
/// read what the bot sent.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    public const string Token = "123456:TEST-token_for-tests";
    public const long BotId = 123456;
    public const string Username = "school_journal_test_bot";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();

    private readonly List<SentMessage> _messages = [];
    private readonly List<SentDocument> _documents = [];
    private readonly List<CallbackAnswer> _answers = [];
    private readonly List<CommandList> _commands = [];
    private readonly List<ApiCall> _calls = [];
    private readonly Dictionary<long, FakeApiError> _chatStates = [];
    private readonly Dictionary<long, Queue<Scripted>> _scripted = [];
    private int _nextMessageId = 100;

    private FakeTelegramServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public FakeTelegramLimits Limits { get; } = new();

    /// <summary>`http://127.0.0.1:{port}`: the bot's `Telegram:ApiBaseUrl`.</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeTelegramServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpClient();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new FakeTelegramServer(app, time ?? TimeProvider.System);
        app.Run(server.DispatchAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        server._webhookHttp = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        server._delivery = Task.Run(server.DeliverToWebhookAsync);
        return server;
    }

    // ---- the users' side ----

    /// <summary>A person writes to the bot; returns the update's id.</summary>
    public int UserSends(long chatId, long userId, string text, string chatType = "private", string firstName = "Оксана") =>
        Enqueue(id => new JsonObject
        {
            ["update_id"] = id,
            ["message"] = new JsonObject
            {
                ["message_id"] = NextMessageId(),
                ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
                ["chat"] = Chat(chatId, chatType, firstName),
                ["from"] = User(userId, firstName),
                ["text"] = text,
                ["entities"] = text.StartsWith('/')
                    ? new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length })
                    : null,
            },
        });

    /// <summary>A person sends a file (a document, no text) to the bot; returns the update's id.</summary>
    public int UserSendsDocument(long chatId, long userId, string fileName, string firstName = "Оксана") =>
        Enqueue(id => new JsonObject
        {
            ["update_id"] = id,
            ["message"] = new JsonObject
            {
                ["message_id"] = NextMessageId(),
                ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
                ["chat"] = Chat(chatId, "private", firstName),
                ["from"] = User(userId, firstName),
                ["document"] = new JsonObject { ["file_id"] = $"doc{id}", ["file_unique_id"] = $"u{id}", ["file_name"] = fileName, ["file_size"] = 1024 },
            },
        });

    /// <summary>A person presses an inline button under the bot's message; returns the callback query's id.</summary>
    public string UserPresses(long chatId, long userId, string data, int messageId, string firstName = "Оксана")
    {
        var queryId = $"cq{Guid.NewGuid():N}";
        lock (_gate) _openQueries.Add(queryId);
        Enqueue(id => new JsonObject
        {
            ["update_id"] = id,
            ["callback_query"] = new JsonObject
            {
                ["id"] = queryId,
                ["from"] = User(userId, firstName),
                ["message"] = new JsonObject
                {
                    ["message_id"] = messageId,
                    ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
                    ["chat"] = Chat(chatId, "private", firstName),
                    ["from"] = User(BotId, "Шкільний журнал", isBot: true),
                    ["text"] = "…",
                },
                ["chat_instance"] = $"ci{chatId}",
                ["data"] = data,
            },
        });
        return queryId;
    }

    // ---- scripting Telegram's refusals ----

    /// <summary>The person blocked the bot: 403 "Forbidden: bot was blocked by the user".</summary>
    public void Block(long chatId) => SetChatState(chatId, new FakeApiError(403, "Forbidden: bot was blocked by the user"));

    /// <summary>The person's account is gone: 403 "Forbidden: user is deactivated".</summary>
    public void DeactivateUser(long chatId) => SetChatState(chatId, new FakeApiError(403, "Forbidden: user is deactivated"));

    /// <summary>400 "Bad Request: chat not found".</summary>
    public void ForgetChat(long chatId) => SetChatState(chatId, FakeApiError.BadRequest("chat not found"));

    /// <summary>The group became a supergroup: 400 with `migrate_to_chat_id`; the new chat takes messages.</summary>
    public void MigrateChat(long chatId, long newChatId) => SetChatState(chatId,
        new FakeApiError(400, "Bad Request: group chat was upgraded to a supergroup chat", new JsonObject { ["migrate_to_chat_id"] = newChatId }));

    /// <summary>The next <paramref name="times"/> messages to the chat get 429 with this `retry_after`, whatever the rate.</summary>
    public void TooManyRequestsNext(long chatId, int retryAfter, int times = 1) => Script(chatId, times, new Scripted(retryAfter, DropConnection: false));

    /// <summary>The next <paramref name="times"/> messages to the chat lose their connection without an answer.</summary>
    public void DropConnectionNext(long chatId, int times = 1) => Script(chatId, times, new Scripted(0, DropConnection: true));

    // ---- what the bot did ----

    public IReadOnlyList<SentMessage> Messages
    {
        get { lock (_gate) return _messages.ToList(); }
    }

    public IReadOnlyList<SentMessage> MessagesTo(long chatId)
    {
        lock (_gate) return _messages.Where(m => m.ChatId == chatId).ToList();
    }

    public IReadOnlyList<SentDocument> Documents
    {
        get { lock (_gate) return _documents.ToList(); }
    }

    public IReadOnlyList<CallbackAnswer> CallbackAnswers
    {
        get { lock (_gate) return _answers.ToList(); }
    }

    public IReadOnlyList<CommandList> Commands
    {
        get { lock (_gate) return _commands.ToList(); }
    }

    public IReadOnlyList<ApiCall> Calls
    {
        get { lock (_gate) return _calls.ToList(); }
    }

    public IReadOnlyList<ApiCall> CallsOf(string method)
    {
        lock (_gate) return _calls.Where(c => c.Method.Equals(method, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>Waits (polling, bounded) until the chat has at least <paramref name="count"/> messages from the bot.</summary>
    public async Task<IReadOnlyList<SentMessage>> WaitForMessagesAsync(long chatId, int count = 1, TimeSpan? timeout = null)
    {
        try
        {
            await WaitUntilAsync(() => MessagesTo(chatId).Count >= count, timeout, $"{count} message(s) to chat {chatId}");
        }
        catch (TimeoutException e)
        {
            var calls = string.Join(", ", Calls.Select(c => $"{c.Method}:{c.Status}{(c.Error is null ? "" : $" ({c.Error})")}"));
            var deliveries = string.Join(", ", WebhookDeliveries.Select(d => $"{d.UpdateId}:{d.Status}"));
            throw new TimeoutException($"{e.Message} Pending updates: {PendingUpdates}. Calls: {calls}. Webhook deliveries: {deliveries}");
        }

        return MessagesTo(chatId);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string what = "the condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        lock (_gate) _updateArrived.TrySetResult();
        try { await _delivery; }
        catch (OperationCanceledException) { }
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    // ---- dispatch ----

    [GeneratedRegex("^/bot(?<token>[^/]+)/(?<method>[A-Za-z]+)$")]
    private static partial Regex Route();

    private async Task DispatchAsync(HttpContext http)
    {
        var match = Route().Match(http.Request.Path.Value ?? "");
        if (!match.Success)
        {
            await WriteAsync(http, new FakeApiError(404, "Not Found"), null, null);
            return;
        }

        var method = match.Groups["method"].Value;
        if (match.Groups["token"].Value != Token)
        {
            await WriteAsync(http, new FakeApiError(401, "Unauthorized"), method, null);
            return;
        }

        long? chatId = null;
        try
        {
            var request = await FakeTelegramRequest.ReadAsync(http.Request);
            chatId = request.Long("chat_id");
            var result = await CallAsync(method, request, http);
            if (result is null) return; // the connection was dropped on purpose
            Record(method, 200, chatId);
            await http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true, ["result"] = result });
        }
        catch (FakeApiError error)
        {
            await WriteAsync(http, error, method, chatId);
        }
        catch (System.Text.Json.JsonException e)
        {
            await WriteAsync(http, FakeApiError.BadRequest("can't parse JSON: " + e.Message), method, chatId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of the fake itself: say so in the calls, where a failing test shows them.
            await WriteAsync(http, new FakeApiError(500, $"Internal Server Error: fake failed: {e.GetType().Name}: {e.Message}"), method, chatId);
        }
    }

    private async Task WriteAsync(HttpContext http, FakeApiError error, string? method, long? chatId)
    {
        if (method is not null) Record(method, error.Code, chatId, error.Description);
        http.Response.StatusCode = error.Code;
        var body = new JsonObject { ["ok"] = false, ["error_code"] = error.Code, ["description"] = error.Description };
        if (error.Parameters is not null) body["parameters"] = error.Parameters.DeepClone();
        await http.Response.WriteAsJsonAsync(body);
    }

    private void Record(string method, int status, long? chatId, string? error = null)
    {
        lock (_gate) _calls.Add(new ApiCall(method, status, chatId, _time.GetUtcNow(), error));
    }

    private void SetChatState(long chatId, FakeApiError state)
    {
        lock (_gate) _chatStates[chatId] = state;
    }

    private void Script(long chatId, int times, Scripted scripted)
    {
        lock (_gate)
        {
            if (!_scripted.TryGetValue(chatId, out var queue)) _scripted[chatId] = queue = new Queue<Scripted>();
            for (var i = 0; i < times; i++) queue.Enqueue(scripted);
        }
    }

    private int NextMessageId() => Interlocked.Increment(ref _nextMessageId);

    private static JsonObject Chat(long chatId, string type, string firstName) => type == "private"
        ? new JsonObject { ["id"] = chatId, ["type"] = type, ["first_name"] = firstName }
        : new JsonObject { ["id"] = chatId, ["type"] = type, ["title"] = "Батьки 7-А" };

    private static JsonObject User(long id, string firstName, bool isBot = false) => isBot
        ? new JsonObject { ["id"] = id, ["is_bot"] = true, ["first_name"] = firstName, ["username"] = Username }
        : new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = firstName, ["language_code"] = "uk" };

    private sealed record Scripted(int RetryAfter, bool DropConnection);
}
