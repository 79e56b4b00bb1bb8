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
        return builder;
    }

    public static WebApplication MapAdminPanel(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
