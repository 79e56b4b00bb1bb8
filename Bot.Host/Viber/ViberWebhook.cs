using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bot.Host.Viber;

/// <summary>
/// The callback endpoint, at the path of `Viber:WebhookUrl`. The raw body is read first and its signature checked in
/// fixed time: without a valid one nothing is parsed or stored (401). Then the callback is handled and Viber gets 200
/// — with the welcome message as the body when the callback was `conversation_started`.
/// </summary>
internal static class ViberWebhook
{
    /// <summary>Viber's callbacks are a few hundred bytes; anything this large is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static void Map(WebApplication app, ViberOptions options) =>
        app.MapPost(options.WebhookPath, HandleAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        HttpContext http, IOptions<ViberOptions> options, ViberUpdateHandler handler, IHostApplicationLifetime lifetime)
    {
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!ViberSignature.Matches(body, http.Request.Headers[ViberSignature.Header].ToString(), options.Value.AuthToken!)) return Results.Unauthorized();

        ViberCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize<ViberCallback>(body, ViberJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (callback is null || string.IsNullOrEmpty(callback.Event)) return Results.BadRequest();

        // Not the request's token: once claimed, a callback is finished even if Viber stops waiting for the answer.
        var handled = await handler.HandleAsync(callback, lifetime.ApplicationStopping);
        return handled switch
        {
            ViberHandled.Malformed => Results.BadRequest(),
            ViberHandled.Welcome welcome => Results.Bytes(ViberClient.Serialize(welcome.Message), "application/json; charset=utf-8"),
            _ => Results.Ok(),
        };
    }

    /// <summary>The body's bytes as they came, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
