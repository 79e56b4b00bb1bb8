using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bot.Host.Viber;

/// <summary>
/// A small typed client of the Viber REST Bot API over <see cref="HttpClient"/>: POST JSON to `{ApiBaseUrl}{method}`
/// with `X-Viber-Auth-Token`. Viber answers refusals with HTTP 200 and a <see cref="ViberResponse.Status"/>: the
/// client returns them as they are for the caller to judge; it throws only when nothing usable came back (network,
/// HTTP error, not JSON), which is worth retrying.
/// </summary>
public sealed class ViberClient(IHttpClientFactory http, IOptions<ViberOptions> options)
{
    public const string HttpClientName = "viber";
    public const string AuthTokenHeader = "X-Viber-Auth-Token";

    /// <summary>Viber's limit of a request body (30 KB).</summary>
    public const int MaxRequestBytes = 30 * 1024;

    /// <summary>The callbacks the bot asks for; `message` and the `webhook` check always come.</summary>
    public static readonly IReadOnlyList<string> EventTypes = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"];

    /// <summary>`set_webhook`: Viber calls <paramref name="url"/> with the `webhook` event before it answers.</summary>
    public Task<ViberWebhookResponse> SetWebhookAsync(string url, CancellationToken ct = default) =>
        PostAsync<ViberWebhookResponse>("set_webhook", new { url, event_types = EventTypes, send_name = true, send_photo = false }, ct);

    public Task<ViberSendResponse> SendMessageAsync(ViberMessage message, CancellationToken ct = default) =>
        PostAsync<ViberSendResponse>("send_message", message, ct);

    public Task<ViberAccountInfo> GetAccountInfoAsync(CancellationToken ct = default) =>
        PostAsync<ViberAccountInfo>("get_account_info", new { }, ct);

    /// <summary>`get_user_details`: Viber allows it twice per person in 12 hours (then status 12); do not call it per message.</summary>
    public Task<ViberUserDetails> GetUserDetailsAsync(string userId, CancellationToken ct = default) =>
        PostAsync<ViberUserDetails>("get_user_details", new { id = userId }, ct);

    /// <summary>The request body as it goes on the wire (UTF-8 JSON, Cyrillic unescaped).</summary>
    public static byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ViberJson.Options);

    private async Task<T> PostAsync<T>(string method, object body, CancellationToken ct) where T : ViberResponse
    {
        var o = options.Value;
        var client = http.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.ApiBaseUrl), method));
        request.Content = new ByteArrayContent(Serialize(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
        request.Headers.Add(AuthTokenHeader, o.AuthToken);
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Viber {method}: HTTP {(int)response.StatusCode}", null, response.StatusCode);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ViberJson.Options, ct)
                ?? throw new HttpRequestException($"Viber {method}: an empty answer");
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"Viber {method}: the answer is not the JSON expected ({e.Message})", e);
        }
    }
}
