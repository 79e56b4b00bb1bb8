using Bot.Domain.Roster;

namespace Bot.Domain.Identity;

/// <summary>The panel's roles are the staff roles of docs/architecture.md "Roles", by the names of <see cref="StaffRoles"/>.</summary>
public static class PanelRoles
{
    public const string Administrator = nameof(StaffRoles.Administrator);
    public const string Deputy = nameof(StaffRoles.Deputy);
    public const string ClassTeacher = nameof(StaffRoles.ClassTeacher);
    public const string Teacher = nameof(StaffRoles.Teacher);

    public static IReadOnlyList<string> All { get; } = [Administrator, Deputy, ClassTeacher, Teacher];

    public static IEnumerable<string> Of(StaffRoles roles) =>
        Enum.GetValues<StaffRoles>().Where(r => r != StaffRoles.None && roles.HasFlag(r)).Select(r => r.ToString());

    public static StaffRoles Parse(IEnumerable<string> names) =>
        names.Aggregate(StaffRoles.None, (acc, n) => Enum.TryParse<StaffRoles>(n, out var r) ? acc | r : acc);
}
