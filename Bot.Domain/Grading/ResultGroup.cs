namespace Bot.Domain.Grading;

/// <summary>
/// A group of learning outcomes (група результатів, ГР) of a subject in one school year (N-5, N-6): "ГР1" and its title,
/// in the order the deputy sets. The НУШ classes' teachers give a 1–12 mark per group each semester (N-7). Edited through
/// <see cref="ResultGroupService"/>, audited.
/// </summary>
public sealed class ResultGroup : SchoolEntity
{
    public const int MaxCodeLength = 16;
    public const int MaxTitleLength = 300;

    private ResultGroup() { Code = ""; Title = ""; }

    internal ResultGroup(Guid schoolId, Guid schoolYearId, Guid subjectId, int number, string code, string title)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        SubjectId = subjectId;
        Number = number;
        Code = code;
        Title = title;
    }

    public Guid SchoolYearId { get; private set; }
    public Guid SubjectId { get; private set; }

    /// <summary>The place in the subject's list, from 1.</summary>
    public int Number { get; private set; }

    /// <summary>"ГР1": the grid's column header.</summary>
    public string Code { get; private set; }

    /// <summary>"Усна взаємодія та робота з інформацією": the header's tooltip and the legend.</summary>
    public string Title { get; private set; }

    internal void Change(int number, string code, string title)
    {
        Number = number;
        Code = code;
        Title = title;
    }

    /// <summary>"ГР1 — title", for audit records and lists.</summary>
    public override string ToString() => $"{Code} — {Title}";
}
