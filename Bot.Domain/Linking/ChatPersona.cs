using Bot.Domain.Audit;
using Bot.Domain.Roster;

namespace Bot.Domain.Linking;

/// <summary>A student as a chat sees them: a guardian's child, or the student who is talking.</summary>
/// <param name="ClassName">"7-А": the class they are in today (or join next), null when none.</param>
/// <param name="GuardianId">For a child: the guardian record through which this chat sees them.</param>
public sealed record PersonaStudent(Guid StudentId, string FullName, Guid? ClassId, string? ClassName, Guid SchoolId, string SchoolName, Guid? GuardianId)
{
    /// <summary>"Іваненко Олег (7-А)".</summary>
    public string Display => ClassName is null ? FullName : $"{FullName} ({ClassName})";

    /// <summary>The student's sex where the school recorded it: "відсутній" or "відсутня" (null: a wording without gender).</summary>
    public Roster.Sex? Sex { get; init; }
}

/// <summary>A teaching assignment of a staff member in the school's current year: "7-А · Англійська мова (I група)".</summary>
public sealed record PersonaAssignment(Guid AssignmentId, Guid ClassId, string ClassName, Guid SubjectId, string SubjectName, Guid? GroupId, string? GroupName)
{
    public string Display => $"{ClassName} · {ClassGroup.PageTitle(SubjectName, GroupName)}";
}

/// <summary>A class of the current year.</summary>
public sealed record PersonaClass(Guid ClassId, string ClassName);

/// <summary>A staff member who is talking: roles, school, assignments and the classes they are class teacher of (current year).</summary>
public sealed record PersonaStaff(
    Guid StaffId,
    string ShortName,
    string FullName,
    StaffRoles Roles,
    Guid SchoolId,
    string SchoolName,
    IReadOnlyList<PersonaAssignment> Assignments,
    IReadOnlyList<PersonaClass> ClassTeacherOf)
{
    public bool Has(StaffRoles role) => (Roles & role) == role;

    /// <summary>Stood in for a lesson today or in the days it may still be recorded (J-9), assignments of their own or not.</summary>
    public bool Substitutes { get; init; }
}

/// <summary>
/// Who is talking in a chat, as the conversation needs it: the chat's active links and, behind them, the children
/// of a guardian (across the schools of the installation), the student themself, the staff member with their
/// assignments. A chat may be several of these at once (a teacher who is also a parent).
/// </summary>
public sealed record ChatPersona(
    Channel Channel,
    string ChatId,
    IReadOnlyList<ChatLink> Links,
    IReadOnlyList<PersonaStudent> Children,
    IReadOnlyList<PersonaStudent> Students,
    IReadOnlyList<PersonaStaff> Staff)
{
    public static ChatPersona Empty(Channel channel, string chatId) => new(channel, chatId, [], [], [], []);

    public bool IsLinked => Links.Count > 0;

    public bool IsGuardian => Links.Any(l => l.Kind == PersonKind.Guardian);

    public bool IsStudent => Links.Any(l => l.Kind == PersonKind.Student);

    public bool IsStaff => Links.Any(l => l.Kind == PersonKind.Staff);

    /// <summary>A subject teacher with at least one assignment this year, or a substitute of these days (J-9).</summary>
    public bool IsTeacher => Staff.Any(s => s.Assignments.Count > 0 || s.Substitutes);

    public bool IsClassTeacher => Staff.Any(s => s.ClassTeacherOf.Count > 0);

    /// <summary>Every student whose diary this chat reads: the children, then the student themself.</summary>
    public IEnumerable<PersonaStudent> DiaryStudents => Children.Concat(Students);

    /// <summary>The schools this chat is linked to.</summary>
    public IReadOnlyList<Guid> SchoolIds => Links.Select(l => l.SchoolId).Distinct().ToList();
}
