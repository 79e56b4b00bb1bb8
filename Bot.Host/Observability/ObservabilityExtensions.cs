using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Observability;

/// <summary>
/// Metrics (ADR 0024): <see cref="JournalMetrics"/> and `/metrics` in Prometheus's text format, in every process
/// (the sender's counters live in `jobs` processes, the updates' in `bot` ones). `/metrics` answers only a request with
/// `Authorization: Bearer {Metrics:Token}` (when that is set), or a request from loopback when `Metrics:AllowLoopback`
/// says so explicitly (a reverse proxy on the machine makes the world loopback unless it forwards
/// `X-Forwarded-For`, which only `ForwardedHeaders:KnownProxies` are believed about); 403 otherwise. It shows counts,
/// never a name or a chat.
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<OutboxDepth>();
        builder.Services.AddSingleton<JournalMetrics>();
        builder.Services.AddSingleton<PrometheusText>();
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<PrometheusText>(); // listen from the start, not from the first scrape
        _ = app.Services.GetRequiredService<JournalMetrics>(); // its instruments exist (at zero) in every role
        var token = app.Configuration["Metrics:Token"];
        var allowLoopback = app.Configuration.GetValue<bool>("Metrics:AllowLoopback");
        app.MapGet(MetricsPath, async (HttpContext http, OutboxDepth depth, PrometheusText text) =>
        {
            if (!Allowed(http, token, allowLoopback)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            await depth.RefreshAsync(http.RequestAborted);
            return Results.Text(text.Render(), "text/plain; version=0.0.4; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    internal static bool Allowed(HttpContext http, string? token, bool allowLoopback)
    {
        if (allowLoopback && http.Connection.RemoteIpAddress is { } remote
            && System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)) return true;
        if (string.IsNullOrEmpty(token)) return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[bearer.Length..]), Encoding.UTF8.GetBytes(token));
    }
}
