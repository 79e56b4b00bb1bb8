using System.Text;

namespace Bot.Host.Conversation;

/// <summary>
/// Splits a neutral <see cref="Message"/> into parts a messenger accepts, on line boundaries: Telegram (4096 visible
/// characters of HTML) and Viber (7000 characters of plain text) differ only in how a line is rendered and measured.
/// A line longer than a whole part is cut into plain pieces.
/// </summary>
public static class MessageParts
{
    /// <param name="render">A line as the channel writes it.</param>
    /// <param name="measure">How long a line counts (what the person sees, not the markup).</param>
    /// <param name="plain">An over-long line as plain text, before it is cut.</param>
    /// <param name="piece">A piece of that plain text, as the channel writes plain text.</param>
    /// <param name="empty">The part sent for a message without text (messengers refuse empty text).</param>
    public static IReadOnlyList<string> Split(
        Message message, int max, Func<IReadOnlyList<Span>, string> render, Func<IReadOnlyList<Span>, int> measure,
        Func<IReadOnlyList<Span>, string> plain, Func<string, string> piece, string empty)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var parts = new List<string>();
        var text = new StringBuilder();
        var length = 0;
        foreach (var line in message.Lines)
        {
            var lineLength = measure(line);
            if (lineLength > max)
            {
                Flush();
                var whole = plain(line);
                for (var i = 0; i < whole.Length;)
                {
                    var take = Math.Min(max, whole.Length - i);
                    if (take > 1 && i + take < whole.Length && char.IsHighSurrogate(whole[i + take - 1])) take--; // never halve an emoji
                    parts.Add(piece(whole.Substring(i, take)));
                    i += take;
                }
                continue;
            }

            var separator = text.Length > 0 ? 1 : 0;
            if (length + separator + lineLength > max) Flush();
            if (text.Length > 0)
            {
                text.Append('\n');
                length++;
            }

            text.Append(render(line));
            length += lineLength;
        }

        Flush();
        if (parts.Count == 0) parts.Add(empty);
        return parts;

        void Flush()
        {
            if (text.Length > 0) parts.Add(text.ToString());
            text.Clear();
            length = 0;
        }
    }
}
