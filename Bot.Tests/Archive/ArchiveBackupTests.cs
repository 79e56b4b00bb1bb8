using Bot.Domain.Persistence;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Archive;

/// <summary>
/// The archive travels with the database: a backup keeps the closed year's journals byte for byte, and a stored journal
/// whose bytes no longer match the SHA-256 recorded at closing makes the backup's check fail (the copy is not kept).
/// </summary>
public sealed class ArchiveBackupTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("archive-backup-").FullName;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        Assert.True((await YearArchiveTests.CloseAsync(_database, S.Clock, S.Year.Id, early: true)).IsSuccess);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Backup_KeepsTheArchive_AndNamesAnArchivedJournalThatNoLongerMatchesItsSha256_InACopyKeptAllTheSame()
    {
        var good = Path.Combine(_dir, "good.db");
        var contents = await DatabaseBackup.BackupAsync(DatabaseProvider.Sqlite, _database.ConnectionString, good);
        Assert.True(contents.IsSound, string.Join("; ", contents.Problems));
        await using (var live = _database.NewContext())
        await using (var copy = JournalDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={good}"))
        {
            var original = await live.ArchivedJournals.AsNoTracking().OrderBy(j => j.ClassName).Select(j => j.Content).ToListAsync();
            Assert.Equal(original, await copy.ArchivedJournals.AsNoTracking().OrderBy(j => j.ClassName).Select(j => j.Content).ToListAsync());
        }

        // One byte of 7-А's PDF changed behind the journal's back.
        await using (var db = _database.NewContext())
        {
            var journal = await db.ArchivedJournals.SingleAsync(j => j.ClassId == S.Class7A.Id);
            var bytes = journal.Content.ToArray();
            bytes[^10] ^= 0xFF;
            await db.ArchivedJournals.Where(j => j.Id == journal.Id).ExecuteUpdateAsync(u => u.SetProperty(j => j.Content, bytes));
        }

        var bad = Path.Combine(_dir, "bad.db");
        // The night's copy is kept all the same (that is when it is needed most), and the failed check is named (#19 item 5).
        var flagged = await DatabaseBackup.BackupAsync(DatabaseProvider.Sqlite, _database.ConnectionString, bad);
        Assert.False(flagged.IsSound);
        Assert.Contains(flagged.Problems, p => p.Contains("the archived journal of 7-А"));
        Assert.True(File.Exists(bad));
    }
}
