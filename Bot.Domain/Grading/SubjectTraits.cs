namespace Bot.Domain.Grading;

/// <summary>What a subject's notebook marks do (M-4).</summary>
public enum NotebookPolicy
{
    /// <summary>No "Зошит" column for this subject.</summary>
    NotApplicable,

    /// <summary>Ukrainian language and literatures: notebook marks count as current marks.</summary>
    CountsAsCurrent,

    /// <summary>English, German, mathematics: a separate column that does not count.</summary>
    SeparateColumn,
}

/// <summary>
/// The facts about a subject that change which marks it takes.
/// <see cref="IsLanguageOrLiterature"/> opens "Діалог", "Усний твір", "Усний переказ",
/// "Читання вголос" and "Напамʼять"; <see cref="IsForeignLanguage"/> opens "Аудіювання",
/// "Читання", "Письмо", "Говоріння" and "Напамʼять" (M-3). An optional course takes no marks (J-10).
/// <see cref="IsVerbalInGrades3To4"/>: the teachers' council chose verbal assessment instead of the levels
/// П/С/Д/В for this subject in grades 3–4 (N-14).
/// </summary>
public sealed record SubjectTraits(
    bool IsPhysicalEducation = false,
    bool IsDefenceOfUkraine = false,
    NotebookPolicy Notebook = NotebookPolicy.NotApplicable,
    bool IsForeignLanguage = false,
    bool IsLanguageOrLiterature = false,
    bool IsOptionalCourse = false,
    bool IsVerbalInGrades3To4 = false)
{
    /// <summary>A subject with no special traits (history, physics, ...).</summary>
    public static SubjectTraits Regular { get; } = new();
}
