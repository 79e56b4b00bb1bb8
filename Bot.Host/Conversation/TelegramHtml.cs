using System.Net;
using System.Text;

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
    public static IReadOnlyList<string> RenderParts(Message message, int maxVisible = MaxLength)
    {
        var parts = new List<string>();
        var html = new StringBuilder();
        var visible = 0;
        foreach (var line in message.Lines)
        {
            var lineVisible = line.Sum(s => s.Text.Length);
            if (lineVisible > maxVisible)
            {
                Flush();
                var plain = string.Concat(line.Select(s => s.Text));
                for (var i = 0; i < plain.Length; i += maxVisible)
                    parts.Add(Escape(plain.Substring(i, Math.Min(maxVisible, plain.Length - i))));
                continue;
            }

            var separator = html.Length > 0 ? 1 : 0;
            if (visible + separator + lineVisible > maxVisible) Flush();
            if (html.Length > 0)
            {
                html.Append('\n');
                visible++;
            }

            foreach (var span in line) html.Append(Render(span));
            visible += lineVisible;
        }

        Flush();
        if (parts.Count == 0) parts.Add("\u2060"); // Telegram refuses empty text
        return parts;

        void Flush()
        {
            if (html.Length > 0) parts.Add(html.ToString());
            html.Clear();
            visible = 0;
        }
    }
}
