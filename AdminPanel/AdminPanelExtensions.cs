using AdminPanel.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdminPanel;

/// <summary>Mounts the admin panel's Razor Pages in Bot.Host (docs/architecture.md "Projects").</summary>
public static class AdminPanelExtensions
{
    public static IHostApplicationBuilder AddAdminPanel(this IHostApplicationBuilder builder)
    {
        builder.AddPanelAuthentication();
        // Bootstrap and the panel's CSS come from this library's wwwroot (_content/AdminPanel/...). A published app has
        // them in its own wwwroot; a built one (dotnet run, tests) finds them through the static web assets manifest,
        // which ASP.NET Core reads by itself only in Development.
        if (builder.Environment is IWebHostEnvironment web) StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
        builder.Services.AddRazorPages(o =>
            {
                // Every page needs a signed-in member of staff unless it says more (or, for sign-in itself, less).
                o.Conventions.AuthorizeFolder("/", Policies.Staff);
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/Status");
                Pages.Today.PanelStart.Apply(o.Conventions);
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<HandlerAuthorizationFilter>();
                // A POST (or a ?handler=) that no handler of the page takes: 405, not the page rendered without OnGet.
                o.Filters.Add<NoHandlerFilter>();
                o.Filters.Add<PasswordChangeFilter>();
                UkrainianBindingMessages.Apply(o.ModelBindingMessageProvider);
            });
        // Cyrillic stays Cyrillic in the pages, not character entities (docs/architecture.md "Dependencies").
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddPanelServices();
        return builder;
    }

    public static WebApplication MapAdminPanel(this WebApplication app)
    {
        // Behind a reverse proxy the request's scheme and client are the proxy's to say: the host applies X-Forwarded-*
        // from its configured proxies only, before anything else (Bot.Host's UseTrustedProxies, ForwardedHeaders:*).
        app.UseMiddleware<HttpsOnlyPanel>();
        // A person's browser gets a Ukrainian page with the status (403, 404); scripts and bots get the bare status.
        app.UseStatusCodePagesWithReExecute("/Account/Status", "?code={0}");
        app.Use((ctx, next) =>
        {
            if (!ctx.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
                && ctx.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(ctx);
        });
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}
