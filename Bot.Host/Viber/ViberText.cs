using Bot.Host.Conversation;

namespace Bot.Host.Viber;

/// <summary>
/// A neutral <see cref="Message"/> as Viber text: plain (docs/architecture.md "The conversation": no markup to escape), a link
/// written as "label (url)", split on line boundaries into parts of at most 7000 characters.
/// </summary>
public static class ViberText
{
    public const int MaxLength = 7000;

    /// <summary>Viber refuses empty text; a message of buttons only still needs a line.</summary>
    public const string Empty = "…";

    public static string Render(Span span) => span switch
    {
        Span.Link l when l.Value != l.Url => $"{l.Value} ({l.Url})",
        Span.Link l => l.Url,
        _ => span.Text,
    };

    public static string Render(IReadOnlyList<Span> line) => string.Concat(line.Select(Render));

    public static IReadOnlyList<string> Parts(Message message, int max = MaxLength) =>
        MessageParts.Split(message, max, Render, line => Render(line).Length, Render, piece => piece, Empty);
}
