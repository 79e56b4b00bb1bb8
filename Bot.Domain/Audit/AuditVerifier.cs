using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Audit;

/// <summary>Where a check starts: from the school's checkpoint (only the records sealed since), or from the first record.</summary>
public enum AuditCheckMode
{
    Incremental,
    Full,
}

/// <summary>
/// A head taken outside the database (a printed journal, the backup's manifest, the director's chat): the record at
/// <see cref="Sequence"/> must still have <see cref="Hash"/>. Written "sequence:hash".
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash)
{
    public override string ToString() => $"{Sequence.ToString(CultureInfo.InvariantCulture)}:{Hash}";

    public static bool TryParse(string? text, out AuditAnchor anchor)
    {
        anchor = new AuditAnchor(0, "");
        var parts = text?.Trim().Split(':', 2);
        if (parts is not { Length: 2 }) return false;
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1) return false;
        var hash = parts[1].Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit)) return false;
        anchor = new AuditAnchor(sequence, hash);
        return true;
    }
}

/// <summary>The verdict of a check: the chain, the anchor, the checkpoint and the journal's reconciliation with the trail.</summary>
public sealed record AuditVerdict(
    Guid SchoolId,
    ChainVerification Chain,
    IReadOnlyList<string> Problems,
    long CheckedFrom,
    long HeadSequence,
    string HeadHash,
    long Reconciled,
    DateTime CheckedAtUtc,
    TimeSpan Duration)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>What a page shows of a school's audit without verifying anything: the last stored verdict and the unsealed records.</summary>
public sealed record AuditStatus(AuditCheck? Last, int Unsealed, DateTime? OldestUnsealedUtc)
{
    public bool NeverChecked => Last?.CheckedAtUtc is null;
}

