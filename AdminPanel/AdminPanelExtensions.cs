using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdminPanel;

/// <summary>Mounts the admin panel's Razor Pages in Bot.Host (DESIGN.md "Projects").</summary>
public static class AdminPanelExtensions
{
    public static IHostApplicationBuilder AddAdminPanel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages();
        // Cyrillic stays Cyrillic in the pages, not character entities (DESIGN.md "Dependencies").
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    public static WebApplication MapAdminPanel(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
