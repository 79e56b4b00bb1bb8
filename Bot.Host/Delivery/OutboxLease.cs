using Npgsql;

namespace Bot.Host.Delivery;

/// <summary>
/// The right to drain the outbox: one sender per installation, so the overall rate holds for all processes
/// (DESIGN.md "Processes"). The holder checks it before each batch and stops taking rows when it is lost.
/// </summary>
public interface IOutboxLease
{
    Task<bool> TryAcquireAsync(CancellationToken ct);

    Task<bool> IsHeldAsync(CancellationToken ct);

    Task ReleaseAsync();
}

/// <summary>SQLite: the embedded default runs one process, which holds the lease.</summary>
internal sealed class SingleProcessLease : IOutboxLease
{
    public Task<bool> TryAcquireAsync(CancellationToken ct) => Task.FromResult(true);

    public Task<bool> IsHeldAsync(CancellationToken ct) => Task.FromResult(true);

    public Task ReleaseAsync() => Task.CompletedTask;
}

/// <summary>
/// PostgreSQL: a session advisory lock (`pg_try_advisory_lock`) on a dedicated, unpooled connection. It dies with its
/// holder's connection (a crashed process, a killed backend), unlike Hangfire's lock rows that expire after minutes, and
/// another process's next try takes it over.
/// </summary>
public sealed class PostgresAdvisoryLease(string connectionString, ILogger<PostgresAdvisoryLease> log) : IOutboxLease
{
    /// <summary>The lock's key: "outbox" in ASCII, so that an operator recognises it in `pg_locks`.</summary>
    public const long Key = 0x6F7574626F78;

    private NpgsqlConnection? _connection;

    /// <summary>The holder's backend process id (tests end it to play a dead holder).</summary>
    public int? BackendProcessId => _connection?.ProcessID;

    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        await ReleaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false, // a pooled connection would keep the session, and the lock, after Close
            ApplicationName = "journal outbox sender",
            KeepAlive = 10,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                _connection = connection;
                log.LogInformation("Outbox: this process holds the sender's lease (advisory lock {Key})", Key);
                return true;
            }
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            log.LogWarning("Outbox: could not ask for the sender's lease: {Error}", e.Message);
        }

        await connection.DisposeAsync();
        return false;
    }

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
            log.LogWarning("Outbox: the sender's lease is lost ({Error}); sending stops until it is taken again", e.Message);
            await ReleaseAsync();
            return false;
        }
    }

    public async Task ReleaseAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null) return;
        try { await connection.DisposeAsync(); }
        catch (Exception e) when (e is NpgsqlException or IOException) { } // closing drops the session and its lock anyway
    }
}
