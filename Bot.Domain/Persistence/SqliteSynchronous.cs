using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Bot.Domain.Persistence;

/// <summary>
/// How SQLite makes a commit durable (<c>PRAGMA synchronous</c>, setting <c>Database:SqliteSynchronous</c>); the journal's
/// file is in WAL mode (<see cref="JournalDatabase.MigrateAsync"/>). ADR 0015.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The write-ahead log is synced to disk at checkpoints, not at every commit. A commit survives a crash or restart
    /// of the process; a power cut or a crash of the operating system may take back the last commits before the latest
    /// checkpoint — whole transactions (a mark with its audit record and alerts), never a torn or corrupt file.
    /// </summary>
    Normal,

    /// <summary>Every commit waits for its fsync (about 3 ms on our machines): durable across a power cut; writers queue behind the disk.</summary>
    Full,
}

/// <summary>
/// Sets <c>PRAGMA synchronous</c> on every SQLite connection EF Core opens. The setting belongs to the native connection,
/// which the pool keeps between opens, so it is applied once per native connection rather than at every open.
/// </summary>
internal sealed class SqliteSynchronousInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteSynchronousInterceptor Normal = new(SqliteSynchronous.Normal);
    public static readonly SqliteSynchronousInterceptor Full = new(SqliteSynchronous.Full);

    // Shared by both instances, so a process that uses both modes on one pool still sets the one each context asked for.
    private static readonly ConditionalWeakTable<sqlite3, object> Applied = [];

    private readonly SqliteSynchronous _mode;
    private readonly string _pragma;

    private SqliteSynchronousInterceptor(SqliteSynchronous mode)
    {
        _mode = mode;
        _pragma = $"PRAGMA synchronous = {mode.ToString().ToUpperInvariant()};";
    }

    public static SqliteSynchronousInterceptor For(SqliteSynchronous mode) => mode == SqliteSynchronous.Full ? Full : Normal;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite) return;
        if (Applied.TryGetValue(handle, out var mode) && (SqliteSynchronous)mode == _mode) return;
        using var command = sqlite.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
        Applied.AddOrUpdate(handle, _mode);
    }
}
