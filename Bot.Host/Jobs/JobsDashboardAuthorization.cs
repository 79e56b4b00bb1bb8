using System.Net;
using Hangfire.Dashboard;

namespace Bot.Host.Jobs;

/// <summary>
/// Who may open the jobs dashboard at `/jobs`. DESIGN.md: administrators only. Until the admin panel has its sign-in,
/// only requests from this machine (loopback, or the server's own address) get in; everyone else gets 401.
/// When sign-in lands, replace <see cref="IsAllowed"/> with the Administrator role check (or map the dashboard with
/// `MapHangfireDashboardWithAuthorizationPolicy`), and keep this class as the one place that decides.
/// </summary>
public sealed class JobsDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());

    public static bool IsAllowed(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        return IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress);
    }
}
