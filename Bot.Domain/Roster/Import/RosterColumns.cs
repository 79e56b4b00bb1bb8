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

    /// <summary>The roster's header as <see cref="RosterFile"/> checks it: every column, none other.</summary>
    public static TableColumns Table { get; } = new(All, All);

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

/// <summary>
/// The columns a file read by <see cref="RosterFile"/> may have, by their Ukrainian headers in any order:
/// <paramref name="All"/> known, <paramref name="Required"/> among them needed, <paramref name="Aliases"/> other spellings
/// of a header (lower case) → the column.
/// </summary>
public sealed record TableColumns(IReadOnlyList<string> All, IReadOnlyList<string> Required, IReadOnlyDictionary<string, string>? Aliases = null)
{
    /// <summary>
    /// The column a header names: surrounding spaces, a stray BOM and the apostrophe's look-alikes (’ ʼ `) do not matter;
    /// an unknown header comes back trimmed.
    /// </summary>
    public string Normalize(string header)
    {
        var trimmed = header.Trim().Trim('\uFEFF').Trim();
        var key = UkrainianText.NormalizeApostrophe(trimmed);
        return All.FirstOrDefault(c => UkrainianText.NormalizeApostrophe(c) == key)
            ?? (Aliases is not null && Aliases.TryGetValue(key.ToLowerInvariant(), out var column) ? column : trimmed);
    }

    /// <summary>A refusal naming the missing, unknown and repeated headers, or null when the header row is right.</summary>
    public DomainError? Check(IReadOnlyList<string> headers)
    {
        var problems = new List<string>();
        var missing = Required.Where(c => !headers.Contains(c)).ToList();
        if (missing.Count > 0) problems.Add($"немає стовпців {string.Join(", ", missing.Select(c => $"«{c}»"))}");
        var unknown = headers.Where(h => !All.Contains(h)).ToList();
        if (unknown.Count > 0) problems.Add($"невідомі стовпці {string.Join(", ", unknown.Select(c => $"«{c}»"))}");
        var twice = headers.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0) problems.Add($"стовпці повторюються: {string.Join(", ", twice.Select(c => $"«{c}»"))}");
        if (problems.Count == 0) return null;
        var optional = All.Except(Required).ToList();
        return new DomainError("import.headers", $"Перший рядок файлу має містити саме ці заголовки (у будь-якому порядку): " +
            $"{string.Join("; ", Required)}{(optional.Count > 0 ? $" (і, якщо треба, {string.Join("; ", optional)})" : "")}. У цьому файлі {string.Join("; ", problems)}.");
    }
}
