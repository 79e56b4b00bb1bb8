using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>A mark and its outbox rows commit together or not at all (docs/architecture.md "Processes").</summary>
public abstract class OutboxAtomicityTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;
    private Guid _lessonId;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>SQL that makes every insert into the outbox fail inside the database.</summary>
    protected abstract string BreakOutboxSql { get; }

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
        _lessonId = (await _s.Journal(db).RecordLessonAsync(_s.As(_s.AlgebraTeacher),
            new LessonInput(_s.Class7A.Id, _s.Algebra.Id, null, TestSchool.Today, 2, "Рівняння"))).GetValueOrThrow().Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CellInput MarkFor(Guid studentId, string text) => new(studentId, _s.Class7A.Id, _s.Algebra.Id, MarkColumn.Current, text, _lessonId);

    [Fact]
    public async Task Mark_WhenTheOutboxInsertFails_IsNotStoredEither()
    {
        await using (var db = _database.NewContext()) await db.Database.ExecuteSqlRawAsync(BreakOutboxSql);

        await using (var db = _database.NewContext())
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => _s.Journal(db).SetCellAsync(_s.As(_s.AlgebraTeacher), MarkFor(_s.Ivanenko.Id, "10")));
        }

        await using var check = _database.NewContext();
        Assert.Equal(0, await check.Marks.CountAsync());
        Assert.Equal(0, await check.Outbox.CountAsync(o => o.Kind == NotificationKind.MarkAlert));
        Assert.Equal(1, await check.AuditRecords.CountAsync()); // only the lesson's
    }

    [Fact]
    public async Task Mark_WithAWorkingOutbox_CommitsWithItsRows()
    {
        await using (var db = _database.NewContext())
            (await _s.Journal(db).SetCellAsync(_s.As(_s.AlgebraTeacher), MarkFor(_s.Ivanenko.Id, "10"))).GetValueOrThrow();

        await using var check = _database.NewContext();
        var mark = await check.Marks.SingleAsync();
        var rows = await check.Outbox.Where(o => o.SourceId == mark.Id).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task Outbox_DuplicateIdempotencyKey_IsRejectedByTheDatabase()
    {
        await using var db = _database.NewContext();
        var now = TestSchool.Now.UtcDateTime;
        db.Outbox.Add(new OutboxMessage(_s.School.Id, "k-1", RecipientKind.Guardian, _s.IvanenkoMother.Id, NotificationKind.MarkAlert, "{}", now, now));
        await db.SaveChangesAsync();
        await using var db2 = _database.NewContext();
        db2.Outbox.Add(new OutboxMessage(_s.School.Id, "k-1", RecipientKind.Guardian, _s.IvanenkoMother.Id, NotificationKind.MarkAlert, "{}", now, now));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db2.SaveChangesAsync());
    }
}

public sealed class OutboxAtomicityOnSqlite : OutboxAtomicityTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();

    protected override string BreakOutboxSql =>
        """CREATE TRIGGER break_outbox BEFORE INSERT ON "Outbox" BEGIN SELECT RAISE(ABORT, 'outbox is down'); END;""";
}

[Collection("postgres")]
public sealed class OutboxAtomicityOnPostgres(PostgresServer server) : OutboxAtomicityTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);

    protected override string BreakOutboxSql => """
        CREATE FUNCTION break_outbox() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox is down'; END; $$ LANGUAGE plpgsql;
        CREATE TRIGGER break_outbox BEFORE INSERT ON "Outbox" FOR EACH ROW EXECUTE FUNCTION break_outbox();
        """;
}
