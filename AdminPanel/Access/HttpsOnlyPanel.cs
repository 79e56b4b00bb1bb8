using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Access;

/// <summary>
/// With secure cookies a panel page opened over plain HTTP could not sign anyone in (and the antiforgery system
/// refuses to run): it gets a page that says what to do instead of an error. The panel's Razor Pages and the endpoints
/// marked with <see cref="HttpsOnlyPanelExtensions.RequirePanelHttps"/> (the jobs dashboard, whose forms need the same
/// antiforgery cookie) are the panel's; other endpoints (health, webhooks) pass.
/// </summary>
internal sealed class HttpsOnlyPanel(RequestDelegate next, CookieSecurity security)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var panel = metadata?.GetMetadata<PageActionDescriptor>() is not null || metadata?.GetMetadata<PanelEndpoint>() is not null;
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
            <body>
            <h1>Панель відкривається лише через HTTPS</h1>
            <p>Спробуйте <a href="{{WebUtility.HtmlEncode(https)}}">{{WebUtility.HtmlEncode(https)}}</a>.</p>
            <p>Адміністраторові: налаштуйте HTTPS (наприклад, зворотний проксі на цій машині — заголовок X-Forwarded-Proto
            враховується) або, лише для довіреної мережі без TLS, запустіть з <code>--Admin:SecureCookies=false</code>.</p>
            <p lang="en">The admin panel needs HTTPS (or <code>Admin:SecureCookies=false</code> on a trusted network).</p>
            </body></html>
            """);
    }
}

/// <summary>Marks an endpoint outside the Razor Pages as the panel's (<see cref="HttpsOnlyPanel"/>).</summary>
internal sealed class PanelEndpoint;

public static class HttpsOnlyPanelExtensions
{
    /// <summary>This endpoint is part of the panel: over plain HTTP with secure cookies it gets the panel's "needs HTTPS" page.</summary>
    public static TBuilder RequirePanelHttps<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PanelEndpoint());
}
