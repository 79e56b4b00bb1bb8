using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Fakes;

/// <summary>
/// A Viber REST Bot API server on 127.0.0.1 for tests, written from the API reference: POST JSON to `/pa/{method}`
/// with `X-Viber-Auth-Token` (status 2 on a wrong one), every refusal as HTTP 200 with a `status`, a user base that
/// tests script (subscribed or not, gone from Viber, the account blocked), Viber's limit of messages per person per
/// hour (status 12). Tests play the people (<see cref="UserOpensAsync"/>, <see cref="UserSendsAsync"/>,
/// <see cref="UserPressesAsync"/>, ...): each is a callback signed as Viber signs them and posted to the bot's
/// webhook, including `set_webhook`'s immediate `webhook` check; forged and tampered ones too. Everything the bot
/// sent is recorded.
/// </summary>
public sealed partial class FakeViberServer : IAsyncDisposable
{
    public const string Token = "4f1d2c3b4a596877-8a9b0c1d2e3f4051-viber-test-token";
    public const string AccountId = "pa:5123456789012345678";
    public const string ChatUri = "schooljournaltest";
    public const string AccountName = "Шкільний журнал (тест)";
    public const string AuthTokenHeader = "X-Viber-Auth-Token";
    public const string SignatureHeader = "X-Viber-Content-Signature";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeViberUser> _users = [];
    private readonly List<ViberSentMessage> _messages = [];
    private readonly List<ViberApiCall> _calls = [];
    private readonly List<ViberCallbackPost> _callbacks = [];
    private readonly List<string> _welcomeErrors = [];
    private readonly List<(int Status, string? Method)> _httpFailures = [];
    private HttpClient _webhookHttp = null!;
    private ViberWebhookState? _webhook;
    private long _nextToken = 5_400_000_000_000_000_000;

    private FakeViberServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public FakeViberLimits Limits { get; } = new();

    /// <summary>Set it to make every call of the bot answer 7 (blocked) or 9 (suspended).</summary>
    public FakeViberAccount Account { get; set; } = FakeViberAccount.Active;

    /// <summary>`http://127.0.0.1:{port}/pa/`: the bot's `Viber:ApiBaseUrl` (with its trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeViberServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpClient();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new FakeViberServer(app, time ?? TimeProvider.System);
        app.Run(server.DispatchAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/pa/";
        server._webhookHttp = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        return server;
    }

    // ---- the user base ----

    /// <summary>Adds (or returns) a person; <paramref name="subscribed"/> as if they had written to the bot before.</summary>
    public FakeViberUser AddUser(string id, string name = "Оксана", bool subscribed = false)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(id, out var user)) _users[id] = user = new FakeViberUser(id, name);
            if (subscribed) user.Subscribed = true;
            return user;
        }
    }

    public FakeViberUser? User(string id)
    {
        lock (_gate) return _users.GetValueOrDefault(id);
    }

    /// <summary>The person left Viber: messages to them get status 5.</summary>
    public void Unregister(string userId)
    {
        lock (_gate) AddUser(userId).Registered = false;
    }

    /// <summary>The person blocked the bot without the bot hearing of it: messages to them get status 6.</summary>
    public void Unsubscribe(string userId)
    {
        lock (_gate) AddUser(userId).Subscribed = false;
    }

    /// <summary>The next <paramref name="times"/> calls answer this HTTP status instead of Viber's JSON.</summary>
    /// <param name="method">Only calls of this method ("send_message") fail; null: the next calls of any method (a host's own
    /// background calls, such as `get_account_info`, may then take the failure first).</param>
    public void HttpFailureNext(int httpStatus = 500, int times = 1, string? method = null)
    {
        lock (_gate)
            for (var i = 0; i < times; i++) _httpFailures.Add((httpStatus, method));
    }

    /// <summary>Sets a webhook as if the bot had (a process that only sends still needs one: status 10 otherwise).</summary>
    public void SetWebhookForTest(string url)
    {
        lock (_gate) _webhook = new ViberWebhookState(url, [], true, false);
    }

    // ---- what the bot did ----

    public ViberWebhookState? Webhook
    {
        get { lock (_gate) return _webhook; }
    }

    public IReadOnlyList<ViberSentMessage> Messages
    {
        get { lock (_gate) return _messages.ToList(); }
    }

    public IReadOnlyList<ViberSentMessage> MessagesTo(string userId)
    {
        lock (_gate) return _messages.Where(m => m.Receiver == userId).ToList();
    }

    public IReadOnlyList<ViberApiCall> Calls
    {
        get { lock (_gate) return _calls.ToList(); }
    }

    public IReadOnlyList<ViberApiCall> CallsOf(string method)
    {
        lock (_gate) return _calls.Where(c => c.Method == method).ToList();
    }

    public IReadOnlyList<ViberCallbackPost> Callbacks
    {
        get { lock (_gate) return _callbacks.ToList(); }
    }

    /// <summary>Welcome messages (answers to `conversation_started`) that Viber would not have shown, and why.</summary>
    public IReadOnlyList<string> WelcomeErrors
    {
        get { lock (_gate) return _welcomeErrors.ToList(); }
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- dispatch ----

    private async Task DispatchAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (http.Request.Method != HttpMethods.Post || !path.StartsWith("/pa/", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var method = path["/pa/".Length..];
        int? failure;
        lock (_gate)
        {
            var at = _httpFailures.FindIndex(f => f.Method is null || f.Method == method);
            failure = at < 0 ? null : _httpFailures[at].Status;
            if (at >= 0) _httpFailures.RemoveAt(at);
        }

        if (failure is { } code)
        {
            Record(method, code, null, "scripted HTTP failure");
            http.Response.StatusCode = code;
            return;
        }

        string? receiver = null;
        try
        {
            if (http.Request.Headers[AuthTokenHeader].ToString() != Token) throw new FakeViberError(2, "invalidAuthToken");
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            JsonObject body;
            try
            {
                body = JsonNode.Parse(bytes) as JsonObject ?? throw FakeViberError.BadData("the body is not a JSON object");
            }
            catch (JsonException e)
            {
                throw FakeViberError.BadData("the body is not JSON: " + e.Message);
            }

            receiver = Str(body, "receiver") ?? Str(body, "id");
            if (Account != FakeViberAccount.Active)
                throw Account == FakeViberAccount.Blocked ? new FakeViberError(7, "publicAccountBlocked") : new FakeViberError(9, "publicAccountSuspended");
            var result = await CallAsync(method, body, bytes.Length);
            if (result is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                Record(method, 404, receiver, "no such method");
                return;
            }

            result["status"] = 0;
            result["status_message"] = "ok";
            Record(method, 0, receiver);
            await http.Response.WriteAsJsonAsync(result);
        }
        catch (FakeViberError error)
        {
            Record(method, error.Status, receiver, error.StatusMessage);
            await http.Response.WriteAsJsonAsync(new JsonObject { ["status"] = error.Status, ["status_message"] = error.StatusMessage });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of the fake itself: say so in the calls, where a failing test shows them.
            Record(method, 500, receiver, $"fake failed: {e.GetType().Name}: {e.Message}");
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }

    private void Record(string method, int status, string? receiver, string? message = null)
    {
        lock (_gate) _calls.Add(new ViberApiCall(method, status, receiver, _time.GetUtcNow(), message));
    }

    private string NextToken() => Interlocked.Increment(ref _nextToken).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
