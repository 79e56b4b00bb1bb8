using Bot.Domain.Text;

namespace Bot.Domain.Roster.Import;

/// <summary>
/// The columns of a roster file (import and export), by their exact Ukrainian headers, in any order: one row per
/// student × guardian.
/// </summary>
public static class RosterColumns
{
    public const string Class = "Клас";
    public const string LastName = "Прізвище";
    public const string FirstName = "Ім'я";
    public const string MiddleName = "По батькові";
    public const string BirthDate = "Дата народження";
    public const string Sex = "Стать";
    public const string Guardian = "Батьки (ПІБ)";
    public const string Phone = "Телефон батьків";
    public const string Relation = "Ступінь спорідненості";

    /// <summary>The order the export writes them in.</summary>
    public static IReadOnlyList<string> All { get; } = [Class, LastName, FirstName, MiddleName, BirthDate, Sex, Guardian, Phone, Relation];

    public const string DateFormat = "dd.MM.yyyy";

    /// <summary>
    /// The column a header names: surrounding spaces, a stray BOM and the apostrophe's look-alikes (’ ʼ `) do not
    /// matter; an unknown header comes back trimmed.
    /// </summary>
    public static string Normalize(string header)
    {
        var trimmed = header.Trim().Trim('\uFEFF').Trim();
        var key = UkrainianText.NormalizeApostrophe(trimmed);
        return All.FirstOrDefault(c => UkrainianText.NormalizeApostrophe(c) == key) ?? trimmed;
    }
}
