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
}

/// <summary>The addresses from the settings `Telegram:BotUsername` and `Viber:ChatUri` (what the verb `invites create` uses too).</summary>
public sealed class ConfiguredBotAddresses(IConfiguration config) : IBotAddresses
{
    public string? TelegramUsername => Known(config["Telegram:BotUsername"]);
    public string? ViberChatUri => Known(config["Viber:ChatUri"]);

    private static string? Known(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
