using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Domain.Notifications;
using Bot.Host.Conversation;

namespace Bot.Host.Delivery;

/// <summary>
/// A neutral message kept in an outbox payload (digests are composed by a job and sent later): lines of spans as
/// `[["b","Іваненко Олег"],["p",", 7-А"]]`, one array per line. Buttons are not kept (the outbox sends none).
/// </summary>
public static class MessageJson
{
    public static JsonArray ToJson(Message message)
    {
        var lines = new JsonArray();
        foreach (var line in message.Lines)
        {
            var spans = new JsonArray();
            foreach (var span in line)
            {
                spans.Add(span switch
                {
                    Span.Bold b => new JsonArray("b", b.Value),
                    Span.Italic i => new JsonArray("i", i.Value),
                    Span.Code c => new JsonArray("c", c.Value),
                    Span.Link l => new JsonArray("a", l.Value, l.Url),
                    _ => new JsonArray("p", span.Text),
                });
            }

            lines.Add(spans);
        }

        return lines;
    }

    public static Message FromJson(JsonNode? node)
    {
        var message = new Message();
        foreach (var line in node as JsonArray ?? [])
        {
            var spans = (line as JsonArray ?? []).OfType<JsonArray>().Select(s => (Kind: s[0]?.GetValue<string>(), Text: s[1]?.GetValue<string>() ?? "", Extra: s.Count > 2 ? s[2]?.GetValue<string>() : null))
                .Select(s => s.Kind switch
                {
                    "b" => new Span.Bold(s.Text),
                    "i" => new Span.Italic(s.Text),
                    "c" => new Span.Code(s.Text),
                    "a" when s.Extra is not null => new Span.Link(s.Text, s.Extra),
                    _ => (Span)new Span.Plain(s.Text),
                }).ToArray();
            message.Line(spans);
        }

        return message;
    }

    private static readonly JsonWriterOptions Writer = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>
    /// The payload of a composed digest: its typed fields (<paramref name="payload"/>, as <see cref="OutboxPayloads"/>
    /// stores them) and `"message": [...]`, the message written straight to UTF-8 (the evening diary writes ten thousand
    /// of them at once). The row's kind is <see cref="OutboxPayload.Kind"/>.
    /// </summary>
    public static string Payload(OutboxPayload payload, Message message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            foreach (var field in JsonSerializer.SerializeToElement(payload with { Message = null }, payload.GetType(), OutboxPayloads.Json).EnumerateObject())
                field.WriteTo(json);
            json.WriteStartArray("message");
            foreach (var line in message.Lines)
            {
                json.WriteStartArray();
                foreach (var span in line)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(span switch { Span.Bold => "b", Span.Italic => "i", Span.Code => "c", Span.Link => "a", _ => "p" });
                    json.WriteStringValue(span.Text);
                    if (span is Span.Link link) json.WriteStringValue(link.Url);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
