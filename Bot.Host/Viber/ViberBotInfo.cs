using Bot.Domain.Linking;
using Microsoft.Extensions.Options;

namespace Bot.Host.Viber;

/// <summary>The bot's chat URI for `viber://pa?chatURI=...` links on invites: `Viber:ChatUri`, else learned from `get_account_info` at start.</summary>
public sealed class ViberBotInfo(IOptions<ViberOptions> options)
{
    private volatile string? _chatUri = options.Value.ChatUri?.Trim() is { Length: > 0 } uri ? uri : null;

    /// <summary>Known now (from the settings or the account info), or null.</summary>
    public string? ChatUri => _chatUri;

    /// <summary>The account's name as Viber shows it, once learned.</summary>
    public string? Name { get; private set; }

    internal void Learn(ViberAccountInfo account)
    {
        Name = account.Name;
        if (_chatUri is null && account.Uri is { Length: > 0 } uri) _chatUri = uri;
    }

    /// <summary>`viber://pa?chatURI=&lt;uri&gt;&amp;context=&lt;payload&gt;`, or null while the URI is unknown.</summary>
    public string? DeepLink(string payload) => _chatUri is null ? null : InviteLinks.Viber(_chatUri, payload);
}
