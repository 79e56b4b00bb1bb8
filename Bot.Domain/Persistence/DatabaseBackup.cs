using System.Diagnostics;
using Bot.Domain.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.Domain.Persistence;

/// <summary>What a backup file holds, read back from the file itself after it was written (or before it is restored).</summary>
public sealed record BackupContents(long Bytes, int Schools, int Students, int Marks, int Absences, long AuditRecords, IReadOnlyList<string> Problems,
    bool IsReadable = true, IReadOnlyList<SchoolAuditHead>? Heads = null)
{
    public bool IsSound => Problems.Count == 0;

    /// <summary>
    /// A journal database whose data can be read back (SQLite's integrity check passed, the journal's tables are there),
    /// even if a check of its content failed (an audit chain, an archived journal): such a copy is kept and can be restored.
    /// </summary>

    public string Describe() =>
        $"{Bytes / 1024.0 / 1024.0:0.0} MB: {Schools} school(s), {Students} student(s), {Marks} mark(s), {Absences} absence(s), " +
        $"{AuditRecords} audit record(s); " + (IsSound ? "integrity and audit chains verified." : "PROBLEMS: " + string.Join("; ", Problems));
}

/// <summary>
/// A school's audit head as the backup holds it (ADR 0037 decision 3: an anchor kept outside the database): the last
/// sealed record's sequence, its hash and its time. <c>Bot.Host audit verify --anchor Sequence:Hash</c> checks a database
/// against it later.
/// </summary>
public sealed record SchoolAuditHead(Guid SchoolId, string School, long Sequence, string Hash, DateTime? AtUtc)
{
    public string Anchor => $"{Sequence}:{Hash}";
}

