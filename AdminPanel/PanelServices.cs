using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
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
        services.TryAddScoped<OutboxOperations>();
        services.TryAddSingleton<IBotAddresses, ConfiguredBotAddresses>();
        services.TryAddScoped<Bot.Domain.Printing.JournalPrints>();
        services.TryAddScoped<Bot.Domain.Printing.StudentReportPdf>();
        services.TryAddScoped<Bot.Domain.Printing.AchievementCertificatePdf>();
        services.TryAddScoped<Bot.Domain.Schools.SchoolSetupService>();
        services.TryAddScoped<Bot.Domain.Schools.SchoolRegistration>();
        services.TryAddScoped<TeachingSetupService>();
        services.TryAddScoped<Bot.Domain.Grading.ResultGroupService>();
        services.TryAddScoped<Bot.Domain.Grading.LearningOutcomeService>();
        services.TryAddScoped<Bot.Domain.Timetable.TimetableService>();
        services.TryAddScoped<Bot.Domain.Timetable.DayChangeService>();
        services.TryAddScoped<Bot.Domain.Timetable.ShelterService>();
        services.TryAddScoped<Bot.Domain.Journal.Grid.JournalGridQuery>();
        services.TryAddScoped<FillInMonitor>();
        services.TryAddScoped<Bot.Domain.Archive.YearArchiveService>();
        services.TryAddScoped<Bot.Domain.Archive.NextYearService>();
        return services;
    }
}
