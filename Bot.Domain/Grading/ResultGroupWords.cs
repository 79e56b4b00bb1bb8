using Bot.Domain.Text;

namespace Bot.Domain.Grading;

/// <summary>
/// A group of learning outcomes typed in <c>/mark</c> (N-7): "гр1", "ГР2", "гр 3", "ГР-4" (case, spaces, hyphens and Latin
/// look-alike letters do not matter), a bare "гр" (answered with the subject's list), or one of the school's own group codes.
/// </summary>
public static class ResultGroupWords
{
    /// <summary>Lower case, without spaces, dots and hyphens: "ГР-2" → "гр2".</summary>
    public static string Fold(string text) =>
        new(Letters.FoldTyped(text).Where(c => !char.IsWhiteSpace(c) && c != '.' && !Letters.IsHyphen(c)).ToArray());

    public static bool IsGroup(string text, IReadOnlyCollection<string> groupCodes)
    {
        var folded = Fold(text);
        if (folded.Length == 0 || folded.Any(c => c is '/' or '\\'))
            return false;
        if (folded.StartsWith("гр", StringComparison.Ordinal) && folded[2..].All(char.IsAsciiDigit) && folded.Length <= 4)
            return true;
        return groupCodes.Any(c => Fold(c) == folded && !folded.All(char.IsAsciiDigit));
    }

    /// <summary>The number in "гр2" (2), or null for a bare "гр" or a code of another shape.</summary>
    public static int? Number(string text)
    {
        var folded = Fold(text);
        return folded.StartsWith("гр", StringComparison.Ordinal) && folded.Length > 2 && int.TryParse(folded[2..], out var n) ? n : null;
    }
}
