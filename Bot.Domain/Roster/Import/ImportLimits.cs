namespace Bot.Domain.Roster.Import;

/// <summary>
/// The bounds a roster file must keep, checked before and while it is read so that a hostile or broken file (an XLSX
/// "zip bomb", a sheet of a million rows, a cell of a gigabyte) is refused in constant memory and writes nothing. A real
/// school's roster (a thousand students, two guardians each) is far inside every one of them.
/// </summary>
public static class ImportLimits
{
    /// <summary>The uploaded file, as it is (CSV or packed XLSX).</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>An XLSX unpacked: all its parts together, by their declared sizes and by what they really unpack to.</summary>
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    /// <summary>The parts of an XLSX (a workbook of a few sheets has a dozen).</summary>
    public const int MaxParts = 1_000;

    /// <summary>Data rows (the header not counted).</summary>
    public const int MaxRows = 20_000;

    /// <summary>Columns a sheet may use (the roster has nine): A..AD.</summary>
    public const int MaxColumns = 30;

    /// <summary>Characters in one cell.</summary>
    public const int MaxCellChars = 1_000;

    /// <summary>The limits in a sentence, for the import page.</summary>
    public static string Summary =>
        $"Файл — до {MaxFileBytes / 1024 / 1024} МБ, до {Thousands(MaxRows)} рядків, у клітинці — до {Thousands(MaxCellChars)} символів.";

    public static readonly DomainError FileTooBig =
        new("import.too_big", $"Файл завеликий: можна завантажити файл до {MaxFileBytes / 1024 / 1024} МБ.");

    public static readonly DomainError UnpackedTooBig =
        new("import.too_big", $"Файл Excel завеликий: розпакований, він займає понад {MaxUnpackedBytes / 1024 / 1024} МБ (можна до {MaxUnpackedBytes / 1024 / 1024} МБ). " +
            "Залиште у файлі лише аркуш зі списками учнів.");

    public static readonly DomainError SizesLie =
        new("import.damaged", "Файл Excel пошкоджений: його вміст не відповідає розмірам, записаним у самому файлі. Збережіть його в Excel ще раз.");

    public static readonly DomainError TooManyParts =
        new("import.damaged", $"Файл Excel має понад {Thousands(MaxParts)} частин — це не звичайна книга Excel. Збережіть у новому файлі лише аркуш зі списками.");

    public static readonly DomainError TooManyRows =
        new("import.too_many_rows", $"У файлі понад {Thousands(MaxRows)} рядків з учнями (можна до {Thousands(MaxRows)}). Розділіть його на кілька файлів.");

    public static readonly DomainError TooManyColumns =
        new("import.too_many_columns", $"У файлі заповнено стовпці далі за {MaxColumns}-й (можна до {MaxColumns}). Залиште лише дев'ять стовпців списку.");

    public static readonly DomainError MarkupTooLong =
        new("import.damaged", "Файл Excel пошкоджений: у ньому є надто довгий службовий запис. Збережіть його в Excel ще раз.");

    public static DomainError CellTooLong(int? line) =>
        new("import.cell_too_long", (line is { } l ? $"Рядок {l}: клітинка" : "У файлі є клітинка") +
            $" довша за {Thousands(MaxCellChars)} символів (можна до {Thousands(MaxCellChars)}). Так довго не пишуть ні ім'я, ні телефон: перевірте файл.");

    /// <summary>20000 → "20 000", as Ukrainian writes thousands.</summary>
    private static string Thousands(int n) => n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', ' ');
}
