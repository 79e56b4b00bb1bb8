using System.Net;
using Hangfire.Dashboard;

namespace Bot.Host.Jobs;

/// <summary>
/// Who may open the jobs dashboard at `/jobs`. DESIGN.md: administrators only — someone signed in to the panel with the
/// Administrator role (the panel's menu links here for them); and, as before sign-in existed, requests from this
/// machine (loopback, or the server's own address), for the operator at its console. Everyone else gets 401.
/// </summary>
public sealed class JobsDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());

    public static bool IsAllowed(HttpContext http)
    {
        return http.User.IsInRole(Bot.Domain.Identity.PanelRoles.Administrator) || IsFromThisMachine(http);
    }

    /// <summary>A request from this machine: loopback, or the server's own address (also `/metrics`'s rule).</summary>
    public static bool IsFromThisMachine(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        return IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress);
    }
}
