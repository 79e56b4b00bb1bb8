using System.Globalization;
using Bot.Domain;

namespace Bot.Host.Conversation.Parsing;

/// <summary>Reads a lesson's number: "3 урок", "урок 3", "3-й урок", "3й урок".</summary>
internal static class LessonNumbers
{
    public const int First = 0;
    public const int Last = 12;

    /// <summary>Whether a lesson number starts at <paramref name="index"/>; a number off 0–12 is a refusal.</summary>
    public static bool TryRead(IReadOnlyList<Token> words, int index, out Result<int> number, out int consumed)
    {
        number = default;
        consumed = 0;
        if (index + 1 >= words.Count)
            return false;
        var (first, second) = (words[index], words[index + 1]);
        var digits = first.Key == "урок" ? Digits(second.Key) : second.Key == "урок" ? Digits(first.Key) : null;
        if (digits is null)
            return false;
        consumed = 2;
        number = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= First and <= Last
            ? n
            : ParseTexts.LessonNumberInvalid($"{first.Text} {second.Text}");
        return true;
    }

    // "3", "3-й", "3й" → "3"
    private static string? Digits(string word)
    {
        var end = 0;
        while (end < word.Length && char.IsAsciiDigit(word[end]))
            end++;
        var suffix = word[end..].TrimStart('-');
        return end > 0 && suffix is "" or "й" ? word[..end] : null;
    }
}
