namespace Bot.Domain.Grading;

/// <summary>What each <see cref="MarkColumn"/> is called and what kind of column it is (M-3).</summary>
public static class MarkColumns
{
    /// <summary>The column header as in the paper journal.</summary>
    public static string Title(MarkColumn column) => column switch
    {
        MarkColumn.Current => "Поточна",
        MarkColumn.Notebook => "Зошит",
        MarkColumn.ByHeart => "Напамʼять",
        MarkColumn.Dialogue => "Діалог",
        MarkColumn.OralEssay => "Усний твір",
        MarkColumn.OralRetelling => "Усний переказ",
        MarkColumn.ReadingAloud => "Читання вголос",
        MarkColumn.Listening => "Аудіювання",
        MarkColumn.Reading => "Читання",
        MarkColumn.Writing => "Письмо",
        MarkColumn.Speaking => "Говоріння",
        MarkColumn.Thematic => "Тематична",
        MarkColumn.Semester1 => "І семестр",
        MarkColumn.Semester2 => "ІІ семестр",
        MarkColumn.Corrected1 or MarkColumn.Corrected2 => "Скоригована",
        MarkColumn.Annual => "Річна",
        MarkColumn.Dpa => "ДПА",
        MarkColumn.Appeal => "Апеляційна",
        MarkColumn.ResultGroup1 or MarkColumn.ResultGroup2 => "ГР",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    /// <summary>
    /// A title that tells the two "Скоригована" columns apart, for chat replies:
    /// "Скоригована (І семестр)"; the same as <see cref="Title"/> for other columns.
    /// </summary>
    public static string FullTitle(MarkColumn column) => column switch
    {
        MarkColumn.Corrected1 => "Скоригована (І семестр)",
        MarkColumn.Corrected2 => "Скоригована (ІІ семестр)",
        MarkColumn.ResultGroup1 => "ГР (І семестр)",
        MarkColumn.ResultGroup2 => "ГР (ІІ семестр)",
        _ => Title(column),
    };

    /// <summary>Only current marks stand under a lesson date; every other column is dateless (M-2, M-3).</summary>
    public static bool IsDated(MarkColumn column) => column == MarkColumn.Current;

    /// <summary>Speech activities in languages and foreign languages (M-3).</summary>
    public static bool IsSpeechActivity(MarkColumn column) =>
        IsNativeSpeechActivity(column) || IsForeignSpeechActivity(column);

    /// <summary>"Діалог", "Усний твір", "Усний переказ", "Читання вголос" (seed II.2: philology).</summary>
    public static bool IsNativeSpeechActivity(MarkColumn column) => column is
        MarkColumn.Dialogue or MarkColumn.OralEssay or MarkColumn.OralRetelling or MarkColumn.ReadingAloud;

    /// <summary>Listening, reading, writing, speaking (seed II.2: foreign languages).</summary>
    public static bool IsForeignSpeechActivity(MarkColumn column) => column is
        MarkColumn.Listening or MarkColumn.Reading or MarkColumn.Writing or MarkColumn.Speaking;

    /// <summary>Semester, corrected, annual, ДПА and appeal marks (M-6..M-10).</summary>
    public static bool IsFinal(MarkColumn column) => column is
        MarkColumn.Semester1 or MarkColumn.Semester2 or MarkColumn.Corrected1 or MarkColumn.Corrected2
        or MarkColumn.Annual or MarkColumn.Dpa or MarkColumn.Appeal;

    /// <summary>
    /// A group of learning outcomes' semester mark (N-7): dateless, placed at the semester's end like a semester mark, given
    /// in НУШ classes only; not a final column (<see cref="IsFinal"/>) and not current work.
    /// </summary>
    public static bool IsResultGroup(MarkColumn column) => column is MarkColumn.ResultGroup1 or MarkColumn.ResultGroup2;

    /// <summary>The group-of-outcomes column of a semester (1 or 2).</summary>
    public static MarkColumn ResultGroupOf(int semester) => semester == 1 ? MarkColumn.ResultGroup1 : MarkColumn.ResultGroup2;

    /// <summary>Columns whose marks are current marks of a theme (M-5): dated, speech activities, by heart.</summary>
    public static bool IsCurrentWork(MarkColumn column) =>
        column is MarkColumn.Current or MarkColumn.ByHeart || IsSpeechActivity(column);

    /// <summary>
    /// Reads a column keyword from a teacher's chat message ("тем", "сем1", "1 сем", "кор2",
    /// "Напам'ять", "I семестр" with a Latin I). Case, spaces, dots, hyphens, apostrophes and
    /// Latin look-alike letters do not matter; a prefix of three or more letters of a keyword is
    /// accepted when it points to one column only ("тема" → Тематична; "сем" and "чит" are
    /// ambiguous and refused).
    /// "кор" alone means the I-semester correction; say "кор2" for the II semester.
    /// </summary>
    public static bool TryParseKeyword(string? text, out MarkColumn column) =>
        ColumnKeywords.TryParse(text, out column);
}
