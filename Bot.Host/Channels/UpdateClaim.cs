using System.Collections.Concurrent;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Channels;

/// <summary>
/// The claim of one update that rides in the same transaction as the update's first write (ADR 0020, refining ADR
/// 0009): <see cref="BeginAsync"/> looks whether the update was handled already and adds its
/// <see cref="ProcessedUpdate"/> row to the scope's context, so the save of a mark commits the claim with it — one
/// commit instead of two. An update that writes nothing has it saved by <see cref="CompleteAsync"/>. When two
/// deliveries of one update run at once, the unique key refuses the second one's save, whatever it was saving: it
/// wrote nothing, and <see cref="IsTakenByAnotherAsync"/> tells the adapter to stay silent. Within one process a
/// second delivery that comes while the first is being handled is skipped at once (<see cref="UpdatesInFlight"/>), so
/// the conversation runs once. Scoped: one per update.
/// </summary>
public sealed class UpdateClaim(JournalDbContext db, TimeProvider time, UpdatesInFlight inFlight) : IDisposable
{
    private ProcessedUpdate? _row;
    private (Channel, string)? _entered;
    private bool _inSave;
    private bool _committed;

    /// <summary>False when the update was handled before (a redelivery): skip it.</summary>
    public async Task<bool> BeginAsync(Channel channel, string updateId, CancellationToken ct)
    {
        if (!inFlight.TryEnter(channel, updateId)) return false;
        _entered = (channel, updateId);
        if (await db.ProcessedUpdates.AsNoTracking().AnyAsync(p => p.Channel == channel && p.UpdateId == updateId, ct)) return false;
        _row = new ProcessedUpdate(channel, updateId, time.GetUtcNow().UtcDateTime);
        db.ProcessedUpdates.Add(_row);
        db.SavingChanges += OnSaving;
        db.SavedChanges += OnSaved;
        db.SaveChangesFailed += OnFailed;
        return true;
    }

    /// <summary>
    /// After the update was handled: true when the claim is committed (by a write of the update, or now); false when
    /// another delivery of the same update committed it first, so this one must not answer.
    /// </summary>
    public async Task<bool> CompleteAsync(CancellationToken ct)
    {
        var row = _row ?? throw new InvalidOperationException("BeginAsync first.");
        if (_committed) return true;
        // A refused write clears the change tracker: the claim goes again, on its own.
        if (db.Entry(row).State == EntityState.Detached) db.ProcessedUpdates.Add(row = _row = new ProcessedUpdate(row.Channel, row.UpdateId, row.AtUtc));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await ExistsAsync(row, ct)) return false;
            throw;
        }
    }

    /// <summary>After the handling threw: whether it was because another delivery of this update committed its claim first.</summary>
    public async Task<bool> IsTakenByAnotherAsync(CancellationToken ct) =>
        _row is { } row && !_committed && await ExistsAsync(row, ct);

    /// <summary>The update leaves the in-flight set when its scope ends, after its claim was committed.</summary>
    public void Dispose()
    {
        if (_entered is { } key) inFlight.Leave(key.Item1, key.Item2);
    }

    private Task<bool> ExistsAsync(ProcessedUpdate row, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return db.ProcessedUpdates.AsNoTracking().AnyAsync(p => p.Channel == row.Channel && p.UpdateId == row.UpdateId, ct);
    }

    // A save outside a transaction of its caller commits what it holds (the conversation opens none).
    private void OnSaving(object? sender, SavingChangesEventArgs e) => _inSave = _row is { } row && db.Entry(row).State == EntityState.Added;

    private void OnSaved(object? sender, SavedChangesEventArgs e) => _committed |= _inSave && db.Database.CurrentTransaction is null;

    private void OnFailed(object? sender, SaveChangesFailedEventArgs e) => _inSave = false;
}

/// <summary>The updates being handled in this process now (a singleton): a second delivery of one of them is skipped.</summary>
public sealed class UpdatesInFlight
{
    private readonly ConcurrentDictionary<(Channel, string), byte> _ids = new();

    public bool TryEnter(Channel channel, string updateId) => _ids.TryAdd((channel, updateId), 0);

    public void Leave(Channel channel, string updateId) => _ids.TryRemove((channel, updateId), out _);
}
