namespace Bot.Domain.Linking;

/// <summary>Whom a class's invite sheet is for.</summary>
public enum InviteAudience
{
    Parents,
    Students,
}

/// <summary>
/// One line of an invite sheet, as the verb `invites create` prints it (docs/operations.md "Verbs of the executable") and the panel
/// shows it: the class ("" for staff), the student, the guardian (for staff: the staff member's name), the role
/// (<see cref="InviteRoles"/>), the code and when it expires.
/// </summary>
public sealed record InviteRow(string Class, string? Student, string? Guardian, string Role, string Code, DateTime ExpiresUtc);

/// <summary>The roles of an invite sheet's rows, as scripts read them.</summary>
public static class InviteRoles
{
    public const string Parent = "parent";
    public const string Student = "student";
    public const string Staff = "staff";
}

/// <summary>
/// A class's invites as the panel issues them (<see cref="InviteService.IssueForClassAsync"/>): the rows, and the people
/// left out because they are already linked to a chat (full names, alphabetical).
/// </summary>
public sealed record ClassInvites(string ClassName, string SchoolName, InviteAudience Audience, IReadOnlyList<InviteRow> Rows, IReadOnlyList<string> AlreadyLinked);
