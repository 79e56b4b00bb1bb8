using Bot.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace AdminPanel.Access;

/// <summary>
/// Who may do what in the panel (docs/architecture.md "Roles"). A page declares its policy with [Authorize(Policy = ...)]; a POST
/// handler that needs more than its page declares it with <see cref="HandlerPolicyAttribute"/>. Everything else in the
/// panel needs <see cref="Staff"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff: the overview, their own account.</summary>
    public const string Staff = "Staff";

    /// <summary>Class lists, students and guardians, consent records: administration, and a class teacher for their class.</summary>
    public const string ClassLists = "ClassLists";

    /// <summary>Changing rosters: arrivals and leaving, individual study, guardians, import and export; the staff list.</summary>
    public const string Rosters = "Rosters";

    /// <summary>Users and settings: staff accounts, roles, deactivation. The director and the school's IT only.</summary>
    public const string Users = "Users";

    /// <summary>Invites for a class (parents, students): administration, and a class teacher for their class (checked per record).</summary>
    public const string ClassInvites = "ClassInvites";

    /// <summary>Operations: the outbox, retrying dead rows, links by messenger. The director and the school's IT only.</summary>
    public const string Operations = "Operations";
    /// <summary>The school's setup: the year, bells, subjects, groups, assignments, the timetable and its day changes (administration).</summary>
    public const string Setup = "Setup";
    /// <summary>Control of the journals: the audit trail, remarks (J-13), fill-in monitoring. The director and deputies.</summary>
    public const string Control = "Control";

    /// <summary>The year-end archive (J-14): downloading the archived journals. The director and deputies.</summary>
    public const string Archive = "Archive";
    /// <summary>Closing a school year and opening the next (J-14). The director and the school's IT only.</summary>
    public const string CloseYear = "CloseYear";

    /// <summary>The installation's schools (ADR 0022): an administrator who is nobody's staff — the installation's operator.</summary>
    public const string Installation = "Installation";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Archive, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator, PanelRoles.Deputy));
        o.AddPolicy(CloseYear, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator));
        o.AddPolicy(Installation, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator)
            .RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == PanelClaims.StaffId)));
        o.AddPolicy(Setup, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator, PanelRoles.Deputy));
        o.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.All));
        o.AddPolicy(ClassLists, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator, PanelRoles.Deputy, PanelRoles.ClassTeacher));
        o.AddPolicy(Rosters, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator, PanelRoles.Deputy));
        o.AddPolicy(Control, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator, PanelRoles.Deputy));
        o.AddPolicy(Users, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator));
        o.AddPolicy(ClassInvites, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator, PanelRoles.Deputy, PanelRoles.ClassTeacher));
        o.AddPolicy(Operations, p => p.RequireAuthenticatedUser().RequireRole(PanelRoles.Administrator));
    }
}
