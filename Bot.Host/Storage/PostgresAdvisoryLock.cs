using Npgsql;

namespace Bot.Host.Storage;

/// <summary>
/// A PostgreSQL session advisory lock (`pg_try_advisory_lock`) held on a dedicated, unpooled connection: the way one
/// process of a cluster holds a duty that must run once (docs/architecture.md "Processes": the outbox sender, Telegram long
/// polling). It dies with its holder's connection — a crashed or killed process, a killed backend — unlike Hangfire's
/// lock rows that expire after minutes, and another process's next try takes it over.
/// </summary>
public sealed class PostgresAdvisoryLock(string connectionString, long key, string duty, ILogger log)
{
    private NpgsqlConnection? _connection;

    public long Key => key;

    /// <summary>The holder's backend process id (tests end it to play a dead holder).</summary>
    public int? BackendProcessId => _connection?.ProcessID;

    /// <summary>One try: true when this process now holds the lock (a lock held before is let go first).</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        await ReleaseAsync();
        var connection = Dedicated(connectionString, duty);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                _connection = connection;
                log.LogInformation("This process holds the {Duty} lease (advisory lock {Key})", duty, key);
                return true;
            }
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            log.LogWarning("Could not ask for the {Duty} lease: {Error}", duty, e.Message);
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>
    /// Waits for the lock (`pg_advisory_lock`) for a step that processes starting together must take in turns (migrations);
    /// disposing the result closes the connection, and so lets go.
    /// </summary>
    public static async Task<IAsyncDisposable> WaitAsync(string connectionString, long key, string duty, CancellationToken ct)
    {
        var connection = Dedicated(connectionString, duty);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An unpooled connection: a pooled one would keep the session, and the lock, after Close.</summary>
    private static NpgsqlConnection Dedicated(string connectionString, string duty) => new(new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        ApplicationName = $"journal {duty}",
        KeepAlive = 10,
    }.ConnectionString);

    /// <summary>Whether the lock's connection is still alive (and so the lock held); a dead one is let go.</summary>
    public async Task<bool> IsHeldAsync(CancellationToken ct)
    {
        if (_connection is not { } connection) return false;
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            log.LogWarning("The {Duty} lease is lost ({Error}); this process stops that work until it takes the lease again", duty, e.Message);
            await ReleaseAsync();
            return false;
        }
    }

    public async Task ReleaseAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null) return;
        try
        {
            // Unlock first: closing alone lets the backend drop the lock a moment after this returns, and a process that
            // hands the duty over on purpose (a stop) should leave it free at once.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection) { CommandTimeout = 5 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteScalarAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException) { } // a dead connection holds nothing

        try { await connection.DisposeAsync(); }
        catch (Exception e) when (e is NpgsqlException or IOException) { } // closing drops the session and its lock anyway
    }
}
