using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Health;

/// <summary>`/healthz`: the process is up. `/readyz`: the database (and, once added, the job storage) answer (docs/operations.md "Behind a reverse proxy").</summary>
public static class HealthExtensions
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        return app;
    }

    public static void LogWhereToFindThePanel(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var roles = app.Configuration["Host:Roles"] ?? "bot,jobs,admin";
            var panel = (app.Configuration.GetSection("Host").Get<Configuration.HostOptions>() ?? new()).Has("admin");
            foreach (var address in addresses.Select(a => a.TrimEnd('/')))
                if (panel) app.Logger.LogInformation("Admin panel: {Address}/  health: {Address}/healthz", address, address);
                else app.Logger.LogInformation("Roles {Roles}, no panel here: health {Address}/healthz, metrics {Address}/metrics", roles, address, address);
        });
}

internal sealed class DatabaseHealthCheck(JournalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
