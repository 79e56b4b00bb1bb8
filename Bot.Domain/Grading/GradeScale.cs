namespace Bot.Domain.Grading;

/// <summary>How learning results are assessed in a grade (M-1).</summary>
public enum GradeScale
{
    /// <summary>Grades 1–2: verbal, "сформовано" or nothing.</summary>
    Verbal,

    /// <summary>Grades 3–4: levels П, С, Д, В.</summary>
    Levels,

    /// <summary>Grades 5–11: points 1–12.</summary>
    TwelvePoint,
}

public static class GradeScales
{
    public const int FirstGrade = 1;
    public const int LastGrade = 11;

    /// <summary>M-1: grades 1–2 verbal, 3–4 levels, 5–11 twelve points.</summary>
    public static GradeScale ForGrade(int grade) => grade switch
    {
        1 or 2 => GradeScale.Verbal,
        3 or 4 => GradeScale.Levels,
        >= 5 and <= LastGrade => GradeScale.TwelvePoint,
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "A grade is 1 to 11."),
    };

    /// <summary>Primary school (1–4): no semester, corrected or thematic marks, only the annual result (M-1).</summary>
    public static bool IsPrimary(int grade) => ForGrade(grade) != GradeScale.TwelvePoint;
}
