using Bot.Domain.Persistence;

namespace Bot.Host.Cli;

/// <summary>
/// `backup FILE` and `restore FILE` (docs/operations.md "Verbs of the executable"; docs/operations.md "Backups"). Exit codes: 0 written (restored) and
/// every check passed; <see cref="ChecksFailed"/> written (restored) but a check failed — the copy is kept, and standard
/// error names each failure loudly; 1 nothing written (the copy could not be made, or a restore was refused); 2 usage.
/// </summary>
public static class BackupVerbs
{
    /// <summary>The copy was written (or restored), but a check of it failed (the backup happens anyway).</summary>
    public const int ChecksFailed = 3;

    public static async Task<int> RunAsync(string verb, IConfiguration configuration, string[] args, TextWriter output, TextWriter error)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (file is null)
        {
            await error.WriteLineAsync($"Usage: Bot.Host {verb} FILE");
            return 2;
        }

        var provider = JournalDatabase.ParseProvider(configuration["Database:Provider"]);
        // The audit chain's keyed part is checked with the installation's key (ADR 0037); without it the check says so.
        var keyPath = configuration["Audit:KeyPath"] is { Length: > 0 } kp ? kp : Bot.Domain.Audit.AuditKey.DefaultPath;
        var key = Bot.Domain.Audit.AuditKey.TryLoad(keyPath);
        var connection = JournalDatabase.ConnectionString(provider, configuration.GetConnectionString("Journal"));
        if (verb == "backup")
        {
            var made = await DatabaseBackup.BackupAsync(provider, connection, file, key: key);
            await output.WriteLineAsync($"Backup written to {Path.GetFullPath(file)}: {made.Describe()}");
            foreach (var head in made.Heads ?? [])
                await output.WriteLineAsync($"Audit head of {head.School}: {head.Anchor} ({head.AtUtc:yyyy-MM-dd HH:mm:ss} UTC)");
            await output.WriteLineAsync($"Manifest: {DatabaseBackup.ManifestPath(file)}");
            return await ShoutAsync(made, $"BACKUP WRITTEN TO {Path.GetFullPath(file)}, BUT ITS CHECKS FAILED", error);
        }

        var restored = await DatabaseBackup.RestoreAsync(provider, connection, file, key: key);
        await output.WriteLineAsync($"Restored from {Path.GetFullPath(file)}: {restored.Describe()}");
        return await ShoutAsync(restored, $"RESTORED FROM {Path.GetFullPath(file)}, BUT ITS CHECKS FAILED", error);
    }

    /// <summary>0 for a sound copy; otherwise a block on standard error naming every failed check, and <see cref="ChecksFailed"/>.</summary>
    private static async Task<int> ShoutAsync(BackupContents contents, string headline, TextWriter error)
    {
        if (contents.IsSound) return 0;
        var bar = new string('!', 100);
        await error.WriteLineAsync(bar);
        await error.WriteLineAsync($"!!! {headline}:");
        foreach (var problem in contents.Problems) await error.WriteLineAsync($"!!!   - {problem}");
        await error.WriteLineAsync("!!! The copy is kept: it is what the database holds now. Find out why before relying on it,");
        await error.WriteLineAsync($"!!! and keep the earlier backups (exit code {ChecksFailed}).");
        await error.WriteLineAsync(bar);
        return ChecksFailed;
    }
}