/// <summary>
/// Verifies a school's audit trail (ADR 0003, 0029, 0037 decision 4). The chain is streamed in sequence order — one
/// record in memory at a time — from the school's checkpoint (<see cref="AuditCheckMode.Incremental"/>) or from the first
/// record (<see cref="AuditCheckMode.Full"/>, the nightly check); a checkpoint that no longer matches the chain is a problem
/// and the check goes back to the first record. The present is reconciled with the trail: every mark and absence must hold
/// the new value of its entity's last record, and every such record that left a value must still have its row.
/// <see cref="RunAsync"/> stores the verdict (and moves the checkpoint when intact); page views read it back with
/// <see cref="StatusAsync"/> and never verify.
/// </summary>
public sealed class AuditVerifier(JournalDbContext db, AuditKey? key = null, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A verifier without the installation's key checks the plain part of a chain and reports the keyed part unchecked.</summary>
    public AuditVerifier(JournalDbContext db, TimeProvider? clock) : this(db, null, clock)
    {
    }

    /// <summary>At most this many journal discrepancies are named; the rest are counted.</summary>
    public const int NamedDiscrepancies = 20;

    /// <summary>The chain alone, from the first record, in constant memory; nothing stored.</summary>
    public async Task<ChainVerification> VerifyAsync(Guid schoolId, CancellationToken ct = default)
    {
        var head = await ReadHeadAsync(schoolId, ct);
        return await WalkAsync(schoolId, 0, AuditChain.GenesisHash, head, ct);
    }

    /// <summary>Checks and stores the verdict; an intact chain moves the checkpoint to the head it reached.</summary>
    public async Task<AuditVerdict> RunAsync(Guid schoolId, AuditCheckMode mode, AuditCheckTrigger trigger, AuditAnchor? anchor = null,
        CancellationToken ct = default)
    {
        var verdict = await CheckAsync(schoolId, mode, anchor, ct);
        var row = await db.AuditChecks.FirstOrDefaultAsync(c => c.SchoolId == schoolId, ct);
        if (row is null)
        {
            row = new AuditCheck(schoolId);
            db.AuditChecks.Add(row);
        }

        row.Record(verdict, trigger);
        // Only a chain verified intact to its head becomes the new starting point; a broken one keeps the old checkpoint,
        // so the next check still compares with what was verified before.
        if (verdict.Chain.IsIntact && verdict.HeadSequence >= row.CheckpointSequence && verdict.HeadSequence > 0)
            row.MoveCheckpoint(verdict.HeadSequence, verdict.HeadHash, verdict.CheckedAtUtc, key);
        await db.SaveChangesAsync(ct);
        return verdict;
    }

    /// <summary>Checks without storing anything (a backup's copy is opened read-only).</summary>
    public async Task<AuditVerdict> CheckAsync(Guid schoolId, AuditCheckMode mode, AuditAnchor? anchor = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var zone = SchoolTime.Resolve(await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.TimeZone).FirstOrDefaultAsync(ct));
        var problems = new List<string>();
        var head = await ReadHeadAsync(schoolId, ct);

        long from = 0;
        var fromHash = AuditChain.GenesisHash;
        var check = await db.AuditChecks.AsNoTracking().FirstOrDefaultAsync(c => c.SchoolId == schoolId, ct);
        if (check is { CheckpointSequence: > 0 })
        {
            var seal = AuditCheckpoint.Read(check, key);
            if (seal == CheckpointSealState.NeedsKey)
            {
                problems.Add("Позначку останньої перевірки захищено ключем, якого цей процес не має: її не перевірено; ланцюжок перевірено від першого запису.");
            }
            else if (seal == CheckpointSealState.Broken)
            {
                problems.Add("Позначку останньої перевірки змінено поза програмою; ланцюжок перевірено від першого запису.");
            }
            else if (AuditCheckpoint.IsPlain(check) && head.KeyedFrom is { } keyedFrom && check.CheckpointSequence >= keyedFrom)
            {
                // ADR 0037, amendment: once a chain has keyed records, only a keyed checkpoint may stand for them. A plain
                // one needs no secret (anyone with the database can write it over a rewritten tail), so it is not trusted.
                problems.Add($"Позначку останньої перевірки (запис №{check.CheckpointSequence}) не підписано ключем, хоча записи від №{keyedFrom} "
                    + "захищено ключем: їй не довіряємо; ланцюжок перевірено від першого запису.");
            }
            else
            {
                var hash = await HashAtAsync(schoolId, check.CheckpointSequence, ct);
                if (hash != check.CheckpointHash)
                    problems.Add(hash is null
                        ? $"Запису №{check.CheckpointSequence}, перевіреного {Local(check.CheckpointAtUtc, zone)}, у ланцюжку більше немає: записи видалено."
                        : $"Запис №{check.CheckpointSequence} уже не той, що був під час перевірки {Local(check.CheckpointAtUtc, zone)} (інший відбиток): ланцюжок переписано.");
                else if (mode == AuditCheckMode.Incremental && check.CheckpointSequence <= head.Sequence)
                    (from, fromHash) = (check.CheckpointSequence, check.CheckpointHash);
            }
        }

        if (head.Missing && await db.AuditRecords.AnyAsync(r => r.SchoolId == schoolId && r.Sequence > 0, ct))
            problems.Add("Голову ланцюжка (останній номер і відбиток) видалено.");

        var chain = await WalkAsync(schoolId, from, fromHash, head, ct);
        if (!chain.IsIntact) problems.Insert(0, chain.Problem!);

        if (anchor is not null)
        {
            var hash = await HashAtAsync(schoolId, anchor.Sequence, ct);
            if (hash is null)
                problems.Add($"Запису №{anchor.Sequence}, названого в якорі, у ланцюжку немає (останній — №{head.Sequence}): записи видалено.");
            else if (hash != anchor.Hash)
                problems.Add($"Запис №{anchor.Sequence} має відбиток {hash[..12]}…, а в якорі — {anchor.Hash[..12]}…: ланцюжок переписано після того, як якір було взято.");
        }

        var (discrepancies, reconciled) = await JournalReconciliation.FindAsync(db, schoolId, NamedDiscrepancies, ct);
        problems.AddRange(discrepancies);

        return new AuditVerdict(schoolId, chain, problems, from + 1, head.Sequence, head.Hash, reconciled, _clock.GetUtcNow().UtcDateTime, watch.Elapsed);
    }

    /// <summary>For a page view: the stored verdict and the unsealed records (count and oldest). Two indexed reads; no verifying.</summary>
    public async Task<AuditStatus> StatusAsync(Guid schoolId, CancellationToken ct = default)
    {
        var last = await db.AuditChecks.AsNoTracking().FirstOrDefaultAsync(c => c.SchoolId == schoolId, ct);
        var unsealed = await db.AuditRecords.Where(r => r.SchoolId == schoolId && r.Sequence == 0)
            .GroupBy(r => r.SchoolId).Select(g => new { Count = g.Count(), Oldest = g.Min(r => r.AtUtc) }).FirstOrDefaultAsync(ct);
        return new AuditStatus(last, unsealed?.Count ?? 0, unsealed?.Oldest);
    }

    /// <summary>A school's head: sequence, hash and the time of its record (the anchor the backup and the printed journal carry).</summary>
    public async Task<(long Sequence, string Hash, DateTime? AtUtc, bool Missing)> HeadAsync(Guid schoolId, CancellationToken ct = default)
    {
        var head = await ReadHeadAsync(schoolId, ct);
        if (head.Missing) return (0, AuditChain.GenesisHash, null, true);
        var at = head.Sequence == 0 ? (DateTime?)null
            : await db.AuditRecords.AsNoTracking().Where(r => r.SchoolId == schoolId && r.Sequence == head.Sequence)
                .Select(r => (DateTime?)r.AtUtc).FirstOrDefaultAsync(ct);
        return (head.Sequence, head.Hash, at, false);
    }

    /// <summary>A school's head row as a check needs it: where the chain ends and where its keyed part begins.</summary>
    private sealed record Head(long Sequence, string Hash, string? KeyId, long? KeyedFrom, bool Missing);

    /// <summary>The head in one query: its end (sequence, hash) and its keying (key id, keyed-from sequence) together.</summary>
    private async Task<Head> ReadHeadAsync(Guid schoolId, CancellationToken ct)
    {
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.SchoolId == schoolId)
            .Select(h => new Head(h.LastSequence, h.LastHash, h.KeyId, h.KeyedFromSequence, false)).FirstOrDefaultAsync(ct);
        return head ?? new Head(0, AuditChain.GenesisHash, null, null, true);
    }

    private Task<string?> HashAtAsync(Guid schoolId, long sequence, CancellationToken ct) =>
        db.AuditRecords.AsNoTracking().Where(r => r.SchoolId == schoolId && r.Sequence == sequence).Select(r => r.Hash).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Streams the sealed records after <paramref name="afterSequence"/> up to the head in sequence order and checks each
    /// link: no gap, each linked to the previous hash, each hash matching its content, and the last one the head.
    /// </summary>
    private async Task<ChainVerification> WalkAsync(Guid schoolId, long afterSequence, string afterHash, Head head, CancellationToken ct)
    {
        var (headSequence, headHash) = (head.Sequence, head.Hash);
        if (head.KeyId is { } keyId && key is not null && key.KeyId != keyId)
            return new(false, 0, null, $"Ланцюжок запечатано іншим ключем ({keyId}), ніж ключ цього процесу ({key.KeyId}).");
        var keyedFrom = head.KeyedFrom;
        var expectedPrevious = afterHash;
        long expectedSequence = afterSequence + 1, count = 0;
        var records = db.AuditRecords.AsNoTracking()
            .Where(r => r.SchoolId == schoolId && r.Sequence > afterSequence && r.Sequence <= headSequence)
            .OrderBy(r => r.Sequence)
            .AsAsyncEnumerable();
        await foreach (var r in records.WithCancellation(ct))
        {
            if (r.Sequence != expectedSequence)
                return new(false, count, expectedSequence, $"Запис №{expectedSequence} відсутній (після нього йде №{r.Sequence}).");
            if (r.PreviousHash != expectedPrevious)
                return new(false, count, r.Sequence, $"Запис №{r.Sequence} не посилається на попередній.");
            var keyed = keyedFrom is { } from && r.Sequence >= from;
            if (keyed && key is null)
                return new(false, count, null, $"Записи від №{r.Sequence} захищено ключем, якого цей процес не має: їх не перевірено.");
            if (Link(r, keyed) != r.Hash)
                return new(false, count, r.Sequence, $"Запис №{r.Sequence} змінено після того, як його було зроблено.");
            expectedPrevious = r.Hash;
            expectedSequence++;
            count++;
        }

        var reached = expectedSequence - 1;
        if (reached != headSequence || expectedPrevious != headHash)
            return new(false, count, reached + 1, $"Останні записи ланцюжка (після №{reached}) видалено.");
        return ChainVerification.Intact(count);
    }

    /// <summary>
    /// The one place a record's link is computed (ADR 0037 decision 2): records from the head's keyed-begin sequence on are
    /// linked with the installation's key (HMAC-SHA256); before it, plain SHA-256.
    /// </summary>
    private string Link(AuditRecord r, bool keyed) => keyed ? AuditChain.ComputeHash(r, key!.Bytes) : AuditChain.ComputeHash(r);

    private static string Local(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(u, zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) : "раніше";
}
