using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
        // One connection per writer — on a server, connections of two processes are alike. Without the lock, writers
        // that read the same head collide at the unique sequence and redo their work (37 failed saves in one run).
        var failures = new FailedSaves();
        await ConcurrentMarks.WriteAndCheckAsync(_database, failures);
        Assert.Equal(0, failures.Count);
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
    }
}
