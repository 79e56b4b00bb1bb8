using Bot.Domain.Identity;
using Hangfire.Dashboard;

namespace Bot.Host.Jobs;

/// <summary>
/// Who may open the jobs dashboard at `/jobs`: someone signed in to the panel with the Administrator role,
/// whose one-time password has been changed — always, also from this machine: the dashboard triggers and deletes jobs,
/// and "from loopback" is everyone a reverse proxy on the machine forwards. A stranger gets 401, a signed-in person
/// without the role 403 (Hangfire's answers).
/// </summary>
public sealed class JobsDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());

    public static bool IsAllowed(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        && http.User.IsInRole(PanelRoles.Administrator)
        && !http.User.HasClaim(c => c.Type == AdminPanel.Access.PanelClaims.MustChangePassword);
}
