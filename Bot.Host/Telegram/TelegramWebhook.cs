using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Host.Telegram;

/// <summary>
/// The webhook endpoint, at the path of `Telegram:WebhookUrl`. The secret header is checked first, in fixed time:
/// without it nothing is read or stored (401). The body is read up to <see cref="MaxBodyBytes"/> (413 beyond, nothing
/// handled), as Viber's webhook does. Then the update is handled and Telegram gets 200.
/// </summary>
internal static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>
    /// 1 MB. An update is a message of at most 4096 characters (a caption 1024) with its entities, sender,
    /// chat and perhaps the message it replies to — kilobytes; files come as ids, never as bytes. A megabyte leaves
    /// room for every such update and for Telegram adding fields, and stops a body that only a flood would send.
    /// </summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Map(WebApplication app, TelegramOptions options) =>
        app.MapPost(options.WebhookPath, HandleAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        HttpContext http, IOptions<TelegramOptions> options, TelegramUpdateHandler handler, IHostApplicationLifetime lifetime)
    {
        if (!SecretMatches(http.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret!)) return Results.Unauthorized();

        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (update is null) return Results.BadRequest();

        // Not the request's token: once claimed, an update is finished even if Telegram stops waiting for the answer.
        await handler.HandleAsync(update, lifetime.ApplicationStopping);
        return Results.Ok();
    }

    /// <summary>The body's bytes, or null when it is larger than <see cref="MaxBodyBytes"/> (said or found while reading).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static bool SecretMatches(string? given, string expected) =>
        !string.IsNullOrEmpty(given) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
