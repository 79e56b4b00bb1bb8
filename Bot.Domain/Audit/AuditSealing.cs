using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Audit;

/// <summary>The chain was sealed with another key than the one given (or with a key, and none is given).</summary>
public sealed class AuditKeyMismatchException(string message) : InvalidOperationException(message);

/// <summary>
/// Chains the audit records that writers stored unsealed (ADR 0037): a school's records in a stable order — on SQLite
/// by row (writes are serial, ADR 0015, so row order is commit order), on PostgreSQL by the writer's transaction id
/// then the record's id, taking only records whose writer is older than every transaction still running, so a record
/// that commits later never belongs before one already sealed. One transaction per school batch: the head locked,
/// each record hashed after the previous one (HMAC with the key from the first keyed record on), the records and the
/// head updated, commit. A batch cut short rolls back whole; the next run seals it.
/// </summary>
public static class AuditSealing
{
    public const int DefaultBatchSize = 1_000;

    /// <summary>
    /// Seals up to <paramref name="batchSize"/> records of each school that has some waiting; returns how many. Run it on
    /// a context of its own: it clears the change tracker.
    /// </summary>
    public static async Task<int> SealBatchAsync(JournalDbContext db, AuditKey? key, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        var sealedCount = 0;
        foreach (var school in await SchoolsWaitingAsync(db, ct))
            sealedCount += await SealSchoolAsync(db, school, key, batchSize, ct);
        return sealedCount;
    }

    /// <summary>Seals until nothing sealable is left (tests, the demo's seeding); returns how many.</summary>
    public static async Task<int> SealAllAsync(JournalDbContext db, AuditKey? key, CancellationToken ct = default)
    {
        var total = 0;
        for (int n; (n = await SealBatchAsync(db, key, DefaultBatchSize, ct)) > 0;) total += n;
        return total;
    }

    /// <summary>
    /// Seals what one school has waiting, batch after batch, beside the sealer (the head's lock keeps two sealers from
    /// sealing a record twice); returns how many of the school's committed records are still unsealed — on PostgreSQL
    /// those whose writer is not yet older than every running transaction. The year's closing runs it before it takes
    /// the head (ADR 0037, amendment). Run it on a context of its own or between units of work: it clears the change tracker.
    /// </summary>
    public static async Task<int> SealSchoolAsync(JournalDbContext db, Guid schoolId, AuditKey? key, CancellationToken ct = default)
    {
        while (await SealSchoolAsync(db, schoolId, key, DefaultBatchSize, ct) >= DefaultBatchSize) { }
        return await db.AuditRecords.CountAsync(r => r.SchoolId == schoolId && r.Sequence == 0, ct);
    }

    /// <summary>How many records wait for the sealer (all schools; on PostgreSQL also those of transactions still open).</summary>
    public static Task<int> UnsealedCountAsync(JournalDbContext db, CancellationToken ct = default) =>
        db.AuditRecords.CountAsync(r => r.Sequence == 0, ct);

    /// <summary>
    /// The key the installation's chains were sealed with, if any (the heads' <see cref="AuditChainHead.KeyId"/>s: one at
    /// most, unless someone changed the heads).
    /// </summary>
    public static Task<List<string>> KeyIdsInUseAsync(JournalDbContext db, CancellationToken ct = default) =>
        db.AuditHeads.AsNoTracking().Where(h => h.KeyId != null).Select(h => h.KeyId!).Distinct().ToListAsync(ct);

    private static Task<List<Guid>> SchoolsWaitingAsync(JournalDbContext db, CancellationToken ct) => db is PostgresJournalDbContext
        ? db.Database.SqlQuery<Guid>($"""
            SELECT DISTINCT "SchoolId" AS "Value" FROM "AuditRecords"
            WHERE "Sequence" = 0 AND "WriterXid" < pg_snapshot_xmin(pg_current_snapshot())
            """).ToListAsync(ct)
        : db.AuditRecords.AsNoTracking().Where(r => r.Sequence == 0).Select(r => r.SchoolId).Distinct().ToListAsync(ct);

    private static async Task<int> SealSchoolAsync(JournalDbContext db, Guid schoolId, AuditKey? key, int batchSize, CancellationToken ct)
    {
        var postgres = db is PostgresJournalDbContext;
        var gate = db.SaveGate;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            db.ChangeTracker.Clear();
            // SQLite: BEGIN IMMEDIATE, the database's one writer from here on; PostgreSQL: the head's row lock below.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            AuditChainHead head;
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "AuditHeads" ("SchoolId", "LastSequence", "LastHash") VALUES ({schoolId}, 0, {AuditChain.GenesisHash})
                    ON CONFLICT DO NOTHING
                    """, ct);
                head = await db.AuditHeads.FromSql($"""SELECT * FROM "AuditHeads" WHERE "SchoolId" = {schoolId} FOR UPDATE""").SingleAsync(ct);
            }
            else
            {
                head = await db.AuditHeads.FirstOrDefaultAsync(h => h.SchoolId == schoolId, ct) ?? db.AuditHeads.Add(new AuditChainHead(schoolId)).Entity;
            }

            // Read under the lock, in this statement's snapshot: what another sealer sealed before is not read again.
            var records = postgres
                ? await db.AuditRecords.FromSql($"""
                    SELECT * FROM "AuditRecords"
                    WHERE "SchoolId" = {schoolId} AND "Sequence" = 0 AND "WriterXid" < pg_snapshot_xmin(pg_current_snapshot())
                    ORDER BY "WriterXid", "Id" LIMIT {batchSize}
                    """).ToListAsync(ct)
                : await db.AuditRecords.FromSql($"""
                    SELECT * FROM "AuditRecords" WHERE "SchoolId" = {schoolId} AND "Sequence" = 0 ORDER BY rowid LIMIT {batchSize}
                    """).ToListAsync(ct);
            if (records.Count == 0) return 0;

            if (head.KeyId is { } keyId)
            {
                if (key is null)
                    throw new AuditKeyMismatchException($"The audit chain is sealed with the key {keyId} from record {head.KeyedFromSequence} on, and no key was given.");
                if (key.KeyId != keyId)
                    throw new AuditKeyMismatchException($"The audit chain is sealed with the key {keyId}, not with the key {key.KeyId} given.");
            }
            else if (key is not null)
            {
                head.BeginKeyed(key);
            }

            var keyed = head.KeyId is null ? null : key;
            foreach (var record in records)
            {
                record.Seal(head.LastSequence + 1, head.LastHash, keyed);
                head.Advance(record);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return records.Count;
        }
        finally
        {
            db.ChangeTracker.Clear();
            gate?.Release();
        }
    }
}

/// <summary>Audit records in the order they were written, sealed or not (ADR 0037): sealed ones by sequence, then the rest by id.</summary>
public static class AuditRecordOrder
{
    public static IOrderedQueryable<AuditRecord> InWrittenOrder(this IQueryable<AuditRecord> records) =>
        records.OrderBy(r => r.Sequence == 0).ThenBy(r => r.Sequence).ThenBy(r => r.Id);

    public static IOrderedQueryable<AuditRecord> InWrittenOrderDescending(this IQueryable<AuditRecord> records) =>
        records.OrderByDescending(r => r.Sequence == 0).ThenByDescending(r => r.Sequence).ThenByDescending(r => r.Id);
}
