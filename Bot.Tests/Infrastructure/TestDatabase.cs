using Bot.Domain.Persistence;

namespace Bot.Tests.Infrastructure;

/// <summary>A real, migrated, empty journal database for one test: a SQLite file or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _file;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? file)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _file = file;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public JournalDbContext NewContext() => JournalDatabase.Create(Provider, ConnectionString);

    /// <summary>
    /// Seals every audit record committed so far, as the host's sealer would (ADR 0037); plain links without a key.
    /// Returns how many were sealed.
    /// </summary>
    public async Task<int> SealAsync(Bot.Domain.Audit.AuditKey? key = null)
    {
        await using var db = NewContext();
        return await Bot.Domain.Audit.AuditSealing.SealAllAsync(db, key);
    }

    public static async Task<TestDatabase> SqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"journal-test-{Guid.NewGuid():N}.db");
        var db = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file);
        await db.MigrateAsync();
        return db;
    }

    public static async Task<TestDatabase> PostgresAsync(PostgresServer server)
    {
        var db = new TestDatabase(DatabaseProvider.PostgreSQL, await server.CreateDatabaseAsync("journal"), null);
        await db.MigrateAsync();
        return db;
    }

    private async Task MigrateAsync()
    {
        await using var ctx = NewContext();
        await JournalDatabase.MigrateAsync(ctx);
    }

    public ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }

        return ValueTask.CompletedTask;
    }
}
