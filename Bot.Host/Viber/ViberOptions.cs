using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Bot.Host.Viber;

/// <summary>`Viber:*` (docs/operations.md "Settings"). No auth token: the Viber bot is off.</summary>
public sealed class ViberOptions
{
    public const string Section = "Viber";
    public const string DefaultApiBaseUrl = "https://chatapi.viber.com/pa/";
    public const int MaxSenderNameLength = 28;

    /// <summary>The bot's token from the Viber admin panel (or partner); sent as `X-Viber-Auth-Token`, and the key of callback signatures.</summary>
    public string? AuthToken { get; init; }

    /// <summary>With its trailing slash: <see cref="HttpClient.BaseAddress"/> without it would drop `pa/`.</summary>
    public string ApiBaseUrl { get; init; } = DefaultApiBaseUrl;

    /// <summary>Viber posts callbacks here (HTTPS with a trusted certificate); the endpoint is served at this URL's path. Empty: the bot sends but hears nothing.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>The name over every message (`sender.name`), at most 28 characters.</summary>
    public string SenderName { get; init; } = "Шкільний журнал";

    /// <summary>The bot's URI for `viber://pa?chatURI=...` links on invites; learned from `get_account_info` when empty.</summary>
    public string? ChatUri { get; init; }

    public bool UsesWebhook => !string.IsNullOrWhiteSpace(WebhookUrl);

    public string WebhookPath => new Uri(WebhookUrl!).AbsolutePath;
}

/// <summary>Checks the settings on start, so that a slip (a base URL without its slash, a long name) stops the process with a clear message.</summary>
internal sealed partial class ViberOptionsValidator : IValidateOptions<ViberOptions>
{
    public ValidateOptionsResult Validate(string? name, ViberOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.AuthToken) || !TokenShape().IsMatch(o.AuthToken))
            errors.Add("Viber:AuthToken must be the bot's token (letters, digits and dashes, as Viber gives it).");
        if (!IsHttpUrl(o.ApiBaseUrl) || !o.ApiBaseUrl.EndsWith('/'))
            errors.Add($"Viber:ApiBaseUrl must be an absolute http(s) URL ending with '/', such as {ViberOptions.DefaultApiBaseUrl}.");
        if (o.UsesWebhook && (!IsHttpUrl(o.WebhookUrl) || new Uri(o.WebhookUrl!).AbsolutePath.Length <= 1))
            errors.Add("Viber:WebhookUrl must be an absolute https URL with a path, e.g. https://school.example/viber/hook.");
        if (string.IsNullOrWhiteSpace(o.SenderName) || o.SenderName.Trim().Length > ViberOptions.MaxSenderNameLength)
            errors.Add($"Viber:SenderName must be 1–{ViberOptions.MaxSenderNameLength} characters (Viber's limit for sender.name).");
        if (!string.IsNullOrWhiteSpace(o.ChatUri) && !ChatUriShape().IsMatch(o.ChatUri))
            errors.Add("Viber:ChatUri must be the bot's URI as in viber://pa?chatURI=<uri> (letters, digits, '.', '_' or '-').");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex("^[A-Za-z0-9_-]{8,128}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ChatUriShape();
}
