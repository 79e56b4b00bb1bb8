using Microsoft.Extensions.Configuration;

namespace Bot.Domain.Linking;

/// <summary>
/// The bot's addresses that invite links carry (<see cref="InviteLinks"/>): the Telegram username and the Viber chat
/// URI, null while unknown. The host answers with what the messengers told it at start; without one, the settings.
/// </summary>
public interface IBotAddresses
{
    string? TelegramUsername { get; }
    string? ViberChatUri { get; }

    /// <summary>
    /// The installation's public address (`Files:PublicBaseUrl`, else the origin of `Viber:WebhookUrl`), where the bot
    /// role serves the invite page a slip's QR code opens (<see cref="InviteLinks.Page"/>); null while unknown.
    /// </summary>
    string? PublicBaseUrl { get; }
}

/// <summary>The addresses from the settings `Telegram:BotUsername`, `Viber:ChatUri` and `Files:PublicBaseUrl` (what the verb `invites create` uses too).</summary>
public sealed class ConfiguredBotAddresses(IConfiguration config) : IBotAddresses
{
    public string? TelegramUsername => Known(config["Telegram:BotUsername"]);
    public string? ViberChatUri => Known(config["Viber:ChatUri"]);

    public string? PublicBaseUrl => Known(config["Files:PublicBaseUrl"])?.TrimEnd('/')
        ?? (Uri.TryCreate(Known(config["Viber:WebhookUrl"]), UriKind.Absolute, out var hook) ? hook.GetLeftPart(UriPartial.Authority) : null);

    private static string? Known(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
