using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Roster.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPanel;

/// <summary>The domain services the panel's pages call.</summary>
internal static class PanelServices
{
    public static IServiceCollection AddPanelServices(this IServiceCollection services)
    {
        services.TryAddScoped<RosterService>();
        services.TryAddScoped<ClassLogService>();
        services.TryAddScoped<StaffService>();
        services.TryAddScoped<RosterImportService>();
        services.TryAddScoped<RosterExport>();
        services.TryAddScoped<Bot.Domain.Journal.Grid.JournalGridQuery>();
        services.TryAddScoped<FillInMonitor>();
        return services;
    }
}
