using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// What follows the command's name: the text (apostrophes normalised to ʼ) and its tokens. Offsets of the tokens
/// point into <see cref="Text"/>.
/// </summary>
public sealed class CommandArgs
{
    private CommandArgs(string text)
    {
        Text = text;
        Tokens = Tokenizer.Tokenize(text);
        Words = Tokens.Where(t => t.IsWord).ToList();
    }

    public static CommandArgs Empty { get; } = new("");

    public string Text { get; }

    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>The tokens without commas and colons.</summary>
    public IReadOnlyList<Token> Words { get; }

    public bool IsEmpty => Tokens.Count == 0;

    public static CommandArgs Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Empty : new CommandArgs(UkrainianText.NormalizeApostrophe(text));

    /// <summary>
    /// The free text from <paramref name="token"/> to the end, as typed (lines kept, outer spaces trimmed); without
    /// the quotes when the whole rest is one quoted phrase, and without a leading ":" or dash
    /// (<c>/homework 7-А алгебра: §3</c>).
    /// </summary>
    public string RestFrom(Token token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var rest = Text[token.Start..].Trim();
        rest = rest.TrimStart(':', '-', '–', '—').TrimStart();
        var onlyQuoted = token.Quoted && ReferenceEquals(Tokens[^1], token);
        return onlyQuoted ? token.Text : rest;
    }

    public override string ToString() => Text;
}
