namespace Bot.Host.Configuration;

/// <summary>
/// Headers on every response: `X-Content-Type-Options: nosniff` (an uploaded or exported file is never run as a script),
/// `Referrer-Policy: same-origin` (a panel URL with an id does not travel to another site), the panel's full
/// Content-Security-Policy (<see cref="ContentSecurityPolicy"/>: scripts and styles only from the panel's own files, no
/// inline script, handler or style attribute, no framing — also `X-Frame-Options: DENY`); and HSTS only on a request that
/// came over HTTPS (directly, or said so by a known proxy). A response that sets its own policy keeps it: the lesson page
/// (framed by Telegram's web app, ADR 0046), the bot preview, the invite page. The jobs dashboard (Hangfire's pages, whose
/// inline scripts are not ours) gets <see cref="DashboardPolicy"/>: no framing, no plugins, no foreign base.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string DashboardPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>After <see cref="TrustedProxiesExtensions.UseTrustedProxies"/>: the scheme is the client's.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                // The lesson page opens inside Telegram's web and desktop apps (a frame of web.telegram.org); its own CSP says so (ADR 0046).
                if (!request.Path.StartsWithSegments("/lesson")) headers.XFrameOptions = "DENY";
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy = request.Path.StartsWithSegments(Jobs.JobsExtensions.DashboardPath) ? DashboardPolicy : ContentSecurityPolicy;
                if (request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
