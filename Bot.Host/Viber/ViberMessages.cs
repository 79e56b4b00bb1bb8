using Bot.Host.Conversation;

namespace Bot.Host.Viber;

/// <summary>
/// Neutral messages as `send_message` bodies: the text split under 7000 characters, the keyboard and its tracking
/// data on the last part (Viber shows the keyboard of the last message), the sender's name on each.
/// </summary>
public static class ViberMessages
{
    public const string Trimmed = "(Показано не всі кнопки: уточніть запит командою.)";

    /// <summary>The parts to send to <paramref name="receiver"/>, in order.</summary>
    public static IReadOnlyList<ViberMessage> Compose(string receiver, Message message, string senderName)
    {
        var layout = ViberKeyboards.For(message);
        var parts = ViberText.Parts(message).ToList();
        if (layout.Dropped > 0)
        {
            if (parts[^1].Length + 1 + Trimmed.Length <= ViberText.MaxLength) parts[^1] += "\n" + Trimmed;
            else parts.Add(Trimmed);
        }

        var sender = new ViberMessageSender(senderName);
        return parts.Select((text, i) => i < parts.Count - 1
            ? new ViberMessage(receiver, sender, text)
            : new ViberMessage(receiver, sender, text, ViberTracking.For(layout.Data), layout.Keyboard)).ToList();
    }

    /// <summary>
    /// The one message answered to `conversation_started` (no receiver: Viber delivers it to whoever opened the chat):
    /// the replies joined by blank lines, with every button, cut to one part if it must be.
    /// </summary>
    public static ViberMessage Welcome(IReadOnlyList<Message> replies, string senderName, string? note = null)
    {
        var merged = new Message();
        foreach (var reply in replies)
        {
            if (merged.Lines.Count > 0) merged.Blank();
            foreach (var line in reply.Lines) merged.Line([.. line]);
            foreach (var row in reply.Buttons) merged.ButtonRow([.. row]);
        }

        if (note is not null) merged.Blank().Line(note);
        var parts = Compose("", merged, senderName);
        var last = parts[^1];
        var text = parts.Count == 1 ? last.Text : Cut(string.Join("\n", parts.Select(p => p.Text)));
        return last with { Receiver = null, Text = text };
    }

    private static string Cut(string text)
    {
        if (text.Length <= ViberText.MaxLength) return text;
        var keep = ViberText.MaxLength - 1;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + "…";
    }
}
