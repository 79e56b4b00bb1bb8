using Bot.Domain;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Host.Cli;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Host;

/// <summary>
/// `Bot.Host backup FILE` and `restore FILE` (docs/operations.md "Verbs of the executable"): a round trip
/// brings back every mark with its audit chain intact; a backup taken while marks are being written is consistent; a file
/// that is not a sound journal is refused and the database is left as it was.
/// </summary>
public abstract class BackupVerbsTests : IAsyncLifetime
{
    private readonly List<string> _files = [];
    protected TestDatabase Database { get; private set; } = null!;
    protected TestSchool S { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await using var db = Database.NewContext();
        S = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        foreach (var f in _files)
        {
            File.Delete(f);
            File.Delete(DatabaseBackup.ManifestPath(f));
        }
    }

    private string NewFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"backup-test-{Guid.NewGuid():N}.bak");
        _files.Add(file);
        return file;
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Verbs.RunAsync([.. args, $"--Database:Provider={Database.Provider}", $"--ConnectionStrings:Journal={Database.ConnectionString}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    protected async Task<Lesson> LessonAsync(DateOnly date, int slot)
    {
        await using var db = Database.NewContext();
        return (await S.Journal(db).RecordLessonAsync(S.As(S.AlgebraTeacher),
            new LessonInput(S.Class7A.Id, S.Algebra.Id, null, date, slot, "Лінійні рівняння"))).GetValueOrThrow();
    }

    protected async Task MarkAsync(Lesson lesson, Guid studentId, string text) => (await TryMarkAsync(lesson, studentId, text)).GetValueOrThrow();

    protected async Task<Result<CellChange>> TryMarkAsync(Lesson lesson, Guid studentId, string text)
    {
        await using var db = Database.NewContext();
        var written = await S.Journal(db).SetCellAsync(S.As(S.AlgebraTeacher),
            new CellInput(studentId, lesson.ClassId, lesson.SubjectId, MarkColumn.Current, text, LessonId: lesson.Id));
        await Database.SealAsync(); // as the server's sealer does after commit (ADR 0037)
        return written;
    }

    private async Task<(string Marks, long Audit)> StateAsync()
    {
        await using var db = Database.NewContext();
        var marks = await db.Marks.AsNoTracking().Select(m => m.StudentId + ":" + m.Value).ToListAsync();
        marks.Sort(StringComparer.Ordinal);
        var chain = await new Bot.Domain.Audit.AuditVerifier(db).VerifyAsync(S.School.Id);
        Assert.True(chain.IsIntact, chain.Problem);
        return (string.Join(", ", marks), chain.Checked);
    }

    [Fact]
    public async Task RoundTrip_BringsBackEveryMark_WithTheAuditChainIntact()
    {
        var lesson = await LessonAsync(TestSchool.Today, 2);
        await MarkAsync(lesson, S.Ivanenko.Id, "10");
        await MarkAsync(lesson, S.Petrenko.Id, "7");
        var before = await StateAsync();
        var file = NewFile();

        var (exit, output, error) = await RunAsync("backup", file);

        Assert.True(exit == 0, error);
        Assert.Contains("2 mark(s)", output);
        Assert.Contains("integrity and audit chains verified", output);
        Assert.True(new FileInfo(file).Length > 0);
        // ADR 0037 decision 3: the manifest beside the copy carries the school's head, an anchor for `audit verify`.
        await using (var db = Database.NewContext())
        {
            var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.SchoolId == S.School.Id);
            Assert.Contains($"Audit head of {S.School.Name}: {head.LastSequence}:{head.LastHash} (", output);
            using var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(DatabaseBackup.ManifestPath(file)));
            var heads = manifest.RootElement.GetProperty("AuditHeads");
            Assert.Equal(1, heads.GetArrayLength());
            Assert.Equal((S.School.Name, head.LastSequence, head.LastHash), (heads[0].GetProperty("School").GetString(), heads[0].GetProperty("Sequence").GetInt64(),
                heads[0].GetProperty("Hash").GetString()));
            Assert.True(manifest.RootElement.GetProperty("ChecksPassed").GetBoolean());
        }

        // Life goes on after the backup: another mark, and one mark lost by accident.
        await MarkAsync(lesson, S.Sydorenko.Id, "4");
        await using (var db = Database.NewContext())
            await db.Marks.Where(m => m.StudentId == S.Ivanenko.Id).ExecuteDeleteAsync();
        Assert.NotEqual(before.Marks, (await StateAsync()).Marks);

        (exit, output, error) = await RunAsync("restore", file);

        Assert.True(exit == 0, error + output);
        Assert.Contains("2 mark(s)", output);
        Assert.Equal(before, await StateAsync());
        // The restored journal takes new marks on the restored chain.
        await MarkAsync(lesson, S.Sydorenko.Id, "5");
        Assert.Equal(before.Audit + 1, (await StateAsync()).Audit);
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNoJournal_IsRefused_AndChangesNothing()
    {
        var lesson = await LessonAsync(TestSchool.Today, 2);
        await MarkAsync(lesson, S.Ivanenko.Id, "10");
        var before = await StateAsync();
        var file = NewFile();
        await File.WriteAllTextAsync(file, "Клас;Прізвище;Ім'я\n7-А;Іваненко;Олег\n");

        var (exit, _, error) = await RunAsync("restore", file);

        Assert.Equal(1, exit);
        Assert.StartsWith("restore failed:", error);
        Assert.Equal(before, await StateAsync());
    }

    /// <summary>
    /// Hardening: a check that fails (one archived PDF changed, a broken audit chain) no longer costs the night's backup —
    /// the copy is written, the verb exits <see cref="BackupVerbs.ChecksFailed"/> and names each failure on standard
    /// error; the copy restores (saying the same again).
    /// </summary>
    [Fact]
    public async Task Backup_WithFailingChecks_IsWrittenAnyway_ExitsWithItsOwnCode_AndNamesWhatFailed()
    {
        var lesson = await LessonAsync(TestSchool.Today, 2);
        await MarkAsync(lesson, S.Ivanenko.Id, "10");
        await MarkAsync(lesson, S.Petrenko.Id, "7");
        await using (var db = Database.NewContext())
        {
            db.ArchivedJournals.Add(new Bot.Domain.Archive.ArchivedJournal(S.School.Id, S.Year.Id, S.Class7A.Id, "7-А", "7-А.pdf",
                "%PDF-1.7 the year's journal"u8.ToArray(), 1, 1, "head", "Гребенюк О. А.", DateTime.UtcNow, TestSchool.Today));
            await db.SaveChangesAsync();
            // One archived PDF changed, and an audit record rewritten in the database.
            await db.ArchivedJournals.ExecuteUpdateAsync(u => u.SetProperty(j => j.Content, "%PDF-1.7 the year's journa1"u8.ToArray()));
            var last = await db.AuditRecords.MaxAsync(a => a.Sequence);
            await db.AuditRecords.Where(a => a.Sequence == last).ExecuteUpdateAsync(u => u.SetProperty(a => a.NewValue, "12"));
        }

        var file = NewFile();
        var (exit, output, error) = await RunAsync("backup", file);

        Assert.Equal(BackupVerbs.ChecksFailed, exit);
        Assert.NotEqual(0, exit);
        Assert.NotEqual(1, exit); // not "no backup"
        Assert.True(new FileInfo(file).Length > 0, "the backup is written");
        Assert.False(File.Exists(file + ".partial"));
        Assert.Contains("Backup written to", output);
        Assert.Contains("2 mark(s)", output);
        Assert.Contains("BACKUP WRITTEN TO", error);
        Assert.Contains("CHECKS FAILED", error);
        Assert.Contains("the archived journal of 7-А", error);
        Assert.Contains($"the audit check of {S.School.Name} failed: Запис №", error);
        Assert.Contains("змінено поза програмою", error); // the record now disagrees with the mark it describes
        using (var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(DatabaseBackup.ManifestPath(file))))
            Assert.False(manifest.RootElement.GetProperty("ChecksPassed").GetBoolean());

        // What was kept is the journal as it was: a mark lost afterwards comes back from it.
        await using (var db = Database.NewContext())
            await db.Marks.Where(m => m.StudentId == S.Ivanenko.Id).ExecuteDeleteAsync();
        (exit, output, error) = await RunAsync("restore", file);
        Assert.Equal(BackupVerbs.ChecksFailed, exit);
        Assert.Contains("RESTORED FROM", error);
        Assert.Contains("the archived journal of 7-А", error);
        await using (var db = Database.NewContext())
            Assert.Equal("10", (await db.Marks.SingleAsync(m => m.StudentId == S.Ivanenko.Id)).Value.ToString());
    }

    [Fact]
    public async Task Backup_WithoutAFile_SaysHowToUseIt()
    {
        var (exit, _, error) = await RunAsync("backup");

        Assert.Equal(2, exit);
        Assert.Contains("Usage: Bot.Host backup FILE", error);
    }
}

