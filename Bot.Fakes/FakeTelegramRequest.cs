using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bot.Fakes;

/// <summary>
/// The parameters of a Bot API call, however they came: JSON body, urlencoded or multipart form, or query string (the
/// Bot API accepts all four). Objects sent in a form arrive as JSON text and are parsed on demand.
/// </summary>
public sealed class FakeTelegramRequest
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IFormFile> _files = new(StringComparer.Ordinal);

    public static async Task<FakeTelegramRequest> ReadAsync(HttpRequest http)
    {
        var request = new FakeTelegramRequest();
        foreach (var (key, value) in http.Query) request._values[key] = JsonValue.Create(value.ToString());
        if (http.HasJsonContentType())
        {
            var body = await JsonNode.ParseAsync(http.Body);
            if (body is JsonObject o)
                foreach (var (key, value) in o) request._values[key] = value?.DeepClone();
        }
        else if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync();
            foreach (var (key, value) in form) request._values[key] = JsonValue.Create(value.ToString());
            foreach (var file in form.Files) request._files[file.Name] = file;
        }

        return request;
    }

    public bool Has(string name) => _values.ContainsKey(name) || _files.ContainsKey(name);

    public string? String(string name) => _values.GetValueOrDefault(name) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    public long? Long(string name) => String(name) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool Bool(string name) => String(name) is "true" or "True" or "1";

    /// <summary>A structured parameter: as sent in a JSON body, or parsed from its JSON text in a form.</summary>
    public JsonNode? Json(string name) => _values.GetValueOrDefault(name) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonNode.Parse(v.GetValue<string>()),
        var node => node,
    };

    public IFormFile? File(string name) => _files.GetValueOrDefault(name);

    public long RequiredChatId() =>
        Long("chat_id") ?? throw FakeApiError.BadRequest(Has("chat_id") ? "chat not found" : "chat_id is empty");
}
