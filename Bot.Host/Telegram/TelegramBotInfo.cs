using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Bot.Host.Telegram;

/// <summary>The bot's username, for t.me links on invites: `Telegram:BotUsername`, else learned from `getMe`.</summary>
public sealed class TelegramBotInfo(IOptions<TelegramOptions> options, TelegramClients clients, ILogger<TelegramBotInfo> log)
{
    private volatile string? _username = options.Value.BotUsername?.Trim().TrimStart('@') is { Length: > 0 } u ? u : null;

    /// <summary>Known now (from the settings or an earlier `getMe`), or null.</summary>
    public string? Username => _username;

    /// <summary>The username, asking Telegram (`getMe`) when it is not known yet; null when Telegram cannot be reached.</summary>
    public async Task<string?> GetUsernameAsync(CancellationToken ct = default)
    {
        if (_username is not null) return _username;
        try
        {
            await LearnAsync(ct);
        }
        catch (RequestException e)
        {
            log.LogWarning("Telegram: getMe failed, the bot's username is unknown for now: {Error}", e.Message);
        }

        return _username;
    }

    /// <summary>Asks `getMe`; failures are the caller's (start retries them).</summary>
    internal async Task LearnAsync(CancellationToken ct)
    {
        var me = await clients.Create().GetMe(ct);
        _username = me.Username;
        log.LogInformation("Telegram: the bot is @{Username}", me.Username);
    }

    /// <summary>`https://t.me/&lt;bot&gt;?start=&lt;payload&gt;`, or null while the username is unknown.</summary>
    public string? DeepLink(string payload) => _username is { } name ? $"https://t.me/{name}?start={Uri.EscapeDataString(payload)}" : null;
}
