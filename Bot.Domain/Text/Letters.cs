namespace Bot.Domain.Text;

/// <summary>
/// Culture-independent letter helpers shared by the text, grading and roster code. Nothing here
/// depends on ICU or the current culture, so it behaves the same with InvariantGlobalization.
/// </summary>
internal static class Letters
{
    /// <summary>Lower-case Ukrainian alphabet in order.</summary>
    public const string UkrainianAlphabet = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";

    /// <summary>Every character used as an apostrophe in Ukrainian words.</summary>
    public const string Apostrophes = "'\u2019\u02BC`\u2018\u00B4\u02B9\u2032";

    /// <summary>The Ukrainian apostrophe for storage and display (U+02BC MODIFIER LETTER APOSTROPHE).</summary>
    public const char Apostrophe = '\u02BC';

    /// <summary>Hyphens and dashes that join parts of a double surname.</summary>
    public const string Hyphens = "-\u2010\u2011\u2012\u2013\u2014\u2015";

    // Latin letters that look exactly like Cyrillic ones. Capitals are mapped before lower-casing
    // (Latin "H" looks like "Н", Latin "h" does not look like "н"; "B" like "В", "b" like nothing).
    private const string LatinCapitals = "ABCEHIKMOPTXYÏ";
    private const string CyrillicForCapitals = "АВСЕНІКМОРТХУЇ";
    private const string LatinSmall = "aceiopxykmtï";
    private const string CyrillicForSmall = "асеіорхукмтї";

    public static bool IsApostrophe(char c) => Apostrophes.Contains(c);

    public static bool IsHyphen(char c) => Hyphens.Contains(c);

    /// <summary>Cyrillic block letters (U+0400–U+04FF), including Ukrainian and Russian ones.</summary>
    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    /// <summary>Maps a Latin look-alike to its Cyrillic twin; other characters are returned as is.</summary>
    public static char FromLatinLookalike(char c)
    {
        var i = LatinCapitals.IndexOf(c);
        if (i >= 0)
            return CyrillicForCapitals[i];
        i = LatinSmall.IndexOf(c);
        return i >= 0 ? CyrillicForSmall[i] : c;
    }

    /// <summary>Lower-cases Cyrillic and Latin letters without consulting any culture data.</summary>
    public static char ToLower(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + 32),
        >= '\u0410' and <= '\u042F' => (char)(c + 0x20),   // А–Я
        >= '\u0400' and <= '\u040F' => (char)(c + 0x50),   // Ѐ–Џ: Є, І, Ї, Ё, Ў ...
        '\u0490' => '\u0491',                               // Ґ
        _ => char.ToLowerInvariant(c),
    };

    /// <summary>Upper-cases Cyrillic and Latin letters without consulting any culture data.</summary>
    public static char ToUpper(char c) => c switch
    {
        >= 'a' and <= 'z' => (char)(c - 32),
        >= '\u0430' and <= '\u044F' => (char)(c - 0x20),   // а–я
        >= '\u0450' and <= '\u045F' => (char)(c - 0x50),   // ѐ–џ
        '\u0491' => '\u0490',                               // ґ
        _ => char.ToUpperInvariant(c),
    };

    /// <summary>
    /// Trims, maps Latin look-alikes to Cyrillic and lower-cases: the first step of reading
    /// anything a teacher typed in a chat.
    /// </summary>
    public static string FoldTyped(string text)
    {
        var trimmed = text.Trim();
        return string.Create(trimmed.Length, trimmed, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = ToLower(FromLatinLookalike(source[i]));
        });
    }
}
