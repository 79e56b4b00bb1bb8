using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Grading;

/// <summary>What the words of a cell say, before any rule about grade, column or subject.</summary>
internal enum TypedKind
{
    Clear,
    Number,
    Level,
    Formed,
    NotAttested,
    Exempt,
    Credited,
    NotebookAbsent,
    NotCredited,
    Absent,
    Ill,
    Unknown,
}

/// <param name="Kind">What the text says.</param>
/// <param name="Value">The whole number (1–12 is not checked here) or the level 1–4; otherwise 0.</param>
/// <param name="IsWhole">False for a number with a fraction or too big for an int.</param>
/// <param name="Shown">How to quote it back to the teacher: the canonical text where there is one.</param>
internal readonly record struct TypedCell(TypedKind Kind, int Value, bool IsWhole, string Shown);

/// <summary>
/// Reads a teacher's cell text. Case, spaces and Latin look-alike letters do not matter
/// ("XB" is "хв", "C" is "С"). Accepted spellings:
/// <list type="bullet">
/// <item>empty, "-", "—", "–": clear the cell;</item>
/// <item>whole numbers; "10.5", "10,5", "-3" are numbers too, refused later as off the scale;</item>
/// <item>П, С, Д, В and the level names (початковий, середній, достатній, високий);</item>
/// <item>"сформовано" and its prefixes from "сф", "+", "✓";</item>
/// <item>"н/а", "н / а", "н.а", "н\а", "н-а", "на" (a cell has no other use for "на"), "неатестований/а";</item>
/// <item>"н/о" with the same separators, "но";</item>
/// <item>"зв", "звільнений/а" and its prefixes; "зар", "зараховано" and its prefixes; "незар", "не зараховано" and its prefixes;</item>
/// <item>"н"; "хв", "хворий/а" and its prefixes; a trailing dot anywhere ("хв.", "зв.", "н.").</item>
/// </list>
/// </summary>
internal static class CellText
{
    private const string LevelLetters = "псдв";
    private static readonly string[] LevelNames = ["початковий", "середній", "достатній", "високий"];
    private const string PairSeparators = "/\\.-|";

    public static TypedCell Read(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var folded = string.Concat(Letters.FoldTyped(trimmed).Where(c => !char.IsWhiteSpace(c)));

        if (folded.Length == 0 || (folded.Length == 1 && (Letters.IsHyphen(folded[0]) || folded[0] == '−')))
            return new(TypedKind.Clear, 0, true, "");
        if (TryReadNumber(folded, out var number, out var isWhole))
            return new(TypedKind.Number, number, isWhole, trimmed);
        if (folded is "+" or "✓" or "✔")
            return Special(TypedKind.Formed);
        if (IsPair(folded, 'а') || folded.StartsWith("неатест", StringComparison.Ordinal))
            return Special(TypedKind.NotAttested);
        if (IsPair(folded, 'о'))
            return Special(TypedKind.NotebookAbsent);

        var word = folded.TrimEnd('.');
        if (word.Length == 1 && LevelLetters.IndexOf(word[0]) is var letter and >= 0)
            return Level(letter + 1);
        if (Array.IndexOf(LevelNames, word) is var named and >= 0)
            return Level(named + 1);

        return word switch
        {
            "н" => Special(TypedKind.Absent),
            _ when IsPrefixOf(word, "хворий", 2) || IsPrefixOf(word, "хвора", 2) => Special(TypedKind.Ill),
            _ when IsPrefixOf(word, "сформовано", 2) => Special(TypedKind.Formed),
            _ when IsPrefixOf(word, "звільнений", 2) || IsPrefixOf(word, "звільнена", 2) => Special(TypedKind.Exempt),
            _ when IsPrefixOf(word, "зараховано", 3) => Special(TypedKind.Credited),
            _ when IsPrefixOf(word, "незараховано", 5) => Special(TypedKind.NotCredited),
            _ => new(TypedKind.Unknown, 0, true, trimmed),
        };
    }

    /// <summary>Canonical text of a special kind, for quoting back.</summary>
    public static string Canonical(TypedKind kind) => kind switch
    {
        TypedKind.Formed => MarkValue.Formed.Text,
        TypedKind.NotAttested => MarkValue.NotAttested.Text,
        TypedKind.Exempt => MarkValue.Exempt.Text,
        TypedKind.Credited => MarkValue.Credited.Text,
        TypedKind.NotebookAbsent => MarkValue.NotebookAbsent.Text,
        TypedKind.NotCredited => MarkValue.NotCredited.Text,
        TypedKind.Absent => AbsenceKinds.Text(AbsenceKind.Absent),
        TypedKind.Ill => AbsenceKinds.Text(AbsenceKind.Ill),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static TypedCell Special(TypedKind kind) => new(kind, 0, true, Canonical(kind));

    private static TypedCell Level(int level) =>
        new(TypedKind.Level, level, true, MarkValue.FromLevel(level).Text);

    // "н/а", "н.а", "н.а.", "на": н, an optional separator, the letter, an optional dot.
    private static bool IsPair(string folded, char second)
    {
        var s = folded.EndsWith('.') ? folded[..^1] : folded;
        return s.Length switch
        {
            2 => s[0] == 'н' && s[1] == second,
            3 => s[0] == 'н' && PairSeparators.Contains(s[1]) && s[2] == second,
            _ => false,
        };
    }

    private static bool IsPrefixOf(string word, string full, int minLength) =>
        word.Length >= minLength && full.StartsWith(word, StringComparison.Ordinal);

    // An optional minus, digits, an optional fraction after "." or ",".
    private static bool TryReadNumber(string folded, out int value, out bool isWhole)
    {
        value = 0;
        isWhole = false;
        var s = folded.Length > 1 && folded.EndsWith('.') ? folded[..^1] : folded;   // "10."
        var negative = s.Length > 1 && (s[0] == '-' || s[0] == '−');
        if (negative)
            s = s[1..];
        var separator = s.IndexOfAny(['.', ',']);
        var whole = separator < 0 ? s : s[..separator];
        var fraction = separator < 0 ? "" : s[(separator + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit)
            || (separator >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
            return false;

        isWhole = separator < 0
            && int.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative)
            value = -value;
        return true;
    }
}
