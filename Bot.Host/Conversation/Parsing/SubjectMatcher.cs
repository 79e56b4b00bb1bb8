using Bot.Domain;
using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>
/// Finds a subject by what was typed: its name, an alias ("алг", "укр мова"), a prefix of the name ("алгеб"), each
/// word a prefix of the name's word ("укр мов"), or a quoted phrase («Захист України»). Case, apostrophes and Latin
/// look-alikes do not matter. Words are taken greedily: the longest run of words that fits a name wins, then an
/// exact name or alias over a prefix; what still fits several subjects is an <see cref="Ambiguity"/>.
/// </summary>
public static class SubjectMatcher
{
    private const int MinPrefixLength = 2;

    /// <summary>
    /// The subject <paramref name="text"/> names among <paramref name="subjects"/> (a parent's <c>/marks алг</c>):
    /// all of the text must be the subject.
    /// </summary>
    public static Parsed<SubjectEntry> Find(string text, IReadOnlyList<SubjectEntry> subjects, Choices? choices = null)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var args = CommandArgs.Parse(text);
        var words = args.Words;
        if (words.Count == 0)
            return ParseTexts.SubjectUnknown(text.Trim(), subjects);
        var read = Read(words, 0, subjects, choices ?? Choices.None, typed => ParseTexts.SubjectUnknown(typed, subjects), out var consumed);
        if (read.IsSuccess && consumed < words.Count)
            return ParseTexts.SubjectUnknown(args.Text.Trim(), subjects);
        return read;
    }

    /// <summary>Reads a subject at <paramref name="tokens"/>[<paramref name="index"/>]; <paramref name="consumed"/> tokens make it up.</summary>
    internal static Parsed<SubjectEntry> Read(
        IReadOnlyList<Token> tokens, int index, IReadOnlyList<SubjectEntry> subjects, Choices choices,
        Func<string, DomainError> unknown, out int consumed)
    {
        consumed = 0;
        var first = tokens[index];
        var matches = new List<Match>();
        foreach (var subject in subjects)
        {
            var best = subject.Phrases
                .Select(phrase => MatchPhrase(tokens, index, phrase))
                .Where(m => m is not null)
                .OrderByDescending(m => m!.Value.Tokens).ThenByDescending(m => m!.Value.Exact)
                .FirstOrDefault();
            if (best is { } found)
                matches.Add(new Match(subject, found.Tokens, found.Exact));
        }
        if (matches.Count == 0)
            return unknown(first.Text);

        var longest = matches.Max(m => m.Tokens);
        var top = matches.Where(m => m.Tokens == longest).ToList();
        if (top.Any(m => m.Exact))
            top = top.Where(m => m.Exact).ToList();
        var distinct = top.DistinctBy(m => m.Subject.Id).ToList();
        consumed = longest;
        if (distinct.Count == 1)
            return distinct[0].Subject;

        var slot = Choices.Slot(AmbiguityKind.Subject, first);
        if (choices.Pick(slot, distinct.Select(m => m.Subject), s => s.Id) is { } picked)
            return picked;
        var typed = string.Join(" ", tokens.Skip(index).Take(longest).Select(t => t.Text));
        consumed = 0;
        return new Ambiguity(AmbiguityKind.Subject, slot, typed, ParseTexts.SubjectQuestion(typed),
            distinct.Select(m => m.Subject).OrderBy(s => s.Name, UkrainianText.Comparer)
                .Select(s => new Candidate(s.Id, s.Name)).ToList());
    }

    // How many tokens from index fit the phrase's words, each a prefix of its word; null if none do.
    private static (int Tokens, bool Exact)? MatchPhrase(IReadOnlyList<Token> tokens, int index, string[] phrase)
    {
        var first = tokens[index];
        if (first.Quoted)
        {
            var typed = first.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return typed.Length <= phrase.Length && WordsFit(typed, phrase, out var exact)
                ? (1, exact && typed.Length == phrase.Length)
                : null;
        }
        var available = 0;
        while (available < phrase.Length && index + available < tokens.Count
               && tokens[index + available] is { IsWord: true, Quoted: false })
            available++;
        for (var count = available; count >= 1; count--)
        {
            var typed = tokens.Skip(index).Take(count).Select(t => t.Key).ToArray();
            if (WordsFit(typed, phrase, out var exact))
                return (count, exact && count == phrase.Length);
        }
        return null;
    }

    private static bool WordsFit(string[] typed, string[] phrase, out bool exact)
    {
        exact = true;
        for (var i = 0; i < typed.Length; i++)
        {
            if (typed[i].Length == 0 || !phrase[i].StartsWith(typed[i], StringComparison.Ordinal))
                return false;
            exact &= typed[i].Length == phrase[i].Length;
        }
        return exact || typed[0].Length >= MinPrefixLength;
    }

    private sealed record Match(SubjectEntry Subject, int Tokens, bool Exact);
}
