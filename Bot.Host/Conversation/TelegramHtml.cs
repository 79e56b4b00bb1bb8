using System.Net;

namespace Bot.Host.Conversation;

/// <summary>
/// Renders a neutral <see cref="Message"/> as Telegram HTML (parse_mode HTML): only the tags Telegram knows, the
/// three escapes it needs, "\n" for line breaks, and messages split on line boundaries so that none is longer
/// than Telegram's 4096 characters after entity parsing.
/// </summary>
public static class TelegramHtml
{
    public const int MaxLength = 4096;

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string Render(Span span) => span switch
    {
        Span.Bold b => $"<b>{Escape(b.Value)}</b>",
        Span.Italic i => $"<i>{Escape(i.Value)}</i>",
        Span.Code c => $"<code>{Escape(c.Value)}</code>",
        Span.Link l => $"<a href=\"{WebUtility.HtmlEncode(l.Url)}\">{Escape(l.Value)}</a>",
        _ => Escape(span.Text),
    };

    /// <summary>The message's text in parts of at most <paramref name="maxVisible"/> visible characters; a line longer than that is cut into plain pieces.</summary>
    public static IReadOnlyList<string> RenderParts(Message message, int maxVisible = MaxLength) =>
        MessageParts.Split(message, maxVisible,
            render: line => string.Concat(line.Select(Render)),
            measure: line => line.Sum(s => s.Text.Length),
            plain: line => string.Concat(line.Select(s => s.Text)),
            piece: Escape,
            empty: "\u2060"); // Telegram refuses empty text
}
