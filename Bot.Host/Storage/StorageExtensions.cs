using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The journal's database (SQLite under ./data/ by default, or PostgreSQL) and the domain services that write
    /// to it. The provider and connection string are read when a context is made, from the final configuration.
    /// </summary>
    public static IHostApplicationBuilder AddJournalStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<JournalDbContext>(sp =>
        {
            var cfg = sp.GetRequiredService<IConfiguration>();
            var db = JournalDatabase.Create(JournalDatabase.ParseProvider(cfg["Database:Provider"]), cfg.GetConnectionString("Journal"),
                JournalDatabase.ParseSqliteSynchronous(cfg["Database:SqliteSynchronous"]));
            // SQLite: one connection for the scope. EF Core would otherwise open and close it around every query, and each
            // open of a pooled SQLite connection registers EF Core's SQL functions on it again (a /mark runs ~35 queries).
            // An open SQLite connection holds no lock between statements. Not on PostgreSQL, where it would hold a server
            // connection for the whole request.
            if (db is SqliteJournalDbContext) db.Database.OpenConnection();
            // A save that stored audit records wakes this process's sealer, if it runs one (ADR 0037).
            if (sp.GetService<Bot.Host.Audit.AuditSealSignal>() is { } sealSignal) db.AuditSaved = sealSignal.Notify;
            return db;
        });
        builder.Services.AddScoped<JournalService>();
        builder.Services.AddScoped<CalendarPlanService>();
        // With the installation's key where this process has it (ADR 0037; verbs without the sealer's services: none).
        builder.Services.AddScoped(sp => new AuditVerifier(sp.GetRequiredService<JournalDbContext>(), sp.GetService<Bot.Host.Audit.AuditKeyHolder>()?.Key, sp.GetService<TimeProvider>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Linking").Get<LinkingSettings>() ?? new LinkingSettings());
        builder.Services.AddSingleton<WrongCodeBrake>();
        builder.Services.AddScoped<InviteService>();
        return builder;
    }

    /// <summary>Start applies migrations (docs/architecture.md "Processes").</summary>
    /// <param name="inTurn">First-start work that must not run in two processes at once (seeding, the first account), run in the same turn.</param>
    public static async Task PrepareDatabaseAsync(this WebApplication app, Func<Task>? inTurn = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        // PostgreSQL: processes started together (compose) take turns, or two would create the same tables at once and
        // one would die on "relation already exists" (seen); Hangfire's schema, installed when its storage is made, too.
        await using var turn = JournalDatabase.ParseProvider(app.Configuration["Database:Provider"]) == DatabaseProvider.PostgreSQL
            ? await PostgresAdvisoryLock.WaitAsync(app.Configuration.GetConnectionString("Journal") ?? "", MigrationsKey, "migrations", CancellationToken.None)
            : null;
        await JournalDatabase.MigrateAsync(db);
        var roles = Jobs.JobsExtensions.Roles(app.Configuration);
        if (turn is not null && (roles.Has("jobs") || roles.Has("admin"))) _ = app.Services.GetRequiredService<Hangfire.JobStorage>();
        if (inTurn is not null) await inTurn();
    }

    /// <summary>The migrations' advisory lock: "migrat" in ASCII.</summary>
    public const long MigrationsKey = 0x6D6967726174;
}
