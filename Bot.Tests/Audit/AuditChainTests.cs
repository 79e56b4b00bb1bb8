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
        Assert.Equal(4, await _database.SealAsync()); // written unsealed, chained after commit (ADR 0037)
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
        await _database.SealAsync();

        var result = await VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(4 + 4 + 4 * 3, result.Checked);
    }

    [Fact]
    public async Task Records_OfOneWrite_ShareAUnit_AndCarryTheirPlaceAsIds()
    {
        await using var db = _database.NewContext();
        var journal = _s.Journal(db);
        var lessonId = (await LessonIdsOfTodayAsync()).Single();
        var written = await journal.SetCellsAsync(_s.As(_s.AlgebraTeacher),
            [new CellInput(_s.Ivanenko.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, "11", lessonId),
             new CellInput(_s.Petrenko.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, "12", lessonId)]);
        written.GetValueOrThrow();
        await _database.SealAsync();
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence > 4).OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal(2, records.Count);
        Assert.Single(records.Select(r => r.WriteBatchId).Distinct());
        Assert.NotEqual(Guid.Empty, records[0].WriteBatchId);
        Assert.Single(records.Select(r => r.AtUtc).Distinct()); // one write time for the unit
        Assert.Equal([_s.Ivanenko.Id, _s.Petrenko.Id], records.Select(r => r.StudentId!.Value));
        Assert.All(records, r => Assert.Equal((_s.Class7A.Id, _s.Algebra.Id, lessonId), (r.ClassId!.Value, r.SubjectId!.Value, r.LessonId!.Value)));
        // Separate writes are separate units.
        var earlier = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence <= 4).Select(r => r.WriteBatchId).ToListAsync();
        Assert.Equal(4, earlier.Distinct().Count());
    }

    /// <summary>
    /// A chain begun before records had structure (their unit empty, no ids: the database as the upgrade found it) and
    /// continued after it verifies; the old records keep their original hash input.
    /// </summary>
    [Fact]
    public async Task Verify_OldFormatRecordsFollowedByStructuredOnes_IsIntact_AndANewFieldEditedIsDetected()
    {
        await using (var db = _database.NewContext())
        {
            // Records 1–2 as they were written before the upgrade; the chain re-sealed from there as the old code sealed it.
            var all = await db.AuditRecords.Where(r => r.SchoolId == _s.School.Id).OrderBy(r => r.Sequence).ToListAsync();
            foreach (var old in all.Take(2))
            {
                var entry = db.Entry(old);
                entry.Property(r => r.WriteBatchId).CurrentValue = Guid.Empty;
                foreach (var id in new[] { nameof(AuditRecord.ClassId), nameof(AuditRecord.SubjectId), nameof(AuditRecord.StudentId), nameof(AuditRecord.LessonId) })
                    entry.Property(id).CurrentValue = null;
            }

            var previous = AuditChain.GenesisHash;
            foreach (var r in all)
            {
                r.Seal(r.Sequence, previous);
                previous = r.Hash;
            }

            var head = await db.AuditHeads.SingleAsync(h => h.SchoolId == _s.School.Id);
            db.Entry(head).Property(h => h.LastHash).CurrentValue = previous;
            await db.SaveChangesAsync();
        }

        await using (var db = _database.NewContext())
        {
            var records = await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
            Assert.Equal([false, false, true, true], records.Select(r => r.IsStructured));
        }

        // Written after the upgrade, on the same chain.
        await using (var db = _database.NewContext())
            (await _s.Journal(db).SetCellAsync(_s.As(_s.AlgebraTeacher), new CellInput(_s.Ivanenko.Id, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, "11",
                (await LessonIdsOfTodayAsync()).Single()))).GetValueOrThrow();
        await _database.SealAsync();
        var intact = await VerifyAsync();
        Assert.True(intact.IsIntact, intact.Problem);
        Assert.Equal(5, intact.Checked);

        // A structured record's student changed in the database: found at that record.
        await using (var db = _database.NewContext())
        {
            var r3 = await db.AuditRecords.SingleAsync(r => r.Sequence == 3);
            db.Entry(r3).Property(r => r.StudentId).CurrentValue = _s.Sydorenko.Id == r3.StudentId ? _s.Ivanenko.Id : _s.Sydorenko.Id;
            await db.SaveChangesAsync();
        }

        var broken = await VerifyAsync();
        Assert.False(broken.IsIntact);
        Assert.Equal(3, broken.BrokenAtSequence);
    }

    [Fact]
    public async Task Verify_AStructuredRecordMovedToAnotherUnit_IsDetected()
    {
        await using (var db = _database.NewContext())
        {
            var r4 = await db.AuditRecords.SingleAsync(r => r.Sequence == 4);
            db.Entry(r4).Property(r => r.WriteBatchId).CurrentValue = Guid.NewGuid();
            await db.SaveChangesAsync();
        }

        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(4, result.BrokenAtSequence);
    }

    private async Task<List<Guid>> LessonIdsOfTodayAsync()
    {
        await using var db = _database.NewContext();
        return await db.Lessons.Where(l => l.Slot == 2).Select(l => l.Id).ToListAsync();
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
