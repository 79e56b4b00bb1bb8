namespace Bot.Domain.Linking;

/// <summary>
/// One-tap links that carry an invite's code (PLATFORMS.md "Deep links"): Telegram's <c>/start</c> payload and
/// Viber's <c>context</c>. Empty when the bot's username or the chat URI is not known, so a sheet never shows a
/// broken link.
/// </summary>
public static class InviteLinks
{
    /// <summary><c>https://t.me/&lt;bot&gt;?start=&lt;code&gt;</c>; the bot receives <c>/start &lt;code&gt;</c>.</summary>
    public static string Telegram(string? botUsername, string code)
    {
        var bot = botUsername?.Trim().TrimStart('@') ?? "";
        return bot.Length == 0 ? "" : $"https://t.me/{Uri.EscapeDataString(bot)}?start={Uri.EscapeDataString(code)}";
    }

    /// <summary><c>viber://pa?chatURI=&lt;uri&gt;&amp;context=&lt;code&gt;</c>; the code arrives in <c>conversation_started</c>.</summary>
    public static string Viber(string? chatUri, string code)
    {
        var uri = chatUri?.Trim() ?? "";
        return uri.Length == 0 ? "" : $"viber://pa?chatURI={Uri.EscapeDataString(uri)}&context={Uri.EscapeDataString(code)}";
    }

    /// <summary>The path of the invite's page (served by the bot role, ADR 0042), before the code.</summary>
    public const string PagePath = "/j/";

    /// <summary>
    /// <c>&lt;public address&gt;/j/&lt;code&gt;</c>: the page a slip's QR code opens, offering both messengers; empty when
    /// the installation has no public address (`Files:PublicBaseUrl`).
    /// </summary>
    public static string Page(string? publicBaseUrl, string code)
    {
        var root = publicBaseUrl?.Trim().TrimEnd('/') ?? "";
        return root.Length == 0 ? "" : $"{root}{PagePath}{Uri.EscapeDataString(code)}";
    }
}
