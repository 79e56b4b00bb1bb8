using AdminPanel.Access;
using Bot.Domain.Persistence;
using Bot.Host.Health;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using HostOptions = Bot.Host.Configuration.HostOptions;

namespace Bot.Host.Jobs;

/// <summary>
/// Hangfire (docs/architecture.md "Processes"): on the embedded default (SQLite) the jobs live in a SQLite file of their own beside
/// the journal's (`Jobs:SqlitePath`, ADR 0030), so a restart keeps enqueued and scheduled jobs, retries and the
/// dashboard's history; PostgreSQL storage (schema `hangfire`) when `Database:Provider` is PostgreSQL; in memory only
/// when a test asks (`Jobs:InMemory`). Every process can enqueue; only a process with the `jobs` role runs the server;
/// the dashboard is at `/jobs`. Jobs only compose outbox rows; recurring jobs are registered again at every start.
/// The storage, activator and log bridge are this host's own, not Hangfire's statics, so several hosts in one
/// process (tests) do not share or break each other's jobs.
/// </summary>
public static class JobsExtensions
{
    public const string DashboardPath = "/jobs";

    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.SchedulePollingInterval > TimeSpan.Zero && o.SchedulePollingInterval <= TimeSpan.FromMinutes(1),
                "Jobs:SchedulePollingInterval must be above zero and at most a minute.")
            .Validate(o => o.WorkerCount is >= 1 and <= 20, "Jobs:WorkerCount must be 1 to 20.")
            .ValidateOnStart();

        services.AddSingleton<JobStorage>(sp => CreateStorage(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobActivator>(sp => new ScopedJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) =>
        {
            HangfireLog.Use(sp.GetRequiredService<ILoggerFactory>());
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLog.Instance);
        });
        // A process that runs jobs or shows their dashboard needs the job storage; a bot-only one never touches it.
        var roles = Roles(builder.Configuration);
        if (roles.Has("jobs") || roles.Has("admin"))
            services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("job storage", tags: [HealthExtensions.ReadyTag]);
        // The closing seals the school's pending audit records before it takes the head (ADR 0037): with this process's key.
        services.AddScoped(sp => new Bot.Domain.Archive.YearArchiveService(sp.GetRequiredService<Bot.Domain.Persistence.JournalDbContext>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<Bot.Host.Audit.AuditKeyHolder>()?.Key));
        services.AddScoped<Bot.Domain.Archive.IYearClosingQueue, HangfireYearClosingQueue>();

        if (!roles.Has("jobs")) return builder;
        services.AddHangfireServer((sp, o) =>
        {
            var jobs = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value;
            o.SchedulePollingInterval = jobs.SchedulePollingInterval;
            o.WorkerCount = jobs.WorkerCount;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }

    /// <summary>The dashboard at `/jobs`, in a process with the `admin` role (<see cref="JobsDashboardAuthorization"/> decides who).</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.Lifetime.ApplicationStopped.Register(() => HangfireLog.Forget(app.Services.GetRequiredService<ILoggerFactory>()));
        if (!Roles(app.Configuration).Has("admin")) return app;
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new JobsDashboardAuthorization()],
            DashboardTitle = "Завдання — шкільний журнал",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>()).RequirePanelHttps(); // its forms need the panel's HTTPS-only antiforgery cookie
        return app;
    }

    private static JobStorage CreateStorage(IConfiguration configuration, JobsOptions jobs)
    {
        var postgres = JournalDatabase.ParseProvider(configuration["Database:Provider"]) == DatabaseProvider.PostgreSQL;
        // A journal in memory (a test's) keeps its jobs in memory too: there is nothing durable beside it.
        if (jobs.InMemory || (!postgres && SqlitePath(configuration, jobs) is null))
            return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        if (!postgres)
        {
            var path = SqlitePath(configuration, jobs)!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new SQLiteStorage(path, new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(1),
                InvisibilityTimeout = jobs.InvisibilityTimeout,
                DistributedLockLifetime = jobs.DistributedLockLifetime,
            });
        }

        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        var cs = configuration.GetConnectionString("Journal")
            ?? throw new InvalidOperationException("ConnectionStrings:Journal is required when Database:Provider is PostgreSQL.");
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(cs, options), options);
    }

    /// <summary>
    /// The job storage's file on the embedded default: `Jobs:SqlitePath`, else beside the journal's database (`jobs.db`
    /// next to `journal.db`, `NAME-jobs.db` next to `NAME.db`); null when the journal is not a file (in memory).
    /// </summary>
    public static string? SqlitePath(IConfiguration configuration, JobsOptions jobs)
    {
        if (!string.IsNullOrWhiteSpace(jobs.SqlitePath)) return Path.GetFullPath(jobs.SqlitePath);
        // The journal's connection string as the journal itself resolves it (the default `./data/journal.db` when unset).
        var journal = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            JournalDatabase.ConnectionString(DatabaseProvider.Sqlite, configuration.GetConnectionString("Journal")));
        if (journal.DataSource is not { Length: > 0 } file || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal)
            || journal.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory) return null;
        var full = Path.GetFullPath(file);
        var name = Path.GetFileNameWithoutExtension(full);
        return Path.Combine(Path.GetDirectoryName(full)!, name == "journal" ? "jobs.db" : $"{name}-jobs.db");
    }

    internal static HostOptions Roles(IConfiguration configuration) => configuration.GetSection("Host").Get<HostOptions>() ?? new HostOptions();
}
