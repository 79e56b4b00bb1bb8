using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Jobs;

/// <summary>
/// ADR 0030: the journal (Microsoft.Data.Sqlite through EF Core) and the job storage (Hangfire.Storage.SQLite through
/// sqlite-net) run on one SQLitePCLRaw provider and one native library, SourceGear.sqlite3's, side by side under load.
/// </summary>
public sealed class OneSqliteTests : IDisposable
{
    private const int Writers = 4;
    private const int RowsEach = 150;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"one-sqlite-{Guid.NewGuid():N}");

    public OneSqliteTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task BothLibraries_InOneProcess_UnderConcurrentWrites_OneNativeSqlite()
    {
        var journal = $"Data Source={Path.Combine(_dir, "journal.db")};Pooling=True";
        await using (var setup = new SqliteConnection(journal))
        {
            await setup.OpenAsync();
            await Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE marks (id INTEGER PRIMARY KEY, writer INTEGER, value TEXT);");
        }

        var plain = Path.Combine(_dir, "plain.db");
        using (var setup = new SQLite.SQLiteConnection(plain))
            setup.Execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, writer INTEGER, value TEXT)");
        using var storage = new SQLiteStorage(Path.Combine(_dir, "jobs.db"), new SQLiteStorageOptions());
        var client = new BackgroundJobClient(storage);

        var ado = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < RowsEach; i++)
            {
                await using var c = new SqliteConnection(journal);
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "INSERT INTO marks (writer, value) VALUES ($w, $v)";
                cmd.Parameters.AddWithValue("$w", w);
                cmd.Parameters.AddWithValue("$v", $"оцінка {i}");
                await cmd.ExecuteNonQueryAsync();
            }
        }));
        var sqliteNet = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            using var c = new SQLite.SQLiteConnection(plain) { BusyTimeout = TimeSpan.FromSeconds(30) };
            for (var i = 0; i < RowsEach; i++) c.Execute("INSERT INTO rows (writer, value) VALUES (?, ?)", w, $"рядок {i}");
        }));
        var jobs = Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < RowsEach / 5; i++) client.Enqueue(() => DurableJobProbe.Run("never-run"));
        }));
        await Task.WhenAll(ado.Concat(sqliteNet).Concat(jobs)).WaitAsync(TimeSpan.FromMinutes(2));

        await using var check = new SqliteConnection(journal);
        await check.OpenAsync();
        Assert.Equal(Writers * RowsEach, Convert.ToInt32(await Scalar(check, "SELECT count(*) FROM marks")));
        using var net = new SQLite.SQLiteConnection(plain);
        Assert.Equal(Writers * RowsEach, net.ExecuteScalar<int>("SELECT count(*) FROM rows"));
        Assert.Equal(Writers * (RowsEach / 5), storage.GetMonitoringApi().EnqueuedCount("default"));

        // One SQLite: the same version through both libraries, SourceGear.sqlite3's, from one file mapped into the process.
        var version = (string)(await Scalar(check, "SELECT sqlite_version()"))!;
        Assert.Equal(version, net.ExecuteScalar<string>("SELECT sqlite_version()"));
        Assert.Equal("3.53.4", version);
        var natives = File.ReadAllLines("/proc/self/maps").Where(l => l.Contains("libe_sqlite3", StringComparison.Ordinal))
            .Select(l => l[l.IndexOf('/')..]).Distinct().ToList();
        Assert.Single(natives);
    }

    private static async Task Execute(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}
