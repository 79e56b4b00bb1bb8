using System.Security.Cryptography;

namespace Bot.Domain.Audit;

/// <summary>
/// The secret that keys the audit chain's links (ADR 0037): 32 random bytes in a file outside the database
/// (`Audit:KeyPath`, default <see cref="DefaultPath"/>), as 64 hexadecimal characters, readable by its owner only. Its
/// <see cref="KeyId"/> (the first 8 bytes of its SHA-256) is stored in each chain's head, so a process can tell the key
/// it was given from the one the chain was sealed with without the database holding the key.
/// </summary>
public sealed class AuditKey
{
    public const string DefaultPath = "data/audit.key";
    public const int Length = 32;

    private readonly byte[] _bytes;

    private AuditKey(byte[] bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException($"An audit key is {Length} bytes.", nameof(bytes));
        _bytes = bytes;
        KeyId = IdOf(bytes);
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The first 8 bytes of the key's SHA-256 as 16 lowercase hexadecimal characters.</summary>
    public string KeyId { get; }

    /// <summary>A new random key in memory (tests; <see cref="LoadOrCreate"/> writes one to a file).</summary>
    public static AuditKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    public static AuditKey FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public static string IdOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes)[..8]);

    /// <summary>The key in <paramref name="path"/>, or null when there is no such file; a file that holds no key is an error.</summary>
    public static AuditKey? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path).Trim();
        try
        {
            var bytes = Convert.FromHexString(text);
            if (bytes.Length == Length) return new AuditKey(bytes);
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException(
            $"The audit key file '{Path.GetFullPath(path)}' does not hold an audit key ({Length * 2} hexadecimal characters). Restore it from its backup.");
    }

    /// <summary>
    /// The key in <paramref name="path"/>, written there first (owner-only permissions, its folder created) when there is
    /// none. Two processes creating it at once end with one key: the file appears whole or not at all, and the loser reads
    /// the winner's.
    /// </summary>
    public static AuditKey LoadOrCreate(string path, out bool created)
    {
        created = false;
        if (TryLoad(path) is { } existing) return existing;
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var key = Generate();
        var temp = Path.Combine(dir, $".audit-key-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(Convert.ToHexStringLower(key._bytes));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temp, full, overwrite: false);
            created = true;
            return key;
        }
        catch (IOException) when (File.Exists(full))
        {
            File.Delete(temp);
            return TryLoad(full)!;
        }
    }
}