/// <summary>
/// The `backup` and `restore` verbs (docs/operations.md "Verbs of the executable").
/// SQLite: the online backup API copies a consistent snapshot while the server keeps running (WAL: readers and the one
/// writer go on); the copy is written beside its target and moved into place only after its integrity check passes.
/// PostgreSQL: <c>pg_dump --format=custom</c> and <c>pg_restore --clean</c> of the same major version as the server.
/// Either way the copy is opened and checked — SQLite's integrity check, and every school's audit chain verified and its
/// journal reconciled with the trail (ADR 0037) — and a manifest is written beside it (<c>FILE.manifest.json</c>): when,
/// what it holds, what failed, and each school's audit head, an anchor for <c>audit verify --anchor</c>.
/// A copy that fails a check is kept all the same (the nightly backup must not stop when something is wrong —
/// that is when it is needed most); its <see cref="BackupContents.Problems"/> name what failed, for the verb to shout.
/// Only a copy that could not be made at all (the database unreachable, pg_dump failing) leaves no file.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupContents> BackupAsync(DatabaseProvider provider, string connectionString, string file, CancellationToken ct = default, AuditKey? key = null)
    {
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                await using (var source = new SqliteConnection(connectionString))
                await using (var copy = new SqliteConnection(CopyConnection(partial)))
                {
                    await source.OpenAsync(ct);
                    await copy.OpenAsync(ct);
                    source.BackupDatabase(copy);
                    // The copy is a file of its own: no write-ahead log beside it.
                    await using var command = copy.CreateCommand();
                    command.CommandText = "PRAGMA journal_mode=DELETE;";
                    await command.ExecuteNonQueryAsync(ct);
                }

                var contents = await InspectSqliteAsync(partial, key, ct);
                File.Move(partial, target, overwrite: true); // kept whatever the checks found
                contents = contents with { Bytes = new FileInfo(target).Length };
                await WriteManifestAsync(target, provider, contents, ct);
                return contents;
            }

            await RunPostgresToolAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--file", partial], ct);
            string? unreadable = null;
            try
            {
                await RunPostgresToolAsync("pg_restore", connectionString, ["--list", partial], ct, connect: false); // the dump reads back
            }
            catch (InvalidOperationException e)
            {
                unreadable = $"the dump does not read back: {e.Message}";
            }

            File.Move(partial, target, overwrite: true);
            // Counted and verified in the database as it was dumped (pg_dump reads one snapshot).
            var dumped = await InspectAsync(DatabaseProvider.PostgreSQL, connectionString, new FileInfo(target).Length, key, ct);
            if (unreadable is not null) dumped = dumped with { Problems = [unreadable, .. dumped.Problems], IsReadable = false };
            await WriteManifestAsync(target, provider, dumped, ct);
            return dumped;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the database's content with the backup's, then applies this build's migrations (a backup of an older
    /// version is brought up to date). Stop the server first: a running process keeps what it has read in memory.
    /// </summary>
    public static async Task<BackupContents> RestoreAsync(DatabaseProvider provider, string connectionString, string file, CancellationToken ct = default, AuditKey? key = null)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) throw new ArgumentException($"No backup at {source}.");

        if (provider == DatabaseProvider.Sqlite)
        {
            // A backup whose content failed a check (kept by `backup`, see above) is restored, and the verb says what failed
            // again; one that is no readable journal database is refused.
            var found = await InspectSqliteAsync(source, key, ct);
            if (!found.IsReadable) throw new InvalidOperationException($"The backup failed its checks; nothing was restored: {string.Join("; ", found.Problems)}");
            await RefuseNewerSchemaAsync(DatabaseProvider.Sqlite, CopyConnection(source), ct);
            await using (var backup = new SqliteConnection(CopyConnection(source, readOnly: true)))
            await using (var live = new SqliteConnection(connectionString))
            {
                await backup.OpenAsync(ct);
                await live.OpenAsync(ct);
                backup.BackupDatabase(live);
            }
        }
        else
        {
            await RunPostgresToolAsync("pg_restore", connectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", source], ct);
        }

        await using (var db = JournalDatabase.Create(provider, connectionString))
            await JournalDatabase.MigrateAsync(db, ct);

        var restored = provider == DatabaseProvider.Sqlite
            ? await InspectSqliteAsync(new SqliteConnectionStringBuilder(connectionString).DataSource, key, ct)
            : await InspectAsync(DatabaseProvider.PostgreSQL, connectionString, new FileInfo(source).Length, key, ct);
        return restored with { Bytes = new FileInfo(source).Length };
    }

    /// <summary>The manifest beside a backup: <c>FILE.manifest.json</c>.</summary>
    public static string ManifestPath(string file) => Path.GetFullPath(file) + ".manifest.json";

    private static async Task WriteManifestAsync(string target, DatabaseProvider provider, BackupContents contents, CancellationToken ct)
    {
        var manifest = new
        {
            File = Path.GetFileName(target),
            WrittenAtUtc = DateTime.UtcNow,
            Provider = provider.ToString(),
            contents.Bytes,
            contents.Schools,
            contents.Students,
            contents.Marks,
            contents.Absences,
            contents.AuditRecords,
            ChecksPassed = contents.IsSound,
            contents.Problems,
            AuditHeads = (contents.Heads ?? []).Select(h => new { h.SchoolId, h.School, h.Sequence, h.Hash, h.AtUtc, h.Anchor }),
        };
        await File.WriteAllTextAsync(ManifestPath(target), System.Text.Json.JsonSerializer.Serialize(manifest,
            new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), ct);
    }

    private static string CopyConnection(string file, bool readOnly = false) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Pooling = false, // the file is moved or read by another connection right after: leave no handle open
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString();

    private static async Task<BackupContents> InspectSqliteAsync(string file, AuditKey? key, CancellationToken ct)
    {
        var problems = new List<string>();
        await using (var connection = new SqliteConnection(CopyConnection(file, readOnly: true)))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await command.ExecuteScalarAsync(ct);
            if (result != "ok") problems.Add($"SQLite integrity check: {result}");
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Schools', 'AuditRecords');";
            if ((long)(await command.ExecuteScalarAsync(ct))! != 3) problems.Add("not a journal database (its tables are missing)");
        }

        if (problems.Count > 0) return new BackupContents(new FileInfo(file).Length, 0, 0, 0, 0, 0, problems, IsReadable: false);
        return await InspectAsync(DatabaseProvider.Sqlite, CopyConnection(file, readOnly: true), new FileInfo(file).Length, key, ct);
    }

    private static async Task<BackupContents> InspectAsync(DatabaseProvider provider, string connectionString, long bytes, AuditKey? key, CancellationToken ct)
    {
        await using var db = JournalDatabase.Create(provider, connectionString);
        var problems = new List<string>();
        var schools = await db.Schools.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var verifier = new AuditVerifier(db, key);
        long audit = 0;
        var heads = new List<SchoolAuditHead>();
        foreach (var school in schools)
        {
            // The whole chain from its first record, and the journal reconciled with it; the copy is read-only, nothing is stored.
            var verdict = await verifier.CheckAsync(school.Id, AuditCheckMode.Full, ct: ct);
            audit += verdict.Chain.Checked;
            var head = await verifier.HeadAsync(school.Id, ct);
            heads.Add(new SchoolAuditHead(school.Id, school.Name, head.Sequence, head.Hash, head.AtUtc));
            if (!verdict.IsIntact) problems.Add($"the audit check of {school.Name} failed: {string.Join(" ", verdict.Problems)}");
        }

        // The year-end archive (ADR 0023): each stored journal still has the SHA-256 recorded when its year was closed.
        var archived = await db.ArchivedJournals.AsNoTracking().Select(j => new { j.Id, j.ClassName, j.Sha256 }).ToListAsync(ct);
        foreach (var j in archived)
        {
            var content = await db.ArchivedJournals.AsNoTracking().Where(x => x.Id == j.Id).Select(x => x.Content).FirstAsync(ct);
            if (Archive.ArchivedJournal.HashOf(content) != j.Sha256) problems.Add($"the archived journal of {j.ClassName} ({j.Id}) does not match its SHA-256");
        }

        return new BackupContents(bytes, schools.Count, await db.Students.CountAsync(ct), await db.Marks.CountAsync(ct),
            await db.Absences.CountAsync(ct), audit, problems, Heads: heads);
    }

    private static async Task RefuseNewerSchemaAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        await using var db = JournalDatabase.Create(provider, connectionString);
        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"The backup was made by a newer version (migrations {string.Join(", ", unknown)}); restore it with that version.");
    }

    /// <summary>Runs pg_dump or pg_restore against the connection string's server, the password passed in the environment.</summary>
    private static async Task RunPostgresToolAsync(string tool, string connectionString, IReadOnlyList<string> args, CancellationToken ct, bool connect = true)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        string[] server = connect
            ? ["--host", cs.Host ?? "localhost", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
               "--username", cs.Username ?? Environment.UserName, "--dbname", cs.Database ?? "postgres", "--no-password"]
            : [];
        foreach (var a in server) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Password)) start.Environment["PGPASSWORD"] = cs.Password;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{tool} is not installed (Debian: apt-get install postgresql-client of the server's major version).");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {(await error).Trim()}");
        }
    }
}
