using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Bot.Host.Telegram;

/// <summary>`Telegram:*` (docs/operations.md "Settings"). No token: the Telegram bot is off.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    public string? Token { get; init; }
    public string ApiBaseUrl { get; init; } = DefaultApiBaseUrl;

    /// <summary>Empty: long polling. Set: Telegram posts updates here; the endpoint is served at this URL's path.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Sent back by Telegram in `X-Telegram-Bot-Api-Secret-Token`; required with a webhook.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>For t.me links; learned from `getMe` when empty.</summary>
    public string? BotUsername { get; init; }

    /// <summary>
    /// PostgreSQL with long polling: how often a process without the polling lease tries to take it, and how often the
    /// holder checks it still holds it. Bounds the takeover after the poller dies (about one interval).
    /// </summary>
    public TimeSpan PollingLeaseInterval { get; init; } = TimeSpan.FromSeconds(2);

    public bool UsesWebhook => !string.IsNullOrWhiteSpace(WebhookUrl);

    public string WebhookPath => new Uri(WebhookUrl!).AbsolutePath;
}

/// <summary>Checks the settings on start, so that a mistyped secret or URL stops the process with a clear message.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Token) || !TokenShape().IsMatch(o.Token))
            errors.Add("Telegram:Token must look like 123456789:AA... (the token @BotFather gives).");
        if (!IsHttpUrl(o.ApiBaseUrl))
            errors.Add("Telegram:ApiBaseUrl must be an absolute http(s) URL such as https://api.telegram.org.");
        if (o.UsesWebhook)
        {
            if (!IsHttpUrl(o.WebhookUrl) || new Uri(o.WebhookUrl!).AbsolutePath.Length <= 1)
                errors.Add("Telegram:WebhookUrl must be an absolute https URL with a path, e.g. https://school.example/tg/hook.");
            if (string.IsNullOrEmpty(o.WebhookSecret) || !SecretShape().IsMatch(o.WebhookSecret))
                errors.Add("Telegram:WebhookSecret is required with a webhook: 1–256 characters of A-Z, a-z, 0-9, _ and -.");
        }

        if (o.PollingLeaseInterval <= TimeSpan.Zero || o.PollingLeaseInterval > TimeSpan.FromMinutes(1))
            errors.Add("Telegram:PollingLeaseInterval must be above zero and at most a minute.");
        if (!string.IsNullOrWhiteSpace(o.BotUsername) && !UsernameShape().IsMatch(o.BotUsername))
            errors.Add("Telegram:BotUsername must be the bot's username (5–32 letters, digits or _), with or without @.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex(@"^\d+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();

    [GeneratedRegex("^@?[A-Za-z0-9_]{5,32}$")]
    private static partial Regex UsernameShape();
}
