using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Audit;

/// <summary>The verdict of <see cref="AuditChain.Verify"/>.</summary>
public sealed record ChainVerification(bool IsIntact, long Checked, long? BrokenAtSequence, string? Problem)
{
    public static ChainVerification Intact(long count) => new(true, count, null, null);
}

/// <summary>
/// Hash chain over a school's audit records: plain SHA-256 links, then, from the sequence where the installation got its
/// key, HMAC-SHA256 links (ADR 0037; the first keyed link covers the last plain hash). The hash of a record covers every field a reader relies on
/// (who, when, channel, entity, action, old and new value, reason, context) and the previous record's hash; a
/// structured record (<see cref="AuditRecord.IsStructured"/>, every record since ADR 0029) also its class, subject,
/// student and lesson ids, its write unit and the unit it reverts. Records written before that keep their original
/// hash input, so an old chain still verifies after the upgrade.
/// </summary>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The plain SHA-256 link: records sealed before the installation had its key (ADR 0003).</summary>
    public static string ComputeHash(AuditRecord r) => Convert.ToHexStringLower(SHA256.HashData(Canonical(r)));

    /// <summary>
    /// The keyed link (ADR 0037): HMAC-SHA256 with the installation's <see cref="AuditKey"/> over the same canonical input,
    /// for records from the head's <see cref="AuditChainHead.KeyedFromSequence"/> on.
    /// </summary>
    public static string ComputeHash(AuditRecord r, ReadOnlySpan<byte> key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Canonical(r)));

    private static byte[] Canonical(AuditRecord r)
    {
        var canonical = string.Join('\u001f',
            r.SchoolId.ToString("N"),
            r.Sequence.ToString(CultureInfo.InvariantCulture),
            r.AtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            r.ActorId?.ToString("N") ?? "",
            r.ActorName,
            r.Channel.ToString(),
            r.EntityType,
            r.EntityId.ToString("N"),
            r.Action.ToString(),
            r.OldValue ?? "\u0000",
            r.NewValue ?? "\u0000",
            r.Reason ?? "\u0000",
            r.Context ?? "\u0000",
            r.PreviousHash);
        if (r.IsStructured)
            canonical = string.Join('\u001f', canonical, "v2",
                Id(r.ClassId), Id(r.SubjectId), Id(r.StudentId), Id(r.LessonId), r.WriteBatchId.ToString("N"), Id(r.RevertsBatchId));
        return Encoding.UTF8.GetBytes(canonical);
    }

    private static string Id(Guid? id) => id?.ToString("N") ?? "\u0000";

    /// <summary>
    /// Checks records of one school given in sequence order: sequences without gaps from 1, each linked to the
    /// previous hash, each hash matching its content, and the last one matching the chain head (so a deleted tail
    /// is found too). Records from <paramref name="keyedFrom"/> on are checked with <paramref name="key"/> (HMAC); without
    /// the key they cannot be checked, and the verdict says so.
    /// </summary>
    public static ChainVerification Verify(IEnumerable<AuditRecord> recordsInOrder, long headSequence, string headHash,
        AuditKey? key = null, long? keyedFrom = null)
    {
        var expectedPrevious = GenesisHash;
        long expectedSequence = 1, count = 0;
        foreach (var r in recordsInOrder)
        {
            if (r.Sequence != expectedSequence)
                return new(false, count, expectedSequence, $"Запис №{expectedSequence} відсутній (після нього йде №{r.Sequence}).");
            if (r.PreviousHash != expectedPrevious)
                return new(false, count, r.Sequence, $"Запис №{r.Sequence} не посилається на попередній.");
            var keyed = keyedFrom is { } from && r.Sequence >= from;
            if (keyed && key is null)
                return new(false, count, null, $"Записи від №{r.Sequence} захищено ключем, якого цей процес не має: їх не перевірено.");
            if ((keyed ? ComputeHash(r, key!.Bytes) : ComputeHash(r)) != r.Hash)
                return new(false, count, r.Sequence, $"Запис №{r.Sequence} змінено після того, як його було зроблено.");
            expectedPrevious = r.Hash;
            expectedSequence++;
            count++;
        }

        if (count != headSequence || expectedPrevious != headHash)
            return new(false, count, count + 1, $"Останні записи ланцюжка (після №{count}) видалено.");
        return ChainVerification.Intact(count);
    }
}
