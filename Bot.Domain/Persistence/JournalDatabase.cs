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
            ? services.AddDbContext<JournalDbContext, SqliteJournalDbContext>(o => ConfigureSqlite(o, cs))
            : services.AddDbContext<JournalDbContext, PostgresJournalDbContext>(o => ConfigurePostgres(o, cs));
    }

    /// <summary>A context outside dependency injection (verbs, tests, benchmarks).</summary>
    public static JournalDbContext Create(DatabaseProvider provider, string? connectionString)
    {
        var cs = Normalize(provider, connectionString);
        if (provider == DatabaseProvider.Sqlite)
        {
            var o = new DbContextOptionsBuilder<SqliteJournalDbContext>();
            ConfigureSqlite(o, cs);
            return new SqliteJournalDbContext(o.Options);
        }

        var p = new DbContextOptionsBuilder<PostgresJournalDbContext>();
        ConfigurePostgres(p, cs);
        return new PostgresJournalDbContext(p.Options);
    }

    /// <summary>Applies the provider's migrations; on SQLite also switches the file to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(JournalDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db is SqliteJournalDbContext) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

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

    private static void ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs, x => x.MigrationsHistoryTable("__EFMigrationsHistory"));

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
