using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Audit;

/// <summary>The verdict of a check of a chain (<see cref="AuditVerifier"/>).</summary>
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
}
