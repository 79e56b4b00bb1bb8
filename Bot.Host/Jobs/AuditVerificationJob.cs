using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Jobs;

/// <summary>
/// Nightly, every school's audit trail is checked whole (ADR 0037 decision 4): the chain from its first record in constant
/// memory, the school's checkpoint, and the journal reconciled with the trail. The verdict is stored for the panel's first
/// page and audit page, which only read it; a broken one is logged as an error too.
/// </summary>
public sealed class AuditVerificationJob(JournalDbContext db, AuditVerifier verifier, ILogger<AuditVerificationJob> log)
{
    public const string Id = "audit-verification";
    public const string Cron = "20 2 * * *";

    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 1800)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var broken = 0;
        foreach (var school in await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
        {
            var verdict = await verifier.RunAsync(school.Id, AuditCheckMode.Full, AuditCheckTrigger.Nightly, ct: ct);
            db.ChangeTracker.Clear();
            if (verdict.IsIntact)
            {
                log.LogInformation("Audit: {School} intact, {Checked} record(s) to {Head}, {Reconciled} mark(s) and absence(s) reconciled in {Ms} ms",
                    school.Name, verdict.Chain.Checked, verdict.HeadSequence, verdict.Reconciled, (long)verdict.Duration.TotalMilliseconds);
                continue;
            }

            broken++;
            log.LogError("Audit: the check of {School} failed: {Problems}", school.Name, string.Join(" | ", verdict.Problems));
        }

        return broken;
    }
}
