using Bot.Domain.Persistence;

namespace Bot.Host.Cli;

/// <summary>`backup FILE` and `restore FILE` (DESIGN.md "Admin verbs"; README "Backups").</summary>
public static class BackupVerbs
{
    public static async Task<int> RunAsync(string verb, IConfiguration configuration, string[] args, TextWriter output, TextWriter error)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (file is null)
        {
            await error.WriteLineAsync($"Usage: Bot.Host {verb} FILE");
            return 2;
        }

        var provider = JournalDatabase.ParseProvider(configuration["Database:Provider"]);
        var connection = JournalDatabase.ConnectionString(provider, configuration.GetConnectionString("Journal"));
        if (verb == "backup")
        {
            var made = await DatabaseBackup.BackupAsync(provider, connection, file);
            await output.WriteLineAsync($"Backup written to {Path.GetFullPath(file)}: {made.Describe()}");
            return 0;
        }

        var restored = await DatabaseBackup.RestoreAsync(provider, connection, file);
        await output.WriteLineAsync($"Restored from {Path.GetFullPath(file)}: {restored.Describe()}");
        return restored.IsSound ? 0 : 1;
    }
}
