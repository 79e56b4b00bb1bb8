using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Bot.Host.Viber;

/// <summary>
/// The shapes of the Viber REST Bot API that the bot uses, named exactly as on the wire (snake_case for the API,
/// PascalCase inside keyboards). Written by hand: no Viber package is obtainable (docs/architecture.md "Dependencies").
/// </summary>
public static class ViberJson
{
    /// <summary>Cyrillic written as itself: escaped, 7000 characters of Ukrainian would not fit in Viber's 30 KB request.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record ViberMessageSender(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("avatar")] string? Avatar = null);

/// <summary>`send_message` (and, without <see cref="Receiver"/>, the welcome message answered to `conversation_started`).</summary>
public sealed record ViberMessage(
    [property: JsonPropertyName("receiver")] string? Receiver,
    [property: JsonPropertyName("sender")] ViberMessageSender Sender,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("tracking_data")] string? TrackingData = null,
    [property: JsonPropertyName("keyboard")] ViberKeyboard? Keyboard = null)
{
    [JsonPropertyName("type")] public string Type => "text";

    [JsonPropertyName("min_api_version")] public int MinApiVersion => 1;
}

public sealed record ViberKeyboard(
    [property: JsonPropertyName("Buttons")] IReadOnlyList<ViberButton> Buttons,
    [property: JsonPropertyName("DefaultHeight")] bool DefaultHeight = false)
{
    [JsonPropertyName("Type")] public string Type => "keyboard";
}

/// <summary>A reply button: pressing it sends <see cref="ActionBody"/> back as the person's message (silently).</summary>
public sealed record ViberButton(
    [property: JsonPropertyName("Columns")] int Columns,
    [property: JsonPropertyName("Rows")] int Rows,
    [property: JsonPropertyName("ActionBody")] string ActionBody,
    [property: JsonPropertyName("Text")] string Text)
{
    /// <summary>"reply" (the data comes back as the person's message), or "open-url" (a page opens: the lesson page, ADR 0046).</summary>
    [JsonPropertyName("ActionType")] public string ActionType { get; init; } = "reply";

    /// <summary>"internal": an open-url button opens Viber's own browser.</summary>
    [JsonPropertyName("OpenURLType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? OpenUrlType { get; init; }

    /// <summary>The data is for the bot, not for the chat: the person does not see "st|m" as their own message.</summary>
    [JsonPropertyName("Silent")] public bool Silent => true;
}

/// <summary>What every call answers: <see cref="Status"/> 0 is success, whatever the HTTP status said.</summary>
public record ViberResponse
{
    [JsonPropertyName("status")] public int StatusCode { get; init; } = -1;
    [JsonPropertyName("status_message")] public string? StatusMessage { get; init; }

    [JsonIgnore] public ViberStatus Status => (ViberStatus)StatusCode;
    [JsonIgnore] public bool IsOk => StatusCode == 0;

    public sealed override string ToString() => $"{StatusCode} {StatusMessage}";
}

public sealed record ViberSendResponse : ViberResponse
{
    [JsonPropertyName("message_token"), JsonConverter(typeof(NumberOrStringConverter))] public string? MessageToken { get; init; }
    [JsonPropertyName("chat_hostname")] public string? ChatHostname { get; init; }
}

public sealed record ViberWebhookResponse : ViberResponse
{
    [JsonPropertyName("event_types")] public IReadOnlyList<string>? EventTypes { get; init; }
}

public sealed record ViberAccountInfo : ViberResponse
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("uri")] public string? Uri { get; init; }
    [JsonPropertyName("webhook")] public string? Webhook { get; init; }
    [JsonPropertyName("event_types")] public IReadOnlyList<string>? EventTypes { get; init; }
    [JsonPropertyName("subscribers_count")] public long? SubscribersCount { get; init; }
}

public sealed record ViberUserDetails : ViberResponse
{
    [JsonPropertyName("user")] public ViberUser? User { get; init; }
}

public sealed record ViberUser
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("avatar")] public string? Avatar { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("api_version")] public int? ApiVersion { get; init; }
}

/// <summary>A callback Viber posts to the webhook; which fields are set depends on <see cref="Event"/>.</summary>
public sealed record ViberCallback
{
    [JsonPropertyName("event")] public string Event { get; init; } = "";
    [JsonPropertyName("timestamp")] public long Timestamp { get; init; }

    /// <summary>Up to 64-bit, sometimes beyond what a double holds exactly: kept as the digits that came.</summary>
    [JsonPropertyName("message_token"), JsonConverter(typeof(NumberOrStringConverter))] public string? MessageToken { get; init; }

    [JsonPropertyName("user")] public ViberUser? User { get; init; }
    [JsonPropertyName("sender")] public ViberUser? Sender { get; init; }
    [JsonPropertyName("user_id")] public string? UserId { get; init; }
    [JsonPropertyName("message")] public ViberIncomingMessage? Message { get; init; }

    /// <summary>`conversation_started`: "open", the deep link's `context`, and whether the person is subscribed already.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("context")] public string? Context { get; init; }
    [JsonPropertyName("subscribed")] public bool? Subscribed { get; init; }

    /// <summary>`failed`: Viber's words for why.</summary>
    [JsonPropertyName("desc")] public string? Description { get; init; }
}

public sealed record ViberIncomingMessage
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("tracking_data")] public string? TrackingData { get; init; }
}

/// <summary>Reads a JSON number or string as the text it carries (Viber's tokens are large integers).</summary>
public sealed class NumberOrStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a number or a string, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
