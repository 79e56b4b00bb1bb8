using System.Globalization;
using System.Text;

namespace Bot.Fakes;

/// <summary>
/// Telegram's HTML parse mode as the Bot API reference states it: the tags b/strong, i/em, u/ins, s/strike/del,
/// span class="tg-spoiler", tg-spoiler, a href, code (class="language-x" inside pre), pre, blockquote (expandable),
/// tg-emoji; the named entities &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric ones. Anything else that starts a tag is
/// refused with "can't parse entities", as Telegram does. Returns the text a person sees.
/// </summary>
public static class FakeTelegramHtml
{
    private static readonly HashSet<string> Tags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"];

    public static string ToPlain(string html)
    {
        var plain = new StringBuilder();
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0) throw Refuse($"Unclosed start tag at byte offset {ByteOffset(html, i)}");
                var tag = html[(i + 1)..end];
                if (tag.StartsWith('/'))
                {
                    var name = tag[1..].Trim().ToLowerInvariant();
                    if (open.Count == 0 || open.Peek() != name)
                        throw Refuse($"Unmatched end tag at byte offset {ByteOffset(html, i)}, expected \"</{(open.Count > 0 ? open.Peek() : "")}>\", found \"</{name}>\"");
                    open.Pop();
                }
                else
                {
                    var name = new string(tag.TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-').ToArray()).ToLowerInvariant();
                    if (name.Length == 0 || !Tags.Contains(name))
                        throw Refuse($"Unsupported start tag \"{(name.Length > 0 ? name : tag)}\" at byte offset {ByteOffset(html, i)}");
                    CheckAttributes(name, tag[name.Length..].Trim(), ByteOffset(html, i));
                    open.Push(name);
                }

                i = end + 1;
            }
            else if (c == '&')
            {
                i = Entity(html, i, plain);
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }

        if (open.Count > 0) throw Refuse($"Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        return plain.ToString();
    }

    private static void CheckAttributes(string name, string attributes, int offset)
    {
        bool Has(string attribute) => attributes.Contains(attribute, StringComparison.OrdinalIgnoreCase);
        var ok = name switch
        {
            "a" => Has("href="),
            "span" => Has("class=\"tg-spoiler\""),
            "tg-emoji" => Has("emoji-id="),
            "code" => attributes.Length == 0 || Has("class=\"language-"),
            "blockquote" => attributes.Length == 0 || attributes.Equals("expandable", StringComparison.OrdinalIgnoreCase),
            _ => attributes.Length == 0,
        };
        if (!ok) throw Refuse($"Unsupported attributes of tag \"{name}\" at byte offset {offset}");
    }

    /// <summary>Decodes an entity Telegram knows; an ampersand that starts none is kept as it is.</summary>
    private static int Entity(string html, int i, StringBuilder plain)
    {
        var semicolon = html.IndexOf(';', i);
        var name = semicolon > i && semicolon - i <= 10 ? html[(i + 1)..semicolon] : "";
        string? decoded = name switch
        {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "quot" => "\"",
            _ when name.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => char.ConvertFromUtf32(hex),
            _ when name.StartsWith('#') && int.TryParse(name[1..], CultureInfo.InvariantCulture, out var dec) => char.ConvertFromUtf32(dec),
            _ => null,
        };
        if (decoded is null)
        {
            plain.Append('&');
            return i + 1;
        }

        plain.Append(decoded);
        return semicolon + 1;
    }

    private static int ByteOffset(string html, int index) => Encoding.UTF8.GetByteCount(html.AsSpan(0, index));

    private static FakeApiError Refuse(string why) => FakeApiError.BadRequest("can't parse entities: " + why);
}
