using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

public enum TokenKind
{
    /// <summary>A word, or a quoted phrase ("Захист України", «Захист України», „Захист України“).</summary>
    Word,

    /// <summary>":" — ends the head of a multi-mark command: <c>/mark 7-А алгебра: Іваненко 10, ...</c>.</summary>
    Colon,

    /// <summary>"," or ";" — separates the items of a list.</summary>
    Comma,
}

/// <summary>
/// A piece of a command's arguments. <see cref="Start"/> and <see cref="Length"/> point into
/// <see cref="CommandArgs.Text"/> (quotes included), so free text can be cut from the original and an
/// ambiguous word can be named by its place.
/// </summary>
public sealed record Token(TokenKind Kind, string Text, int Start, int Length, bool Quoted = false)
{
    public int End => Start + Length;

    public bool IsWord => Kind == TokenKind.Word;

    /// <summary>
    /// The word for matching names: <see cref="UkrainianText.SearchKey"/> (case, apostrophes and Latin
    /// look-alikes folded) without trailing dots, so "Іваненко О." matches "олег" and "укр." matches "українська".
    /// </summary>
    public string Key => UkrainianText.SearchKey(Text).TrimEnd('.');

    public override string ToString() => Text;
}
