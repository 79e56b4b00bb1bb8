using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Access;

/// <summary>
/// With secure cookies a panel page opened over plain HTTP could not sign anyone in (and the antiforgery system
/// refuses to run): it gets a page that says what to do instead of an error. Other endpoints (health, webhooks) are
/// not the panel's and pass.
/// </summary>
internal sealed class HttpsOnlyPanel(RequestDelegate next, CookieSecurity security)
{
    /// <summary>Where Bot.Host mounts the Hangfire dashboard.</summary>
    public const string JobsPath = "/jobs";

    public async Task InvokeAsync(HttpContext context)
    {
        // The panel's pages, and the jobs dashboard at /jobs (its forms need the same antiforgery cookie: over plain HTTP it failed with a 500).
        var panel = context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null || context.Request.Path.StartsWithSegments(JobsPath);
        if (!security.Secure || context.Request.IsHttps || !panel)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/html; charset=utf-8";
        var https = $"https://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
        await context.Response.WriteAsync($$"""
            <!DOCTYPE html><html lang="uk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Потрібне HTTPS — Електронний журнал</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>Панель відкривається лише через HTTPS</h1>
            <p>Спробуйте <a href="{{WebUtility.HtmlEncode(https)}}">{{WebUtility.HtmlEncode(https)}}</a>.</p>
            <p>Адміністраторові: налаштуйте HTTPS (наприклад, зворотний проксі на цій машині — заголовок X-Forwarded-Proto
            враховується) або, лише для довіреної мережі без TLS, запустіть з <code>--Admin:SecureCookies=false</code>.</p>
            <p lang="en">The admin panel needs HTTPS (or <code>Admin:SecureCookies=false</code> on a trusted network).</p>
            </body></html>
            """);
    }
}
