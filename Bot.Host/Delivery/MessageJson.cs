using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The payload of a composed digest: `{"message": [...], ...extra}`.</summary>
    public static string Payload(Message message, object? extra = null)
    {
        var node = extra is null ? new JsonObject() : JsonSerializer.SerializeToNode(extra, JsonSerializerOptions.Web)!.AsObject();
        node["message"] = ToJson(message);
        return Bot.Domain.Notifications.OutboxWriter.Serialize(node);
    }
}
