namespace Bot.Host.Configuration;

/// <summary>
/// Headers on every response: `X-Content-Type-Options: nosniff` (an uploaded or exported file is never run
/// as a script), `Referrer-Policy: same-origin` (a panel URL with an id does not travel to another site), a
/// Content-Security-Policy limited for now to what cannot break a page — no framing (`frame-ancestors 'none'`, also
/// `X-Frame-Options: DENY`), no plugins, no foreign `&lt;base&gt;` — since some panel pages and the jobs dashboard still
/// use inline handlers; and HSTS only on a request that came over HTTPS (directly, or said so by a known proxy).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
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
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
                if (request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
