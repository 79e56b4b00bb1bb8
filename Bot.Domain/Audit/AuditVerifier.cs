using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Audit;

/// <summary>
/// Reads a school's sealed audit trail back in order and says whether its chain is intact and where it breaks. Records
/// the sealer has not reached yet are not part of the chain and are skipped; records sealed with the installation's key
/// are checked with <paramref name="key"/> (ADR 0037).
/// </summary>
public sealed class AuditVerifier(JournalDbContext db, AuditKey? key = null)
{
    public async Task<ChainVerification> VerifyAsync(Guid schoolId, CancellationToken ct = default)
    {
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.SchoolId == schoolId, ct);
        if (head?.KeyId is { } keyId && key is not null && key.KeyId != keyId)
            return new(false, 0, null, $"Ланцюжок запечатано іншим ключем ({keyId}), ніж ключ цього процесу ({key.KeyId}).");
        var records = db.AuditRecords.AsNoTracking().Where(r => r.SchoolId == schoolId && r.Sequence > 0).OrderBy(r => r.Sequence).AsAsyncEnumerable();
        var list = new List<AuditRecord>();
        await foreach (var r in records.WithCancellation(ct)) list.Add(r);
        return AuditChain.Verify(list, head?.LastSequence ?? 0, head?.LastHash ?? AuditChain.GenesisHash, key, head?.KeyedFromSequence);
    }
}
