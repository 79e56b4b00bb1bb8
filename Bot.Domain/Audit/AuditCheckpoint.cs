using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Audit;

/// <summary>
/// The seal over a school's verification checkpoint (<see cref="AuditCheck"/>): a checkpoint whose seal does not match was
/// written outside the product and is not trusted (the check goes back to the first record and says so).
/// </summary>
public static class AuditCheckpoint
{
    private const string PlainPrefix = "sha256:";

    /// <summary>
    /// AUDIT-KEY HOOK (ADR 0037 decisions 2 and 4): once the installation has its audit key, the checkpoint is signed with
    /// it — <c>"hmac:" + HMAC-SHA256(key, canonical)</c> — so that only a holder of the key can move it. Until then it
    /// is a plain SHA-256 of the same fields: it catches a hand edit of the row, not a forger who recomputes it.
    /// <see cref="IsSealed"/> tells the two apart by their prefix, so checkpoints sealed before the key stay readable.
    /// </summary>
    public static string Seal(Guid schoolId, long sequence, string hash, DateTime atUtc) =>
        PlainPrefix + Convert.ToHexStringLower(SHA256.HashData(Canonical(schoolId, sequence, hash, atUtc)));

    public static bool IsSealed(AuditCheck check) =>
        check.CheckpointAtUtc is { } at
        && check.CheckpointSeal.StartsWith(PlainPrefix, StringComparison.Ordinal)
        && check.CheckpointSeal == Seal(check.SchoolId, check.CheckpointSequence, check.CheckpointHash, at);

    private static byte[] Canonical(Guid schoolId, long sequence, string hash, DateTime atUtc) =>
        Encoding.UTF8.GetBytes(string.Join('\u001f', "checkpoint", schoolId.ToString("N"), sequence.ToString(CultureInfo.InvariantCulture), hash,
            // PostgreSQL keeps microseconds: seal what the database gives back.
            (atUtc.Ticks - atUtc.Ticks % 10).ToString(CultureInfo.InvariantCulture)));
}
