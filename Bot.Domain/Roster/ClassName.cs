using System.Globalization;
using Bot.Domain.Grading;
using Bot.Domain.Text;

namespace Bot.Domain.Roster;

/// <summary>
/// A class such as "7-А": a grade 1–11 and one capital Ukrainian letter (any letter of the
/// alphabet except Ь, which no class is named with). The constructor normalises the letter
/// (lower case and Latin look-alikes become the Cyrillic capital) and throws on anything else;
/// teachers' text goes through <see cref="Parse"/>.
/// </summary>
public readonly record struct ClassName
{
    private const string ClassLetters = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ";

    public ClassName(int grade, string letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (grade is < GradeScales.FirstGrade or > GradeScales.LastGrade)
            throw new ArgumentOutOfRangeException(nameof(grade), grade, "A grade is 1 to 11.");
        Grade = grade;
        Letter = NormalizeLetter(letter)
            ?? throw new ArgumentException($"\"{letter}\" is not a class letter.", nameof(letter));
    }

    public int Grade { get; }

    public string Letter { get; }

    /// <summary>Sorts classes by grade as a number, then by letter: 1-А, 1-Б, 2-А, …, 10-А, 11-Б.</summary>
    public string SortKey =>
        Grade.ToString("D2", CultureInfo.InvariantCulture) + "-" + UkrainianText.SortKey(Letter);

    public override string ToString() => $"{Grade}-{Letter}";

    public void Deconstruct(out int grade, out string letter)
    {
        grade = Grade;
        letter = Letter;
    }

    /// <summary>
    /// Reads "7-А", "7А", "7а", "7 а", "7-A" (Latin), "11-Б", "7–А", "7-А клас".
    /// </summary>
    public static Result<ClassName> Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var s = StripClassWord(trimmed);
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
            digits++;
        var rest = s[digits..].TrimStart().TrimStart(Letters.Hyphens.ToCharArray()).TrimStart();

        if (digits is 0 or > 2 || rest.Length != 1 || NormalizeLetter(rest) is not { } letter)
            return Unknown(trimmed);
        var grade = int.Parse(s[..digits], CultureInfo.InvariantCulture);
        if (grade is < GradeScales.FirstGrade or > GradeScales.LastGrade)
            return new DomainError("class.grade_out_of_range",
                $"Класу «{trimmed}» не буває: у школі класи з 1 по 11.");
        return new ClassName(grade, letter);
    }

    private static DomainError Unknown(string text) =>
        new("class.unknown", $"Не розумію клас «{text}»: напишіть, наприклад, 7-А.");

    // "7-А клас", "7-А кл." → "7-А"
    private static string StripClassWord(string text)
    {
        foreach (var word in new[] { "клас", "кл.", "кл" })
        {
            if (text.EndsWith(word, StringComparison.OrdinalIgnoreCase) && text.Length > word.Length)
                return text[..^word.Length].TrimEnd();
        }
        return text;
    }

    private static string? NormalizeLetter(string letter)
    {
        if (letter.Length != 1)
            return null;
        var upper = Letters.ToUpper(Letters.FromLatinLookalike(letter[0]));
        return ClassLetters.Contains(upper) ? upper.ToString() : null;
    }
}
