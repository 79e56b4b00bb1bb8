using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bot.Tests.Persistence;

/// <summary>
/// PostgreSQL's write path: every connection — of this process or another — that extends a school's audit chain waits for
/// the chain's advisory lock before it reads the head (ADR 0003), so writers chain one after another instead of losing
/// the sequence to each other.
/// </summary>
[Collection("postgres")]
public sealed class PostgresWritePathTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.PostgresAsync(server);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ManyTeachersMarkingAtOnce_NoSaveLosesTheChainHead_AndEveryMarkIsWritten()
    {
        TestSchool s;
        await using (var db = _database.NewContext()) s = await TestSchool.CreateAsync(db);
        var lessons = new List<Guid>();
        await using (var db = _database.NewContext())
        {
            var journal = s.Journal(db);
            foreach (var slot in Enumerable.Range(1, 8))
                lessons.Add((await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, slot, $"Урок {slot}")))
                    .GetValueOrThrow().Id);
        }

        // One context (one connection) per writer, as one request each — on a server, connections of two processes are alike.
        var failures = new FailedSaves();
        using var start = new ManualResetEventSlim();
        var writers = lessons.SelectMany(lesson => new[] { s.Ivanenko, s.Petrenko, s.Sydorenko }.Select(student => Task.Run(async () =>
        {
            await using var db = failures.NewContext(_database);
            start.Wait();
            return await s.Journal(db).SetCellAsync(s.As(s.AlgebraTeacher), new CellInput(student.Id, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, "9", lesson));
        }))).ToList();
        start.Set();
        var results = await Task.WhenAll(writers);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        // Without the lock, writers that read the same head collide at the unique sequence and redo their work.
        Assert.Equal(0, failures.Count);
        await using var check = _database.NewContext();
        Assert.Equal(24, await check.Marks.CountAsync());
        var chain = await new AuditVerifier(check).VerifyAsync(s.School.Id);
        Assert.True(chain.IsIntact, chain.Problem);
        Assert.Equal(8 + 24, chain.Checked);
    }

    /// <summary>Counts the saves that failed (a unique sequence or a moved head: another writer chained first).</summary>
    private sealed class FailedSaves : SaveChangesInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public JournalDbContext NewContext(TestDatabase database)
        {
            using var plain = database.NewContext();
            var options = (DbContextOptions<PostgresJournalDbContext>)plain.GetService<IDbContextOptions>();
            return new PostgresJournalDbContext(new DbContextOptionsBuilder<PostgresJournalDbContext>(options).AddInterceptors(this).Options);
        }
    }
}
