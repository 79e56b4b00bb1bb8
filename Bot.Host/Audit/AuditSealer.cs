using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Host.Delivery;
using Microsoft.Extensions.Options;

namespace Bot.Host.Audit;

/// <summary>`Audit:*`: where the key is and how often the sealer looks for records to chain (ADR 0037).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The key file (relative paths from the working directory, like the SQLite file's).</summary>
    public string KeyPath { get; init; } = AuditKey.DefaultPath;

    /// <summary>How long the sealer waits between runs when no write of this process wakes it.</summary>
    public TimeSpan SealInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Records sealed per school in one transaction.</summary>
    public int BatchSize { get; init; } = AuditSealing.DefaultBatchSize;

    /// <summary>How often a process without the sealer's lease tries to take it.</summary>
    public TimeSpan LeaseRetryInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>Wakes the sealer when this process has just stored audit records (every context's <see cref="JournalDbContext.AuditSaved"/>).</summary>
public sealed class AuditSealSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>The installation's audit key as this process has it (null: not loaded, or no file).</summary>
public sealed class AuditKeyHolder(IOptions<AuditOptions> options)
{
    private AuditKey? _key;
    private bool _looked;

    public string Path => System.IO.Path.GetFullPath(options.Value.KeyPath);

    /// <summary>The key: the one checked at start (<see cref="AuditKeyStartup"/>), or read from its file at first use.</summary>
    public AuditKey? Key
    {
        get
        {
            if (_looked) return _key;
            try { _key = AuditKey.TryLoad(Path); }
            catch (InvalidOperationException) { _key = null; }
            _looked = true;
            return _key;
        }
    }

    internal void Set(AuditKey key)
    {
        _key = key;
        _looked = true;
    }
}

/// <summary>
/// The sealer (ADR 0037): one per installation — on PostgreSQL the holder of the advisory lock `sealer`, as the outbox
/// sender holds `outbox` (ADR 0011); on SQLite the one process — chains the records writers stored unsealed, a batch of up
/// to `Audit:BatchSize` per school at a time, every `Audit:SealInterval` and at once when this process has just written.
/// </summary>
public sealed class AuditSealer(
    IServiceScopeFactory scopes,
    AuditKeyHolder keys,
    AuditSealSignal signal,
    [FromKeyedServices(AuditSealer.LeaseKey)] IOutboxLease lease,
    IOptions<AuditOptions> options,
    ILogger<AuditSealer> log) : BackgroundService
{
    public const string LeaseKey = "audit-sealer";

    /// <summary>The advisory lock's key on PostgreSQL: "sealer" in ASCII.</summary>
    public const long LockKey = 0x7365616C6572;

    private long _runs;

    /// <summary>Runs that found nothing to seal (tests wait for two after a write: then everything committed before is sealed).</summary>
    internal long IdleRuns => Interlocked.Read(ref _runs);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var key = keys.Key ?? throw new InvalidOperationException($"The audit key at '{keys.Path}' was not loaded at start.");
        var o = options.Value;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!await lease.TryAcquireAsync(stopping))
                {
                    await Task.Delay(o.LeaseRetryInterval, stopping);
                    continue;
                }

                while (!stopping.IsCancellationRequested && await lease.IsHeldAsync(stopping))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
                    db.AuditSaved = null; // its own saves are no news
                    var n = await AuditSealing.SealBatchAsync(db, key, o.BatchSize, stopping);
                    if (n >= o.BatchSize) continue; // more waiting: straight on
                    if (n == 0) Interlocked.Increment(ref _runs);
                    await signal.WaitAsync(o.SealInterval, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (AuditKeyMismatchException e)
            {
                log.LogCritical("Audit sealer: {Problem} Audit records stay unsealed until the right key is at '{Path}'.", e.Message, keys.Path);
                await Task.Delay(TimeSpan.FromSeconds(30), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception e)
            {
                log.LogError(e, "Audit sealer: a run failed; it is tried again in a moment (nothing was half sealed)");
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            finally
            {
                await lease.ReleaseAsync();
            }
        }
    }
}
