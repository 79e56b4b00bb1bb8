using System.Text;

namespace Bot.Domain.Text;

/// <summary>
/// Keys computed in .NET so that Ukrainian names sort and match the same way on SQLite
/// (ASCII-only lower/LIKE, BINARY collation) and on PostgreSQL without ICU (compare the sort
/// key with COLLATE "C"). Nothing here depends on the current culture or on ICU.
/// </summary>
public static class UkrainianText
{
    /// <summary>
    /// An ASCII key whose ordinal (binary) order is Ukrainian alphabetical order, ignoring case.
    /// <list type="bullet">
    /// <item>Whitespace between the parts of a name is one separator that sorts before any
    /// letter, so "Бондар Юлія" comes before "Бондаренко Анна".</item>
    /// <item>Apostrophes, hyphens and other punctuation are ignored ("Мʼякота" = "М'якота").</item>
    /// <item>Order of symbols: separator, digits, Cyrillic (Ukrainian alphabet with the Russian
    /// letters at their Russian places: ё after е, ъ ы after щ, э after ь), then Latin.
    /// A Ukrainian list is Cyrillic first; a foreign name in Latin script goes to the end.</item>
    /// <item>In a word that has Cyrillic letters, Latin look-alikes count as Cyrillic (a
    /// mistyped Latin "I" in "Іваненко" does not move the name to the end of the list).</item>
    /// <item>Any other letter sorts after all of these, by its UTF-16 code.</item>
    /// <item>Digits compare one by one ("10" before "9"): names have none.</item>
    /// </list>
    /// </summary>
    public static string SortKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = new StringBuilder(text.Length);
        var pendingSeparator = false;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var foldLookalikes = word.Any(Letters.IsCyrillic);
            var wordStart = key.Length;
            foreach (var raw in word)
            {
                if (Letters.IsApostrophe(raw))
                    continue;   // ʼ (U+02BC) is a Unicode letter, but not one that orders names
                var c = foldLookalikes ? Letters.FromLatinLookalike(raw) : raw;
                var symbol = SortSymbols.Of(Letters.ToLower(c));
                if (symbol is null)
                {
                    if (char.IsLetter(c) || char.IsSurrogate(c))
                        AppendSeparatorThen(key, ref pendingSeparator).Append(SortSymbols.Other)
                            .Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    continue;   // punctuation, apostrophes, hyphens: ignored
                }
                AppendSeparatorThen(key, ref pendingSeparator).Append(symbol.Value);
            }
            if (key.Length > wordStart)
                pendingSeparator = true;
        }
        return key.ToString();
    }

    private static StringBuilder AppendSeparatorThen(StringBuilder key, ref bool pendingSeparator)
    {
        if (pendingSeparator && key.Length > 0)
            key.Append(SortSymbols.Separator);
        pendingSeparator = false;
        return key;
    }

    /// <summary>
    /// A key for case-insensitive, apostrophe-insensitive prefix matching: Latin look-alike
    /// letters become Cyrillic (capitals are mapped before lower-casing), everything is
    /// lower-cased, apostrophes are removed and runs of whitespace become one space.
    /// "IВАН" (Latin I), "іван" and "Іваненко" all start with "іван".
    /// </summary>
    public static string SearchKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = new StringBuilder(text.Length);
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (key.Length > 0)
                key.Append(' ');
            foreach (var c in word)
            {
                if (!Letters.IsApostrophe(c))
                    key.Append(Letters.ToLower(Letters.FromLatinLookalike(c)));
            }
        }
        return key.ToString();
    }

    /// <summary>Every apostrophe form (' ’ ʼ ` ‘ ...) becomes the Ukrainian apostrophe ʼ (U+02BC).</summary>
    public static string NormalizeApostrophe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = Letters.IsApostrophe(source[i]) ? Letters.Apostrophe : source[i];
        });
    }

    /// <summary>Compares by <see cref="SortKey"/>: 0 for names that differ only in case or apostrophes.</summary>
    /// <summary>
    /// The noun's form after a number: <paramref name="one"/> for 1, 21, 31… ("1 урок"), <paramref name="few"/> for 2–4,
    /// 22–24… ("3 уроки"), <paramref name="many"/> for the rest and 11–14 ("5 уроків", "12 уроків").
    /// </summary>
    public static string Plural(int n, string one, string few, string many)
    {
        var (last, lastTwo) = (Math.Abs(n) % 10, Math.Abs(n) % 100);
        return lastTwo is >= 11 and <= 14 ? many : last == 1 ? one : last is >= 2 and <= 4 ? few : many;
    }

    /// <summary>
    /// A span of time as people read it, in hours, minutes and seconds, leaving out zero parts: "30 с", "1 хв 30 с",
    /// "10 хв", "1 год 5 хв". The undo window is told this way (never "1 хв" for 30 seconds).
    /// </summary>
    public static string Duration(TimeSpan span)
    {
        var total = (long)Math.Round(Math.Max(0, span.TotalSeconds));
        var (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        var parts = new List<string>(3);
        if (hours > 0) parts.Add($"{hours} год");
        if (minutes > 0) parts.Add($"{minutes} хв");
        if (seconds > 0 || parts.Count == 0) parts.Add($"{seconds} с");
        return string.Join(" ", parts);
    }

    public static int Compare(string a, string b) =>
        string.CompareOrdinal(SortKey(a), SortKey(b));

    /// <summary>A comparer for <c>OrderBy(x => x.FullName, UkrainianText.Comparer)</c>.</summary>
    public static IComparer<string> Comparer { get; } =
        Comparer<string>.Create((a, b) => Compare(a, b));
}
