using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>A class of the school year.</summary>
public sealed record ClassEntry(Guid Id, ClassName Name)
{
    public static ClassEntry From(SchoolClass schoolClass) => new(schoolClass.Id, schoolClass.Name);
}

/// <summary>A subject with the short names teachers and parents type ("алг", "укр мова").</summary>
public sealed record SubjectEntry(Guid Id, string Name, IReadOnlyList<string> Aliases, SubjectTraits? Traits = null)
{
    public SubjectEntry(Guid id, string name, params string[] aliases)
        : this(id, name, (IReadOnlyList<string>)aliases)
    {
    }

    public SubjectTraits TraitsOrRegular => Traits ?? SubjectTraits.Regular;

    public static SubjectEntry From(Subject subject) => new(subject.Id, subject.Name, subject.AliasList.ToList(), subject.Traits);

    /// <summary>The name and the aliases, each as <see cref="UkrainianText.SearchKey"/> split into words.</summary>
    internal IEnumerable<string[]> Phrases =>
        Aliases.Prepend(Name)
            .Select(p => UkrainianText.SearchKey(p).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.TrimEnd('.')).Where(w => w.Length > 0).ToArray())
            .Where(words => words.Length > 0);
}

/// <summary>
/// A teacher's assignment: a subject in a class, or in one group of it (J-5). <see cref="GroupStudentIds"/> are
/// the group's members (null for the whole class); a student outside them is refused for this page.
/// </summary>
public sealed record TeachingEntry(
    Guid ClassId,
    SubjectEntry Subject,
    Guid? GroupId = null,
    string? GroupName = null,
    IReadOnlyCollection<Guid>? GroupStudentIds = null)
{
    /// <summary>"Англійська мова (I група)" (J-5).</summary>
    public string PageTitle => ClassGroup.PageTitle(Subject.Name, GroupName);

    public bool Includes(Guid studentId) => GroupStudentIds is null || GroupStudentIds.Contains(studentId);
}

/// <summary>A student of a class as the parser needs them; <see cref="IndividualStudy"/> changes which marks fit (M-12).</summary>
public sealed record StudentEntry(Guid Id, string LastName, string FirstName, bool IndividualStudy = false)
{
    public string FullName => $"{LastName} {FirstName}";

    /// <summary>"іваненко олег": the same key as <see cref="Person.SearchKey"/>.</summary>
    public string SearchKey => UkrainianText.SearchKey(FullName);

    internal string LastNameKey => UkrainianText.SearchKey(LastName);

    /// <summary>Surname words, then first-name words, as search keys.</summary>
    internal string[] Words => SearchKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static StudentEntry From(Student student) =>
        new(student.Id, student.LastName, student.FirstName, student.StudyMode == StudyMode.Individual);
}

/// <summary>
/// What a teacher's command is read against, loaded by the caller: the school year's classes, this teacher's
/// assignments, and the students of the classes concerned (those of the teacher's classes will do).
/// </summary>
public sealed record RosterSnapshot(
    IReadOnlyList<ClassEntry> Classes,
    IReadOnlyList<TeachingEntry> Assignments,
    IReadOnlyDictionary<Guid, IReadOnlyList<StudentEntry>> StudentsByClass)
{
    public IReadOnlyList<StudentEntry> StudentsOf(Guid classId) =>
        StudentsByClass.TryGetValue(classId, out var students) ? students : [];

    public IReadOnlyList<TeachingEntry> AssignmentsIn(Guid classId) =>
        Assignments.Where(a => a.ClassId == classId).ToList();

    /// <summary>The classes the teacher teaches in, in class order.</summary>
    public IReadOnlyList<ClassEntry> TeacherClasses =>
        Classes.Where(c => Assignments.Any(a => a.ClassId == c.Id)).OrderBy(c => c.Name.SortKey, StringComparer.Ordinal).ToList();
}
