using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Domain.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Chooses the provider's context (and so its migrations) from the settings `Database:Provider` and `ConnectionStrings:Journal`.</summary>
public static class JournalDatabase
{
    public const string DefaultSqlite = "Data Source=./data/journal.db";

    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : value.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSQL,
            _ => throw new ArgumentException($"Unknown Database:Provider '{value}': use Sqlite or PostgreSQL."),
        };

    public static IServiceCollection AddJournalDatabase(this IServiceCollection services, DatabaseProvider provider, string? connectionString)
    {
        var cs = Normalize(provider, connectionString);
        return provider == DatabaseProvider.Sqlite
            ? services.AddDbContext<JournalDbContext, SqliteJournalDbContext>(o => ConfigureSqlite(o, cs, SqliteSynchronous.Normal))
            : services.AddDbContext<JournalDbContext, PostgresJournalDbContext>(o => ConfigurePostgres(o, cs));
    }

    /// <summary>A context outside dependency injection (verbs, tests, benchmarks); <paramref name="synchronous"/> applies to SQLite only.</summary>
    public static JournalDbContext Create(DatabaseProvider provider, string? connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Normal)
    {
        var cs = Normalize(provider, connectionString);
        // The options are immutable: built once per connection string and shared (a context per request is common).
        var options = Options.GetOrAdd((provider, cs, synchronous), static key =>
        {
            if (key.Provider == DatabaseProvider.Sqlite)
            {
                var o = new DbContextOptionsBuilder<SqliteJournalDbContext>();
                ConfigureSqlite(o, key.ConnectionString, key.Synchronous);
                return o.Options;
            }

            var p = new DbContextOptionsBuilder<PostgresJournalDbContext>();
            ConfigurePostgres(p, key.ConnectionString);
            return p.Options;
        });
        return options is DbContextOptions<SqliteJournalDbContext> sqlite
            ? new SqliteJournalDbContext(sqlite)
            : new PostgresJournalDbContext((DbContextOptions<PostgresJournalDbContext>)options);
    }

    private static readonly ConcurrentDictionary<(DatabaseProvider Provider, string ConnectionString, SqliteSynchronous Synchronous), DbContextOptions> Options = new();

    /// <summary>Applies the provider's migrations; on SQLite also switches the file to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(JournalDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db is SqliteJournalDbContext) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>The connection string a context of this provider uses (SQLite: the default file, its folder created).</summary>
    public static string ConnectionString(DatabaseProvider provider, string? connectionString) => Normalize(provider, connectionString);

    private static string Normalize(DatabaseProvider provider, string? connectionString)
    {
        if (provider == DatabaseProvider.PostgreSQL)
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new ArgumentException("ConnectionStrings:Journal is required when Database:Provider is PostgreSQL.")
                : connectionString;

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }

        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    public static SqliteSynchronous ParseSqliteSynchronous(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SqliteSynchronous.Normal
        : Enum.TryParse<SqliteSynchronous>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
        : throw new ArgumentException($"Unknown Database:SqliteSynchronous '{value}': use Normal or Full.");

    private static void ConfigureSqlite(DbContextOptionsBuilder o, string cs, SqliteSynchronous synchronous) =>
        o.UseSqlite(cs, x => x.MigrationsHistoryTable("__EFMigrationsHistory")
                // `ids.Contains(x)` as one JSON parameter (json_each), so its SQL does not depend on how many ids there are and
                // EF Core caches it; as one parameter per id (EF Core 10's default) the SQL is generated again at every run.
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(SqliteSynchronousInterceptor.For(synchronous));

    private static void ConfigurePostgres(DbContextOptionsBuilder o, string cs) =>
        o.UseNpgsql(cs, x => x.EnableRetryOnFailure(0));
}

/// <summary>Design-time factories for `dotnet ef migrations add` (one migrations folder per provider, ADR 0002).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJournalDbContext>
{
    public SqliteJournalDbContext CreateDbContext(string[] args) => (SqliteJournalDbContext)JournalDatabase.Create(DatabaseProvider.Sqlite, "Data Source=design.db");
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJournalDbContext>
{
    public PostgresJournalDbContext CreateDbContext(string[] args) =>
        (PostgresJournalDbContext)JournalDatabase.Create(DatabaseProvider.PostgreSQL, "Host=127.0.0.1;Database=design;Username=postgres");
}
