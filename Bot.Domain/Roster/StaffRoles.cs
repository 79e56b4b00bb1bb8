namespace Bot.Domain.Roster;

/// <summary>Staff roles of docs/architecture.md "Roles"; a person may hold several.</summary>
[Flags]
public enum StaffRoles
{
    None = 0,
    Teacher = 1,
    ClassTeacher = 2,
    Deputy = 4,
    Administrator = 8,
}

public static class StaffRolesExtensions
{
    /// <summary>Deputy directors and administrators may correct any journal of their school, with a reason.</summary>
    public static bool CanCorrectAnyJournal(this StaffRoles roles) => (roles & (StaffRoles.Deputy | StaffRoles.Administrator)) != 0;

    public static string Title(this StaffRoles role) => role switch
    {
        StaffRoles.Teacher => "вчитель",
        StaffRoles.ClassTeacher => "класний керівник",
        StaffRoles.Deputy => "заступник директора",
        StaffRoles.Administrator => "адміністратор",
        _ => string.Join(", ", Enum.GetValues<StaffRoles>().Where(r => r != StaffRoles.None && role.HasFlag(r)).Select(Title)),
    };
}
