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

    /// <summary>
    /// N-14: a subject's scale in its grade. In grades 3–4 the teachers' council chooses per subject verbal assessment
    /// or the levels (<see cref="SubjectTraits.IsVerbalInGrades3To4"/>, levels by default); other grades by <see cref="ForGrade"/>.
    /// </summary>
    public static GradeScale For(int grade, SubjectTraits subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var scale = ForGrade(grade);
        return scale == GradeScale.Levels && subject.IsVerbalInGrades3To4 ? GradeScale.Verbal : scale;
    }

    /// <summary>Primary school (1–4): no corrected or thematic marks (M-1).</summary>
    public static bool IsPrimary(int grade) => ForGrade(grade) != GradeScale.TwelvePoint;

    /// <summary>
    /// N-13, N-14: semester results are recorded in grades 3–11; grades 1–2 have only the year's result
    /// (this supersedes M-1's "no semester marks in grades 1–4" for grades 3–4).
    /// </summary>
    public static bool HasSemesterResults(int grade) => ForGrade(grade) != GradeScale.Verbal;
}
