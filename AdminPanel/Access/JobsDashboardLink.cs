using Microsoft.AspNetCore.Routing;

namespace AdminPanel.Access;

/// <summary>
/// The jobs dashboard's address when the host maps one (Hangfire at `/jobs` in a process with the admin role), for the
/// administrators' menu; null otherwise, and then the menu has no link.
/// </summary>
public sealed class JobsDashboardLink(EndpointDataSource endpoints)
{
    private readonly Lazy<string?> _path = new(() => MappedPath(endpoints, "/jobs"));

    public string? Path => _path.Value;

    /// <summary><paramref name="path"/> when the host maps an endpoint at it or under it, else null.</summary>
    internal static string? MappedPath(EndpointDataSource endpoints, string path) => endpoints.Endpoints.OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern.RawText)
        .Any(p => p is not null && (p == path || p.StartsWith(path + "/", StringComparison.Ordinal))) ? path : null;
}

/// <summary>The bot preview's address (`/preview/`) when the host maps it (Development or demo mode only), else null.</summary>
public sealed class BotPreviewLink(EndpointDataSource endpoints)
{
    private readonly Lazy<string?> _path = new(() => JobsDashboardLink.MappedPath(endpoints, "/preview") is null ? null : "/preview/");

    public string? Path => _path.Value;
}
