using Microsoft.AspNetCore.Routing;

namespace AdminPanel.Access;

/// <summary>
/// The jobs dashboard's address when the host maps one (Hangfire at `/jobs` in a process with the admin role), for the
/// administrators' menu; null otherwise, and then the menu has no link.
/// </summary>
public sealed class JobsDashboardLink(EndpointDataSource endpoints)
{
    private readonly Lazy<string?> _path = new(() => endpoints.Endpoints.OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern.RawText)
        .FirstOrDefault(p => p is not null && (p == "/jobs" || p.StartsWith("/jobs/", StringComparison.Ordinal))) is null ? null : "/jobs");

    public string? Path => _path.Value;
}
