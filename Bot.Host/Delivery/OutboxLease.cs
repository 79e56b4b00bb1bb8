using Bot.Host.Storage;

namespace Bot.Host.Delivery;

/// <summary>
/// The right to drain the outbox: one sender per installation, so the overall rate holds for all processes
/// (docs/architecture.md "Processes"). The holder checks it before each batch and stops taking rows when it is lost.
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
/// PostgreSQL: the advisory lock <see cref="Key"/> on a dedicated connection (<see cref="PostgresAdvisoryLock"/>); another
/// process's next try (every `Delivery:LeaseRetryInterval`) takes it over when the holder dies.
/// </summary>
public sealed class PostgresAdvisoryLease(string connectionString, ILogger<PostgresAdvisoryLease> log) : IOutboxLease
{
    /// <summary>The lock's key: "outbox" in ASCII, so that an operator recognises it in `pg_locks`.</summary>
    public const long Key = 0x6F7574626F78;

    private readonly PostgresAdvisoryLock _lock = new(connectionString, Key, "outbox sender", log);

    /// <summary>The holder's backend process id (tests end it to play a dead holder).</summary>
    public int? BackendProcessId => _lock.BackendProcessId;

    public Task<bool> TryAcquireAsync(CancellationToken ct) => _lock.TryAcquireAsync(ct);

    public Task<bool> IsHeldAsync(CancellationToken ct) => _lock.IsHeldAsync(ct);

    public Task ReleaseAsync() => _lock.ReleaseAsync();
}
