using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Host.Telegram;

/// <summary>
/// The webhook endpoint, at the path of `Telegram:WebhookUrl`. The secret header is checked first, in fixed time:
/// without it nothing is read or stored (401). Then the update is handled and Telegram gets 200.
/// </summary>
internal static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static void Map(WebApplication app, TelegramOptions options) =>
        app.MapPost(options.WebhookPath, HandleAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        HttpContext http, IOptions<TelegramOptions> options, TelegramUpdateHandler handler, IHostApplicationLifetime lifetime)
    {
        if (!SecretMatches(http.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret!)) return Results.Unauthorized();

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted);
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

    public static bool SecretMatches(string? given, string expected) =>
        !string.IsNullOrEmpty(given) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
