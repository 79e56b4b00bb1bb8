using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Audit;

/// <summary>The audit trail is append-only and chained: an edited, deleted or truncated record is found, on both databases.</summary>
public abstract class AuditChainTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
        var journal = _s.Journal(db);
        var lesson = (await journal.RecordLessonAsync(_s.As(_s.AlgebraTeacher), new LessonInput(_s.Class7A.Id, _s.Algebra.Id, null, TestSchool.Today, 2, "Рівняння"))).GetValueOrThrow();
        foreach (var (student, mark) in new[] { (_s.Ivanenko, "10"), (_s.Petrenko, "9"), (_s.Sydorenko, "н") })
            (await journal.SetCellAsync(_s.As(_s.AlgebraTeacher), new CellInput(student.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, mark, lesson.Id))).GetValueOrThrow();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<ChainVerification> VerifyAsync()
    {
        await using var db = _database.NewContext();
        return await new AuditVerifier(db).VerifyAsync(_s.School.Id);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = _database.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        var result = await VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(4, result.Checked);
    }

    [Fact]
    public async Task Verify_EditedRecord_IsDetectedAtItsSequence()
    {
        await ExecuteAsync("""UPDATE "AuditRecords" SET "NewValue" = '12' WHERE "Sequence" = 2""");
        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Contains("змінено", result.Problem);
    }

    [Fact]
    public async Task Verify_DeletedRecord_IsDetected()
    {
        await ExecuteAsync("""DELETE FROM "AuditRecords" WHERE "Sequence" = 3""");
        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
    }

    [Fact]
    public async Task Verify_DeletedLastRecord_IsDetectedByTheHead()
    {
        await ExecuteAsync("""DELETE FROM "AuditRecords" WHERE "Sequence" = 4""");
        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Contains("видалено", result.Problem);
    }

    [Fact]
    public async Task Verify_RehashedRecordWithoutRelinking_IsDetectedAtTheNext()
    {
        // A forger who edits record 2 and recomputes its hash still breaks record 3's link.
        await using (var db = _database.NewContext())
        {
            var r2 = await db.AuditRecords.SingleAsync(r => r.Sequence == 2);
            var hash = AuditChain.ComputeHash(r2);
            var forged = (hash[0] == '0' ? '1' : '0') + hash[1..]; // always differs (a character swap may find nothing to swap)
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditRecords" SET "Hash" = {0} WHERE "Sequence" = 2""", forged);
        }

        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BrokenAtSequence);
    }

    [Fact]
    public async Task ConcurrentWriters_KeepOneGaplessChain()
    {
        await using (var db = _database.NewContext())
        {
            var journal = _s.Journal(db);
            foreach (var slot in new[] { 3, 4, 5, 6 })
                (await journal.RecordLessonAsync(_s.As(_s.AlgebraTeacher), new LessonInput(_s.Class7A.Id, _s.Algebra.Id, null, TestSchool.Today, slot, $"Урок {slot}"))).GetValueOrThrow();
        }

        var lessons = await LessonIdsAsync();
        var writers = lessons.Select(lessonId => Task.Run(async () =>
        {
            await using var db = _database.NewContext();
            var journal = _s.Journal(db);
            foreach (var student in new[] { _s.Ivanenko, _s.Petrenko, _s.Sydorenko })
                (await journal.SetCellAsync(_s.As(_s.AlgebraTeacher), new CellInput(student.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, "8", lessonId))).GetValueOrThrow();
        })).ToList();
        await Task.WhenAll(writers);

        var result = await VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(4 + 4 + 4 * 3, result.Checked);
    }

    private async Task<List<Guid>> LessonIdsAsync()
    {
        await using var db = _database.NewContext();
        return await db.Lessons.Where(l => l.Slot > 2).Select(l => l.Id).ToListAsync();
    }
}

public sealed class AuditChainOnSqlite : AuditChainTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class AuditChainOnPostgres(PostgresServer server) : AuditChainTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
