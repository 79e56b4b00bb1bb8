using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Channels;

/// <summary>
/// Messengers redeliver what was not answered in time (Telegram's webhook retries, Viber's hour of callbacks), so an
/// adapter claims each update before it handles it (ADR 0009): the row of <see cref="ProcessedUpdate"/> goes in first,
/// in its own save, and a unique-key violation means another delivery has it.
/// </summary>
public sealed class UpdateClaims(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>True when this delivery is the first of <paramref name="updateId"/> in <paramref name="channel"/>.</summary>
    public async Task<bool> ClaimAsync(Channel channel, string updateId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        db.ProcessedUpdates.Add(new ProcessedUpdate(channel, updateId, time.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.ProcessedUpdates.AnyAsync(p => p.Channel == channel && p.UpdateId == updateId, ct)) return false;
            throw;
        }
    }
}
