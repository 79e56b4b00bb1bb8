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
}
