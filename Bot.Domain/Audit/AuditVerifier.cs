using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Audit;

/// <summary>Reads a school's audit trail back in order and says whether its chain is intact and where it breaks.</summary>
public sealed class AuditVerifier(JournalDbContext db)
{
    public async Task<ChainVerification> VerifyAsync(Guid schoolId, CancellationToken ct = default)
    {
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.SchoolId == schoolId, ct);
        var records = db.AuditRecords.AsNoTracking().Where(r => r.SchoolId == schoolId).OrderBy(r => r.Sequence).AsAsyncEnumerable();
        var list = new List<AuditRecord>();
        await foreach (var r in records.WithCancellation(ct)) list.Add(r);
        return AuditChain.Verify(list, head?.LastSequence ?? 0, head?.LastHash ?? AuditChain.GenesisHash);
    }
}
