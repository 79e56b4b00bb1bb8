using System.Text;
using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Splits a command's arguments into words. Runs of whitespace separate words; a quoted phrase is one word
/// whatever its quotes ("…", «…», „…“, “…”); every apostrophe form becomes ʼ; "," ";" and ":" are tokens of
/// their own, except between digits ("10,5", "12:30" stay one word, and are refused later where they do not fit).
/// </summary>
public static class Tokenizer
{
    private const string Openers = "\"«„“”";

    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = UkrainianText.NormalizeApostrophe(text);   // same length: offsets stay valid
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (Openers.Contains(c))
            {
                i = ReadQuoted(text, i, tokens);
            }
            else if (IsSeparator(text, i))
            {
                tokens.Add(new Token(c == ':' ? TokenKind.Colon : TokenKind.Comma, c.ToString(), i, 1));
                i++;
            }
            else
            {
                i = ReadWord(text, i, tokens);
            }
        }
        return tokens;
    }

    private static int ReadWord(string text, int start, List<Token> tokens)
    {
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && !Openers.Contains(text[i]) && !IsSeparator(text, i))
            i++;
        tokens.Add(new Token(TokenKind.Word, text[start..i], start, i - start));
        return i;
    }

    // An unclosed quote runs to the end of the text; empty quotes give no word.
    private static int ReadQuoted(string text, int start, List<Token> tokens)
    {
        var closers = Closers(text[start]);
        var end = text.IndexOfAny(closers.ToCharArray(), start + 1);
        var innerEnd = end < 0 ? text.Length : end;
        var next = end < 0 ? text.Length : end + 1;
        var inner = CollapseSpaces(text[(start + 1)..innerEnd]);
        if (inner.Length > 0)
            tokens.Add(new Token(TokenKind.Word, inner, start, next - start, Quoted: true));
        return next;
    }

    private static string Closers(char opener) => opener switch
    {
        '«' => "»",
        '„' => "“”",
        '“' => "”“",
        '”' => "”",
        _ => "\"",
    };

    private static bool IsSeparator(string text, int i)
    {
        var c = text[i];
        if (c is not (',' or ';' or ':'))
            return false;
        var betweenDigits = i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);
        return c == ';' || !betweenDigits;
    }

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
                builder.Append(' ');
            builder.Append(word);
        }
        return builder.ToString();
    }
}
