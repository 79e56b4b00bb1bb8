using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Fakes;

/// <summary>The API methods the fake serves, each checking its parameters the way the Viber reference states them.</summary>
public sealed partial class FakeViberServer
{
    public const int MaxTextLength = 7000;
    public const int MaxSenderNameLength = 28;
    public const int MaxTrackingDataLength = 4000;
    public const int MaxRequestBytes = 30 * 1024;
    public const int KeyboardColumns = 6;
    public const int MaxKeyboardRows = 12;
    public const int MaxButtonTextLength = 250;

    private static readonly string[] ActionTypes = ["reply", "open-url", "location-picker", "share-phone", "none"];

    private readonly Dictionary<string, List<DateTimeOffset>> _sentWithoutReply = [];
    private readonly Dictionary<string, List<DateTimeOffset>> _detailsAsked = [];

    private async Task<JsonObject?> CallAsync(string method, JsonObject body, int bytes)
    {
        switch (method)
        {
            case "set_webhook":
                return await SetWebhookAsync(body);
            case "send_message":
                return SendMessage(body, bytes);
            case "get_account_info":
                return AccountInfo();
            case "get_user_details":
                return UserDetails(body);
            default:
                return null;
        }
    }

    /// <summary>Viber checks the URL at once with a signed `webhook` callback and sets it only when that got HTTP 200.</summary>
    private async Task<JsonObject> SetWebhookAsync(JsonObject body)
    {
        var url = Str(body, "url") ?? throw new FakeViberError(4, "missingData: url");
        var events = body["event_types"] is JsonArray a ? a.Select(e => e!.GetValue<string>()).ToList() : [];
        if (url.Length == 0)
        {
            lock (_gate) _webhook = null;
            return new JsonObject();
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || uri.Scheme == "http" && uri.IsLoopback))
            throw new FakeViberError(1, "invalidUrl: an HTTPS URL with a trusted certificate is required");
        var check = await PostToAsync(url, new JsonObject
        {
            ["event"] = "webhook", ["timestamp"] = Now(), ["chat_hostname"] = "SN-CHAT-05_", ["message_token"] = long.Parse(NextToken()),
        }, ViberSigning.Valid);
        if (check.HttpStatus != 200) throw new FakeViberError(1, $"invalidUrl: the webhook answered HTTP {check.HttpStatus}");
        lock (_gate) _webhook = new ViberWebhookState(url, events, body["send_name"]?.GetValue<bool>() ?? false, body["send_photo"]?.GetValue<bool>() ?? false);
        return new JsonObject { ["event_types"] = new JsonArray(events.Select(e => (JsonNode?)e).ToArray()) };
    }

    /// <summary>The account, then the body, then the person, then Viber's limit, then the message is recorded.</summary>
    private JsonObject SendMessage(JsonObject body, int bytes)
    {
        lock (_gate)
            if (_webhook is null) throw new FakeViberError(10, "webhookNotSet");
        var receiver = Str(body, "receiver");
        if (string.IsNullOrEmpty(receiver)) throw new FakeViberError(4, "missingData: receiver");
        var message = ReadMessage(body, bytes, receiver, welcome: false);
        lock (_gate)
        {
            if (!_users.TryGetValue(receiver, out var user) || !user.Registered) throw new FakeViberError(5, "receiverNotRegistered");
            if (!user.Subscribed) throw new FakeViberError(6, "receiverNotSubscribed");
            var now = _time.GetUtcNow();
            if (!_sentWithoutReply.TryGetValue(receiver, out var sent)) _sentWithoutReply[receiver] = sent = [];
            sent.RemoveAll(at => now - at >= TimeSpan.FromHours(1));
            if (sent.Count >= Limits.MessagesPerUserPerHour) throw new FakeViberError(12, "tooManyRequests");
            sent.Add(now);
            _messages.Add(message);
        }

        return new JsonObject { ["message_token"] = long.Parse(message.MessageToken), ["chat_hostname"] = "SN-CHAT-05_" };
    }

    /// <summary>A `send_message` body (or a welcome, which has no receiver), checked as Viber documents it.</summary>
    private ViberSentMessage ReadMessage(JsonObject body, int bytes, string receiver, bool welcome)
    {
        if (bytes > MaxRequestBytes) throw FakeViberError.BadData($"the request is {bytes} bytes; at most {MaxRequestBytes}");
        if (welcome && body.ContainsKey("receiver")) throw FakeViberError.BadData("a welcome message has no receiver");
        var type = Str(body, "type") ?? throw new FakeViberError(4, "missingData: type");
        if (type != "text") throw FakeViberError.BadData($"this fake takes text messages only, not '{type}'");
        var name = body["sender"] is JsonObject s ? Str(s, "name") : null;
        if (string.IsNullOrWhiteSpace(name)) throw new FakeViberError(4, "missingData: sender.name");
        if (name.Length > MaxSenderNameLength) throw FakeViberError.BadData($"sender.name is longer than {MaxSenderNameLength}");
        var text = Str(body, "text");
        if (string.IsNullOrWhiteSpace(text)) throw new FakeViberError(4, "missingData: text");
        if (text.Length > MaxTextLength) throw FakeViberError.BadData($"text is {text.Length} characters; at most {MaxTextLength}");
        var tracking = Str(body, "tracking_data");
        if (tracking is { Length: > MaxTrackingDataLength }) throw FakeViberError.BadData("tracking_data is longer than 4000");
        var (buttons, rows) = Keyboard(body["keyboard"]);
        return new ViberSentMessage(receiver, NextToken(), text, name, tracking, buttons, rows, welcome, bytes);
    }

    /// <summary>`{Type:"keyboard", Buttons:[{Columns 1–6, Rows 1–2, ActionType, ActionBody, Text ≤ 250}]}` in at most 12 rows of 6 columns.</summary>
    private static (IReadOnlyList<ViberSentButton>, IReadOnlyList<IReadOnlyList<ViberSentButton>>) Keyboard(JsonNode? node)
    {
        if (node is null) return ([], []);
        if (node is not JsonObject keyboard || Str(keyboard, "Type") != "keyboard") throw FakeViberError.BadData("keyboard.Type must be \"keyboard\"");
        if (keyboard["Buttons"] is not JsonArray { Count: > 0 } array) throw FakeViberError.BadData("keyboard.Buttons is required");
        var buttons = array.Select(b =>
        {
            if (b is not JsonObject o) throw FakeViberError.BadData("a button is not an object");
            var columns = o["Columns"]?.GetValue<int>() ?? KeyboardColumns;
            var rows = o["Rows"]?.GetValue<int>() ?? 1;
            if (columns is < 1 or > KeyboardColumns) throw FakeViberError.BadData($"Columns must be 1–6, not {columns}");
            if (rows is < 1 or > 2) throw FakeViberError.BadData($"Rows of a keyboard button must be 1–2, not {rows}");
            var action = Str(o, "ActionType") ?? "reply";
            if (!ActionTypes.Contains(action)) throw FakeViberError.BadData($"unknown ActionType '{action}'");
            var actionBody = Str(o, "ActionBody");
            if (string.IsNullOrEmpty(actionBody)) throw FakeViberError.BadData("ActionBody is required");
            var text = Str(o, "Text") ?? "";
            if (text.Length > MaxButtonTextLength) throw FakeViberError.BadData("button Text is longer than 250");
            return new ViberSentButton(columns, rows, action, actionBody, text, o["Silent"]?.GetValue<bool>() ?? false);
        }).ToList();

        // Buttons flow left to right and wrap at six columns, as the Viber client lays them out.
        var grid = new List<IReadOnlyList<ViberSentButton>>();
        var row = new List<ViberSentButton>();
        var used = 0;
        foreach (var button in buttons)
        {
            if (used + button.Columns > KeyboardColumns)
            {
                grid.Add(row);
                row = [];
                used = 0;
            }

            row.Add(button);
            used += button.Columns;
        }

        grid.Add(row);
        var height = grid.Sum(r => r.Max(b => b.Rows));
        if (height > MaxKeyboardRows) throw FakeViberError.BadData($"the keyboard is {height} rows high; at most {MaxKeyboardRows} show");
        return (buttons, grid);
    }

    private JsonObject AccountInfo()
    {
        lock (_gate)
            return new JsonObject
            {
                ["id"] = AccountId, ["name"] = AccountName, ["uri"] = ChatUri, ["icon"] = "https://example.invalid/icon.jpg",
                ["background"] = "https://example.invalid/bg.jpg", ["category"] = "Education", ["subcategory"] = "School",
                ["location"] = new JsonObject { ["lon"] = 30.52, ["lat"] = 50.45 }, ["country"] = "UA",
                ["webhook"] = _webhook?.Url ?? "", ["event_types"] = new JsonArray((_webhook?.EventTypes ?? []).Select(e => (JsonNode?)e).ToArray()),
                ["subscribers_count"] = _users.Values.Count(u => u.Subscribed),
                ["members"] = new JsonArray(new JsonObject { ["id"] = "01234567890A=", ["name"] = "Адміністратор", ["role"] = "admin" }),
            };
    }

    private JsonObject UserDetails(JsonObject body)
    {
        var id = Str(body, "id");
        if (string.IsNullOrEmpty(id)) throw new FakeViberError(4, "missingData: id");
        lock (_gate)
        {
            if (!_users.TryGetValue(id, out var user) || !user.Registered) throw new FakeViberError(5, "receiverNotRegistered");
            var now = _time.GetUtcNow();
            if (!_detailsAsked.TryGetValue(id, out var asked)) _detailsAsked[id] = asked = [];
            asked.RemoveAll(at => now - at >= TimeSpan.FromHours(12));
            if (asked.Count >= Limits.UserDetailsPerUserPer12Hours) throw new FakeViberError(12, "tooManyRequests");
            asked.Add(now);
            return new JsonObject
            {
                ["message_token"] = long.Parse(NextToken()),
                ["user"] = new JsonObject
                {
                    ["id"] = user.Id, ["name"] = user.Name, ["avatar"] = "https://example.invalid/avatar.jpg", ["country"] = "UA",
                    ["language"] = "uk", ["primary_device_os"] = "Android 14", ["api_version"] = 10, ["viber_version"] = "24.0.0.0",
                    ["mcc"] = 255, ["mnc"] = 1, ["device_type"] = "Pixel 8",
                },
            };
        }
    }

    private static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);
}
