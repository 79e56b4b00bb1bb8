using System.Globalization;

namespace Bot.Domain.Text;

/// <summary>
/// Text a person typed, judged by what can be seen of it. Whitespace (NBSP included), zero-width characters
/// (U+200B–U+200D, U+2060, U+FEFF), the soft hyphen U+00AD and other format (Cf) characters show nothing, so a
/// homework, topic, remark, reason, announcement or name made only of them is blank and refused, and they are
/// trimmed from the ends of what is kept.
/// </summary>
public static class VisibleText
{
    /// <summary>A character that shows nothing on its own: whitespace or a format (Cf) character.</summary>
    public static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E';

    /// <summary>The text without invisible characters at its ends; "" for null.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var start = 0;
        var end = text.Length;
        while (start < end && IsInvisible(text[start])) start++;
        while (end > start && IsInvisible(text[end - 1])) end--;
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>Nothing visible is left after trimming: null, empty, whitespace, or only invisible characters.</summary>
    public static bool IsBlank(string? text) => Normalize(text).Length == 0;

    /// <summary>
    /// Something was typed, yet nothing of it can be seen (e.g. a lone U+200B): unlike an empty value, which may mean
    /// "clear", this is refused.
    /// </summary>
    public static bool IsInvisibleOnly(string? text) => !string.IsNullOrWhiteSpace(text) && IsBlank(text);
}
