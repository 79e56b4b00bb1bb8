using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Jobs;

/// <summary>
/// Nightly, what only served a while is deleted so that tables stop growing with every message: the claims of messenger
/// updates (Telegram keeps an undelivered update for at most 24 hours and Viber retries a callback for hours, so a week
/// covers any redelivery), the linking attempts behind the wrong-code limit (counted over an hour), and outbox rows that
/// went or were taken back long ago, and conversations past the school's retention (ADR 0038). Marks, absences, the audit trail, links and rows still waiting are never touched.
/// </summary>
public sealed class HousekeepingJob(JournalDbContext db, TimeProvider clock, ILogger<HousekeepingJob> log)
{
    public const string Id = "housekeeping";
    public const string Cron = "40 3 * * *";

    public static readonly TimeSpan UpdateClaimsKept = TimeSpan.FromDays(7);
    public static readonly TimeSpan LinkAttemptsKept = TimeSpan.FromDays(30);
    public static readonly TimeSpan FinishedOutboxKept = TimeSpan.FromDays(180);

    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<HousekeepingResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = now - UpdateClaimsKept;
        var attempts = now - LinkAttemptsKept;
        var outbox = now - FinishedOutboxKept;
        var result = new HousekeepingResult(
            await db.ProcessedUpdates.Where(u => u.AtUtc < claims).ExecuteDeleteAsync(ct),
            await db.LinkAttempts.Where(a => a.AtUtc < attempts).ExecuteDeleteAsync(ct),
            await db.Outbox.Where(o => (o.State == OutboxState.Sent || o.State == OutboxState.Cancelled) && o.CreatedAtUtc < outbox)
                .ExecuteDeleteAsync(ct),
            // Conversations past the school's retention (their year and the years the school keeps them, ADR 0038).
            await Bot.Domain.Talk.TalkService.DeleteExpiredAsync(db, now, ct));
        log.LogInformation("Housekeeping: deleted {Claims} update claim(s), {Attempts} linking attempt(s), {Outbox} finished outbox row(s), {Threads} expired conversation(s)",
            result.UpdateClaims, result.LinkAttempts, result.OutboxRows, result.Threads);
        return result;
    }
}

public sealed record HousekeepingResult(int UpdateClaims, int LinkAttempts, int OutboxRows, int Threads = 0);
