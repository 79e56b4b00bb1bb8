using Bot.Domain.Grading;

namespace Bot.Tests.Grading;

/// <summary>Subject traits as a school would set them up.</summary>
internal static class Subjects
{
    public static readonly SubjectTraits UkrainianLanguage =
        new(Notebook: NotebookPolicy.CountsAsCurrent, IsLanguageOrLiterature: true);

    public static readonly SubjectTraits English =
        new(Notebook: NotebookPolicy.SeparateColumn, IsForeignLanguage: true);

    public static readonly SubjectTraits Mathematics = new(Notebook: NotebookPolicy.SeparateColumn);

    public static readonly SubjectTraits History = SubjectTraits.Regular;

    public static readonly SubjectTraits PhysicalEducation = new(IsPhysicalEducation: true);

    public static readonly SubjectTraits DefenceOfUkraine = new(IsDefenceOfUkraine: true);

    public static readonly SubjectTraits OptionalCourse = new(IsOptionalCourse: true);
}
