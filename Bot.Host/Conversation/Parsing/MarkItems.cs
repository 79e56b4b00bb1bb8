using Bot.Domain;
using Bot.Domain.Grading;

namespace Bot.Host.Conversation.Parsing;

/// <summary>The column and the date of a <c>/mark</c> command, from wherever they were typed; one of each.</summary>
internal sealed class MarkExtras
{
    private string? _columnText;
    private string? _dateText;

    public MarkColumn? Column { get; private set; }

    /// <summary>A group of learning outcomes as typed ("гр2", "ГР 2", a group's code), resolved by the handler (N-7).</summary>
    public string? ResultGroup { get; private set; }

    /// <summary>Only the column as typed: for the refusal of a group of results beside another column.</summary>
    public string? ColumnText => _columnText;

    public DomainError? SetResultGroup(string text)
    {
        if (ResultGroup is { } known && ResultGroupWords.Fold(known) != ResultGroupWords.Fold(text))
            return ParseTexts.ColumnTwice(known, text);
        ResultGroup ??= text;
        return null;
    }

    public DateOnly? Date { get; private set; }

    public DomainError? SetColumn(MarkColumn column, string text)
    {
        if (Column is { } known && known != column)
            return ParseTexts.ColumnTwice(_columnText!, text);
        Column = column;
        _columnText ??= text;
        return null;
    }

    public DomainError? SetDate(DateOnly date, string text)
    {
        if (Date is { } known && known != date)
            return ParseTexts.DateTwice(_dateText!, text);
        Date = date;
        _dateText ??= text;
        return null;
    }
}

/// <summary>A student's name as typed, and the text of their mark.</summary>
internal sealed record TypedMark(IReadOnlyList<Token> Name, string MarkText);

/// <summary>
/// Reads the items of <c>/mark</c>: "Іваненко 10", "Бондар О. 9 тем 30.10", "Петренко 1 сем". An item is the
/// student's name, the mark, then a column keyword and a date in either order; the mark is the last word before them.
/// </summary>
internal static class MarkItems
{
    /// <summary>Items separated by commas, from <paramref name="start"/>; colons inside items are ignored.</summary>
    public static IReadOnlyList<IReadOnlyList<Token>> Split(IReadOnlyList<Token> tokens, int start)
    {
        var items = new List<IReadOnlyList<Token>>();
        var current = new List<Token>();
        foreach (var token in tokens.Skip(start))
        {
            if (token.Kind == TokenKind.Comma)
            {
                if (current.Count > 0)
                    items.Add(current);
                current = [];
            }
            else if (token.IsWord)
            {
                current.Add(token);
            }
        }
        if (current.Count > 0)
            items.Add(current);
        return items;
    }

    /// <summary>
    /// The words between the subject and a colon ("/mark 7-А алгебра тем 30.10: ..."): a column and a date, or
    /// nothing. False when other words stand there: then the colon is not the head's ("Іваненко: 10").
    /// </summary>
    public static bool TryReadHead(IReadOnlyList<Token> head, DateOnly today, MarkExtras extras, out DomainError? error,
        IReadOnlyCollection<string>? groupCodes = null, Bot.Domain.Diary.SchoolDays? calendar = null)
    {
        var words = head.Where(t => t.IsWord).ToList();
        error = StripTrail(words, keepForOne: 0, keepForTwo: 0, today, extras, groupCodes ?? [], calendar);
        return error is not null || words.Count == 0;
    }

    public static Result<TypedMark> Read(IReadOnlyList<Token> item, DateOnly today, MarkExtras extras, IReadOnlyCollection<string>? groupCodes = null,
        Bot.Domain.Diary.SchoolDays? calendar = null)
    {
        var words = item.ToList();
        var error = StripTrail(words, keepForOne: 1, keepForTwo: 2, today, extras, groupCodes ?? [], calendar);
        if (error is not null)
            return error;
        var markWords = SpacedPair(words) ? 3 : 1;     // "н / а" typed with spaces
        var name = words.Take(words.Count - markWords).Where(t => !IsFiller(t)).ToList();
        if (words.Count <= markWords || name.Count == 0)
            return ParseTexts.MarkMissing(string.Join(" ", item.Select(t => t.Text)));
        var numeric = name.FindIndex(t => t.Text.Any(char.IsAsciiDigit));
        if (numeric >= 0)
            return Misplaced(name, numeric, words[^1], today);
        return new TypedMark(name, string.Concat(words.Skip(words.Count - markWords).Select(t => t.Text)));
    }

    // A number among the name's words: a date in front ("30.10 Іваненко 10"), a word after the mark that is not a
    // column ("Іваненко 10 сем"), or two students without a comma ("Іваненко 10 Петренко 9").
    private static DomainError Misplaced(List<Token> name, int numeric, Token last, DateOnly today)
    {
        var word = name[numeric];
        if (DateWords.TryRead(word.Text, today, DayReference.Past, out _))
            return ParseTexts.DateMisplaced(word.Text, CommandForms.Mark);
        return numeric == name.Count - 1 ? ParseTexts.UnknownAfterMark(last.Text) : ParseTexts.SeparateWithCommas();
    }

    private static bool SpacedPair(List<Token> words) => words.Count >= 4 && words[^2].Text is "/" or "\\";

    // Takes a date and a column keyword (one word, or two: "1 сем", "усний твір") off the end, leaving at least
    // keepForOne words after a one-word keyword and keepForTwo after a two-word one ("Іваненко 2 кор" is mark 2).
    private static DomainError? StripTrail(List<Token> words, int keepForOne, int keepForTwo, DateOnly today, MarkExtras extras,
        IReadOnlyCollection<string> groupCodes, Bot.Domain.Diary.SchoolDays? calendar)
    {
        while (words.Count > keepForOne)
        {
            var last = words[^1];
            if (DateWords.TryReadDay(last.Text, today, DayReference.Past, out var date, calendar))
            {
                var error = date.IsSuccess ? extras.SetDate(date.Value, last.Text) : date.Error;
                if (error is not null)
                    return error;
                words.RemoveAt(words.Count - 1);
                continue;
            }
            if (words.Count - 2 >= keepForTwo && ResultGroupWords.IsGroup($"{words[^2].Text}{last.Text}", groupCodes))
            {
                var error = extras.SetResultGroup($"{words[^2].Text} {last.Text}");
                if (error is not null)
                    return error;
                words.RemoveRange(words.Count - 2, 2);
                continue;
            }
            if (ResultGroupWords.IsGroup(last.Text, groupCodes))
            {
                var error = extras.SetResultGroup(last.Text);
                if (error is not null)
                    return error;
                words.RemoveAt(words.Count - 1);
                continue;
            }
            if (words.Count - 2 >= keepForTwo && MarkColumns.TryParseKeyword($"{words[^2].Text} {last.Text}", out var pair))
            {
                var error = extras.SetColumn(pair, $"{words[^2].Text} {last.Text}");
                if (error is not null)
                    return error;
                words.RemoveRange(words.Count - 2, 2);
                continue;
            }
            if (MarkColumns.TryParseKeyword(last.Text, out var column))
            {
                var error = extras.SetColumn(column, last.Text);
                if (error is not null)
                    return error;
                words.RemoveAt(words.Count - 1);
                continue;
            }
            break;
        }
        return null;
    }

    // "Іваненко - 10", "Іваненко: 10": a dash or a lone colon between the name and the mark.
    private static bool IsFiller(Token token) => token.Text.All(c => c is '-' or '–' or '—' or ':');
}
