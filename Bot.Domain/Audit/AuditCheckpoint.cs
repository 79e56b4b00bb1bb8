using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Audit;

/// <summary>How a stored checkpoint's seal reads to a verifier (<see cref="AuditCheckpoint.Read"/>).</summary>
public enum CheckpointSealState
{
    /// <summary>The seal matches: the checkpoint is the one a check wrote.</summary>
    Sealed,

    /// <summary>The seal does not match (or is missing): the row was changed outside the product.</summary>
    Broken,

    /// <summary>Signed with the installation's key, and this process has no key to check it with.</summary>
    NeedsKey,
}

/// <summary>
/// The seal over a school's verification checkpoint (<see cref="AuditCheck"/>): a checkpoint whose seal does not match was
/// written outside the product and is not trusted (the check goes back to the first record and says so).
/// </summary>
public static class AuditCheckpoint
{
    private const string PlainPrefix = "sha256:";
    private const string KeyedPrefix = "hmac:";

    /// <summary>
    /// ADR 0037 decisions 2 and 4: with the installation's audit key the checkpoint is signed with it —
    /// <c>"hmac:" + HMAC-SHA256(key, canonical)</c> — so that only a holder of the key can move it. Without a key (an
    /// installation whose chains are plain) it is a plain SHA-256 of the same fields: it catches a hand edit of the row,
    /// not a forger who recomputes it. <see cref="Read"/> tells the two apart by their prefix, so checkpoints sealed
    /// before the key stay readable; the next intact check signs them with the key.
    /// </summary>
    public static string Seal(Guid schoolId, long sequence, string hash, DateTime atUtc, AuditKey? key = null) => key is null
        ? PlainPrefix + Convert.ToHexStringLower(SHA256.HashData(Canonical(schoolId, sequence, hash, atUtc)))
        : KeyedPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Canonical(schoolId, sequence, hash, atUtc)));

    /// <summary>Whether <paramref name="check"/>'s checkpoint carries a matching seal; a keyed seal needs <paramref name="key"/>.</summary>
    public static CheckpointSealState Read(AuditCheck check, AuditKey? key)
    {
        if (check.CheckpointAtUtc is not { } at) return CheckpointSealState.Broken;
        if (check.CheckpointSeal.StartsWith(PlainPrefix, StringComparison.Ordinal))
            return check.CheckpointSeal == Seal(check.SchoolId, check.CheckpointSequence, check.CheckpointHash, at)
                ? CheckpointSealState.Sealed : CheckpointSealState.Broken;
        if (check.CheckpointSeal.StartsWith(KeyedPrefix, StringComparison.Ordinal))
        {
            if (key is null) return CheckpointSealState.NeedsKey;
            return check.CheckpointSeal == Seal(check.SchoolId, check.CheckpointSequence, check.CheckpointHash, at, key)
                ? CheckpointSealState.Sealed : CheckpointSealState.Broken;
        }

        return CheckpointSealState.Broken;
    }

    /// <summary>A plain (<c>sha256:</c>) seal: it needs no secret, so it is not trusted over a chain's keyed records (ADR 0037, amendment).</summary>
    public static bool IsPlain(AuditCheck check) => check.CheckpointSeal.StartsWith(PlainPrefix, StringComparison.Ordinal);

    public static bool IsSealed(AuditCheck check, AuditKey? key = null) => Read(check, key) == CheckpointSealState.Sealed;

    private static byte[] Canonical(Guid schoolId, long sequence, string hash, DateTime atUtc) =>
        Encoding.UTF8.GetBytes(string.Join('\u001f', "checkpoint", schoolId.ToString("N"), sequence.ToString(CultureInfo.InvariantCulture), hash,
            // PostgreSQL keeps microseconds: seal what the database gives back.
            (atUtc.Ticks - atUtc.Ticks % 10).ToString(CultureInfo.InvariantCulture)));
}
