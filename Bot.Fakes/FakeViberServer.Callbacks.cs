using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Fakes;

/// <summary>
/// The people's side: each act is a callback posted to the bot's webhook as Viber posts it — JSON with millisecond
/// timestamps and a 64-bit `message_token`, signed with `X-Viber-Content-Signature` (lowercase hex HMAC-SHA256 of
/// the body keyed with the token). A person's message carries the `tracking_data` of the bot's last message to them,
/// and a button can be pressed only on the keyboard they have in front of them (the last one sent).
/// </summary>
public sealed partial class FakeViberServer
{
    /// <summary>The person opens the chat (a tap on `viber://pa?chatURI=...&amp;context=...`); the bot's answer is its welcome message.</summary>
    public async Task<ViberCallbackPost> UserOpensAsync(string userId, string? context = null, string name = "Оксана")
    {
        var user = AddUser(userId, name);
        var callback = new JsonObject
        {
            ["event"] = "conversation_started", ["timestamp"] = Now(), ["message_token"] = long.Parse(NextToken()), ["type"] = "open",
            ["context"] = context, ["user"] = UserJson(user), ["subscribed"] = user.Subscribed,
        };
        var post = await PostCallbackAsync(callback);
        if (post.HttpStatus == 200 && post.ResponseBody.Length > 0) RecordWelcome(userId, post.ResponseBody);
        return post;
    }

    /// <summary>The person types a message; their first one subscribes them, and any resets Viber's count of messages without a reply.</summary>
    public Task<ViberCallbackPost> UserSendsAsync(string userId, string text, string name = "Оксана")
    {
        var user = AddUser(userId, name);
        lock (_gate)
        {
            user.Subscribed = true;
            _sentWithoutReply.Remove(userId);
        }

        return PostCallbackAsync(MessageCallback(user, text));
    }

    /// <summary>The person presses a reply button of the keyboard they see: its ActionBody comes as their message.</summary>
    public Task<ViberCallbackPost> UserPressesAsync(string userId, string actionBody)
    {
        var keyboard = CurrentKeyboard(userId);
        if (!keyboard.Any(b => b.ActionType == "reply" && b.ActionBody == actionBody))
            throw new InvalidOperationException($"{userId} has no button '{actionBody}' on their keyboard (it shows: {string.Join(", ", keyboard.Select(b => b.ActionBody))}).");
        return UserSendsAsync(userId, actionBody, User(userId)!.Name);
    }

    /// <summary>The buttons the person sees: the keyboard of the bot's last message to them (none if it had none).</summary>
    public IReadOnlyList<ViberSentButton> CurrentKeyboard(string userId) => MessagesTo(userId).LastOrDefault()?.Buttons ?? [];

    public Task<ViberCallbackPost> UserSubscribesAsync(string userId)
    {
        var user = AddUser(userId);
        lock (_gate) user.Subscribed = true;
        return PostCallbackAsync(new JsonObject { ["event"] = "subscribed", ["timestamp"] = Now(), ["user"] = UserJson(user), ["message_token"] = long.Parse(NextToken()) });
    }

    public Task<ViberCallbackPost> UserUnsubscribesAsync(string userId)
    {
        lock (_gate) AddUser(userId).Subscribed = false;
        return PostCallbackAsync(new JsonObject { ["event"] = "unsubscribed", ["timestamp"] = Now(), ["user_id"] = userId, ["message_token"] = long.Parse(NextToken()) });
    }

    /// <summary>A receipt for one of the bot's messages: `delivered`, `seen`, or `failed` with Viber's description.</summary>
    public Task<ViberCallbackPost> ReceiptAsync(ViberSentMessage message, string receipt, string? description = null)
    {
        var callback = new JsonObject
        {
            ["event"] = receipt, ["timestamp"] = Now(), ["message_token"] = long.Parse(message.MessageToken), ["user_id"] = message.Receiver,
        };
        if (description is not null) callback["desc"] = description;
        return PostCallbackAsync(callback);
    }

    /// <summary>Posts a callback to the webhook (signed as asked): how Viber calls, and how a forger would.</summary>
    public Task<ViberCallbackPost> PostCallbackAsync(JsonObject callback, ViberSigning signing = ViberSigning.Valid)
    {
        var url = Webhook?.Url ?? throw new InvalidOperationException("No webhook is set: the bot has not called set_webhook.");
        return PostToAsync(url, callback, signing);
    }

    /// <summary>Posts the very same body again (Viber retries a callback that was not answered in time).</summary>
    public Task<ViberCallbackPost> RedeliverAsync(ViberCallbackPost post) => PostCallbackAsync(post.Body);

    /// <summary>Posts any text with any signature header (null: none), for tests of what is not a callback.</summary>
    public async Task<(int Status, string Body)> PostRawAsync(string body, string? signature)
    {
        var url = Webhook?.Url ?? throw new InvalidOperationException("No webhook is set.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(SignatureHeader, signature);
        using var response = await _webhookHttp.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The signature Viber puts on a body.</summary>
    public static string Sign(byte[] body, string key = Token) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));

    private async Task<ViberCallbackPost> PostToAsync(string url, JsonObject callback, ViberSigning signing)
    {
        var bytes = Encoding.UTF8.GetBytes(callback.ToJsonString());
        var signature = signing switch
        {
            ViberSigning.Missing => null,
            ViberSigning.WrongKey => Sign(bytes, "not-the-token-" + Token),
            _ => Sign(bytes),
        };
        if (signing == ViberSigning.TamperedAfterSigning)
        {
            var changed = (JsonObject)callback.DeepClone();
            changed["tampered"] = true;
            bytes = Encoding.UTF8.GetBytes(changed.ToJsonString());
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null) request.Headers.Add(SignatureHeader, signature);
        int status;
        string responseBody;
        try
        {
            using var response = await _webhookHttp.SendAsync(request);
            status = (int)response.StatusCode;
            responseBody = await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException e)
        {
            status = 0;
            responseBody = e.Message;
        }

        var post = new ViberCallbackPost(callback["event"]!.GetValue<string>(), callback["message_token"]?.ToJsonString(), callback, status, responseBody);
        lock (_gate) _callbacks.Add(post);
        return post;
    }

    /// <summary>The welcome answered to `conversation_started` is shown as a message from the bot, when Viber would take it.</summary>
    private void RecordWelcome(string userId, string responseBody)
    {
        try
        {
            var body = JsonNode.Parse(responseBody) as JsonObject ?? throw FakeViberError.BadData("the welcome is not a JSON object");
            var message = ReadMessage(body, Utf8Length(responseBody), userId, welcome: true);
            lock (_gate) _messages.Add(message);
        }
        catch (Exception e) when (e is FakeViberError or System.Text.Json.JsonException)
        {
            lock (_gate) _welcomeErrors.Add(e.Message);
        }
    }

    private JsonObject MessageCallback(FakeViberUser user, string text) => new()
    {
        ["event"] = "message", ["timestamp"] = Now(), ["message_token"] = long.Parse(NextToken()), ["chat_hostname"] = "SN-CHAT-05_",
        ["sender"] = UserJson(user),
        ["message"] = new JsonObject { ["type"] = "text", ["text"] = text, ["tracking_data"] = MessagesTo(user.Id).LastOrDefault()?.TrackingData },
        ["silent"] = false,
    };

    private static JsonObject UserJson(FakeViberUser user) => new()
    {
        ["id"] = user.Id, ["name"] = user.Name, ["avatar"] = "https://example.invalid/avatar.jpg", ["country"] = "UA", ["language"] = "uk", ["api_version"] = 10,
    };

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
