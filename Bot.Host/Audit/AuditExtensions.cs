using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Host.Delivery;
using Bot.Host.Jobs;
using Bot.Host.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Host.Audit;

/// <summary>
/// The audit chain's sealer and key (ADR 0037): the key's holder in every process (the verifier reads it), the sealer in
/// processes with the `jobs` role — one of them at a time, under its lease.
/// </summary>
public static class AuditExtensions
{
    public static IHostApplicationBuilder AddAuditSealing(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeyPath), "Audit:KeyPath must name the audit key's file.")
            .Validate(o => o.SealInterval > TimeSpan.Zero && o.LeaseRetryInterval > TimeSpan.Zero, "Audit:SealInterval and Audit:LeaseRetryInterval must be above zero.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "Audit:BatchSize must be 1 to 10000.")
            .ValidateOnStart();
        services.AddSingleton<AuditKeyHolder>();
        services.AddSingleton<AuditSealSignal>();
        services.AddKeyedSingleton<IOutboxLease>(AuditSealer.LeaseKey, (sp, _) =>
        {
            var cfg = sp.GetRequiredService<IConfiguration>();
            return JournalDatabase.ParseProvider(cfg["Database:Provider"]) == DatabaseProvider.PostgreSQL
                ? new SealerLease(new PostgresAdvisoryLock(cfg.GetConnectionString("Journal") ?? "", AuditSealer.LockKey, "audit sealer",
                    sp.GetRequiredService<ILogger<AuditSealer>>()))
                : new SingleProcessLease();
        });
        if (RunsSealer(builder.Configuration))
        {
            services.AddSingleton<AuditSealer>();
            services.AddHostedService(sp => sp.GetRequiredService<AuditSealer>());
        }

        return builder;
    }

    /// <summary>Processes with the `jobs` role run the sealer (the single embedded process has every role).</summary>
    public static bool RunsSealer(IConfiguration configuration) => JobsExtensions.Roles(configuration).Has("jobs");

    /// <summary>
    /// Before the server starts, after the migrations: a process that runs the sealer must have the installation's key.
    /// The single process (SQLite, or every role in one process) makes it at its first start; otherwise `migrate` makes
    /// it. False, with the reason logged for the operator, when the process must not start.
    /// </summary>
    public static async Task<bool> PrepareAuditKeyAsync(this WebApplication app)
    {
        if (!RunsSealer(app.Configuration)) return true;
        var holder = app.Services.GetRequiredService<AuditKeyHolder>();
        var roles = JobsExtensions.Roles(app.Configuration);
        var single = JournalDatabase.ParseProvider(app.Configuration["Database:Provider"]) == DatabaseProvider.Sqlite
            || (roles.Has("bot") && roles.Has("jobs") && roles.Has("admin"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        var result = await AuditKeyCheck.EnsureAsync(db, holder.Path, create: single);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bot.Host.Audit");
        if (result.Key is null)
        {
            log.LogCritical("{Problem}", result.Problem);
            await Console.Error.WriteLineAsync(result.Problem);
            return false;
        }

        if (result.Created)
            log.LogWarning("Created the audit key at {Path} (key id {KeyId}). Back it up separately from the database: without it the audit chain cannot be checked or extended",
                holder.Path, result.Key.KeyId);
        holder.Set(result.Key);
        return true;
    }

    /// <summary>The verifier with this process's key (the panel's audit page, the first page).</summary>
    public static AuditVerifier Verifier(IServiceProvider sp) =>
        new(sp.GetRequiredService<JournalDbContext>(), sp.GetRequiredService<AuditKeyHolder>().Key);

    private sealed class SealerLease(PostgresAdvisoryLock @lock) : IOutboxLease
    {
        public Task<bool> TryAcquireAsync(CancellationToken ct) => @lock.TryAcquireAsync(ct);

        public Task<bool> IsHeldAsync(CancellationToken ct) => @lock.IsHeldAsync(ct);

        public Task ReleaseAsync() => @lock.ReleaseAsync();
    }
}

/// <summary>The key check shared by the server's start and the `migrate` verb.</summary>
public static class AuditKeyCheck
{
    public sealed record Outcome(AuditKey? Key, bool Created, string? Problem);

    /// <summary>
    /// The key at <paramref name="path"/> if it is the one the chains were sealed with; made there when there is none and
    /// <paramref name="create"/> allows and no chain is keyed yet; otherwise the reason, in words for the operator.
    /// </summary>
    public static async Task<Outcome> EnsureAsync(JournalDbContext db, string path, bool create, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var inUse = await AuditSealing.KeyIdsInUseAsync(db, ct);
        AuditKey? key;
        try
        {
            key = AuditKey.TryLoad(full);
        }
        catch (InvalidOperationException e)
        {
            return new(null, false, e.Message);
        }

        var created = false;
        if (key is null)
        {
            if (inUse.Count > 0)
                return new(null, false,
                    $"The audit key file '{full}' is missing, but the audit chain was sealed with the key {string.Join(", ", inUse)}. "
                    + "Restore the key file from its backup (it is kept apart from the database's) to that path, or set Audit:KeyPath to where it is. "
                    + "The audit sealer does not start without it; a new key would not match the chain.");
            if (!create)
                return new(null, false,
                    $"The audit key file '{full}' is missing. Run `Bot.Host migrate` with the same Audit:KeyPath (it creates the key), "
                    + "with that path on a volume every process of the installation mounts, then start this process again.");
            key = AuditKey.LoadOrCreate(full, out created);
        }

        var other = inUse.Where(id => id != key.KeyId).ToList();
        if (other.Count > 0)
            return new(null, false,
                $"The audit key in '{full}' (key id {key.KeyId}) is not the key the audit chain was sealed with (key id {string.Join(", ", other)}). "
                + "Put the right key file there from its backup, or set Audit:KeyPath to it. The audit sealer does not start with another key.");
        return new(key, created, null);
    }
}