public sealed class BackupVerbsOnSqlite : BackupVerbsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();

    [Fact]
    public async Task Backup_WhileMarksAreBeingWritten_IsAConsistentSnapshot()
    {
        var lesson = await LessonAsync(TestSchool.Today, 3);
        using var stop = new CancellationTokenSource();
        var students = new[] { S.Ivanenko.Id, S.Petrenko.Id, S.Sydorenko.Id };
        var writer = Task.Run(async () =>
        {
            var written = 0;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                // The teacher's own corrections inside the undo window, a millisecond apart (the school's clock is a fake one:
                // an alert's key carries the time of its change); whether each is accepted does not matter here.
                S.Clock.Advance(TimeSpan.FromMilliseconds(1));
                if ((await TryMarkAsync(lesson, students[i % students.Length], (i % 12 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).IsSuccess)
                    written++;
            }

            return written;
        });
        await Task.Delay(200);
        var file = Path.Combine(Path.GetTempPath(), $"backup-test-{Guid.NewGuid():N}.bak");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await Verbs.RunAsync(["backup", file, $"--ConnectionStrings:Journal={Database.ConnectionString}"], output, error);
            await stop.CancelAsync();
            Assert.True(await writer > 0);

            Assert.True(exit == 0, error.ToString());
            Assert.Contains("integrity and audit chains verified", output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

[Collection("postgres")]
public sealed class BackupVerbsOnPostgres(PostgresServer server) : BackupVerbsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
