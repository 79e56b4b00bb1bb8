using Bot.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bot.Bench.Webhook;

/// <summary>
/// The database of one run, a fresh copy of the seeded template: a copied SQLite file, or on PostgreSQL a database made
/// with <c>CREATE DATABASE … TEMPLATE</c> from the template database. Disposing it deletes the copy.
/// </summary>
internal sealed class BenchDatabase(DatabaseProvider provider, string connection, Func<Task> delete) : IAsyncDisposable
{
    public DatabaseProvider Provider { get; } = provider;

    public string Connection { get; } = connection;

    public JournalDbContext Open() => JournalDatabase.Create(Provider, Connection);

    /// <summary>A copy of the SQLite template file for one run.</summary>
    public static BenchDatabase SqliteCopy(string template, int run)
    {
        var file = Path.Combine(Path.GetDirectoryName(template)!, $"webhook-run-{Environment.ProcessId}-{run}.db");
        DeleteSqlite(file);
        File.Copy(template, file);
        return new BenchDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", () =>
        {
            DeleteSqlite(file);
            return Task.CompletedTask;
        });
    }

    /// <summary>A database made from the PostgreSQL template for one run (a file-level copy on the server: seconds, not a new seeding).</summary>
    public static async Task<BenchDatabase> PostgresCopyAsync(string admin, string template, int run)
    {
        var name = $"bench_webhook_run_{Environment.ProcessId}_{run}";
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new BenchDatabase(DatabaseProvider.PostgreSQL, connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    public static void DeleteSqlite(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    /// <summary>One statement on the server's maintenance database (CREATE/DROP/ALTER DATABASE cannot run inside a transaction).</summary>
    public static async Task<T?> ExecuteAsync<T>(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync();
    }

    public static Task ExecuteAsync(string admin, string sql) => ExecuteAsync<object>(admin, sql);

    public async ValueTask DisposeAsync() => await delete();
}
