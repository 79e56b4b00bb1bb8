using Bot.Domain.Grading;
using Bot.Domain.Text;

namespace Bot.Domain.Roster;

public enum SubjectKind
{
    /// <summary>A subject of the curriculum (invariant or variable part, A-3).</summary>
    Regular,

    /// <summary>An elective course (курс за вибором): own page, marked (J-10).</summary>
    Elective,

    /// <summary>An optional course (факультатив): own page with date, topic and attendance; no homework, no marks (J-10).</summary>
    Optional,
}

public sealed class Subject : SchoolEntity
{
    private Subject() { Name = ""; Aliases = ""; SearchKey = ""; }

    public Subject(Guid schoolId, string name, SubjectKind kind = SubjectKind.Regular, SubjectTraits? traits = null, string? aliases = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(new DomainError("subject.name", "Потрібна назва предмета."));
        SchoolId = schoolId;
        Name = UkrainianText.NormalizeApostrophe(name.Trim());
        SearchKey = UkrainianText.SearchKey(Name);
        Kind = kind;
        Aliases = aliases ?? "";
        var t = traits ?? new SubjectTraits();
        IsPhysicalEducation = t.IsPhysicalEducation;
        IsDefenceOfUkraine = t.IsDefenceOfUkraine;
        Notebook = t.Notebook;
        IsForeignLanguage = t.IsForeignLanguage;
        IsLanguageOrLiterature = t.IsLanguageOrLiterature;
        IsVerbalInGrades3To4 = t.IsVerbalInGrades3To4;
    }

    public string Name { get; private set; }
    public string SearchKey { get; private set; }
    public SubjectKind Kind { get; private set; }

    /// <summary>Comma-separated short names teachers type ("алг", "укр мова").</summary>
    public string Aliases { get; private set; }

    public bool IsPhysicalEducation { get; private set; }
    public bool IsDefenceOfUkraine { get; private set; }
    public NotebookPolicy Notebook { get; private set; }
    public bool IsForeignLanguage { get; private set; }
    public bool IsLanguageOrLiterature { get; private set; }

    /// <summary>N-14: the teachers' council chose verbal assessment for this subject in grades 3–4 (the levels П/С/Д/В by default).</summary>
    public bool IsVerbalInGrades3To4 { get; private set; }

    /// <summary>Only curriculum lessons count for attendance; optional courses keep their own attendance.</summary>
    public bool CountsForAttendance => Kind != SubjectKind.Optional;

    public SubjectTraits Traits => new(IsPhysicalEducation, IsDefenceOfUkraine, Notebook, IsForeignLanguage, IsLanguageOrLiterature, Kind == SubjectKind.Optional, IsVerbalInGrades3To4);

    public IEnumerable<string> AliasList => Aliases.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A new name, kind and traits (J-3: subject names are the deputy's); the marks already given keep their columns.</summary>
    public void Update(string name, SubjectKind kind, SubjectTraits traits, string? aliases)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(new DomainError("subject.name", "Потрібна назва предмета."));
        Name = UkrainianText.NormalizeApostrophe(name.Trim());
        SearchKey = UkrainianText.SearchKey(Name);
        Kind = kind;
        IsPhysicalEducation = traits.IsPhysicalEducation;
        IsDefenceOfUkraine = traits.IsDefenceOfUkraine;
        Notebook = traits.Notebook;
        IsForeignLanguage = traits.IsForeignLanguage;
        IsLanguageOrLiterature = traits.IsLanguageOrLiterature;
        IsVerbalInGrades3To4 = traits.IsVerbalInGrades3To4;
        SetAliases((aliases ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void SetAliases(IEnumerable<string> aliases) => Aliases = string.Join(",", aliases.Select(a => a.Trim()).Where(a => a.Length > 0));
}

/// <summary>A teacher teaches a subject in a class, or in one group of it (J-5).</summary>
public sealed class TeachingAssignment : SchoolEntity
{
    private TeachingAssignment() { }

    public TeachingAssignment(Guid schoolId, Guid teacherId, Guid classId, Guid subjectId, Guid? groupId = null)
    {
        SchoolId = schoolId;
        TeacherId = teacherId;
        ClassId = classId;
        SubjectId = subjectId;
        GroupId = groupId;
    }

    public Guid TeacherId { get; private set; }
    public Guid ClassId { get; private set; }
    public Guid SubjectId { get; private set; }
    public Guid? GroupId { get; private set; }

    /// <summary>Whether this assignment covers a lesson of the class (or of the given group) in the subject.</summary>
    public bool Covers(Guid classId, Guid subjectId, Guid? groupId) =>
        ClassId == classId && SubjectId == subjectId && (GroupId is null || GroupId == groupId);
}
