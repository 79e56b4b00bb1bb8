using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Tests.Persistence;

/// <summary>SQLite's write path (ADR 0015): commits synced at checkpoints unless asked otherwise, and one writer at a time through the gate.</summary>
public sealed class SqliteWritePathTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.SqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(SqliteSynchronous.Normal, 1)]
    [InlineData(SqliteSynchronous.Full, 2)]
    public async Task Synchronous_IsSetOnTheConnection_NormalUnlessFullIsAsked(SqliteSynchronous mode, long pragmaValue)
    {
        // The same pooled connection serves both modes in turn: each context gets the one it asked for.
        foreach (var (asked, expected) in new[] { (mode, pragmaValue), (SqliteSynchronous.Normal, 1L), (mode, pragmaValue) })
        {
            await using var db = JournalDatabase.Create(DatabaseProvider.Sqlite, _database.ConnectionString, asked);
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            Assert.Equal(expected, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    [Theory]
    [InlineData(null, SqliteSynchronous.Normal)]
    [InlineData("", SqliteSynchronous.Normal)]
    [InlineData("full", SqliteSynchronous.Full)]
    [InlineData(" Normal ", SqliteSynchronous.Normal)]
    public void SqliteSynchronousSetting_IsRead(string? value, SqliteSynchronous expected) =>
        Assert.Equal(expected, JournalDatabase.ParseSqliteSynchronous(value));

    [Theory]
    [InlineData("Off")]
    [InlineData("2")]
    [InlineData("extra")]
    public void SqliteSynchronousSetting_OtherValues_AreRefused(string value) =>
        Assert.Throws<ArgumentException>(() => JournalDatabase.ParseSqliteSynchronous(value));

    [Fact]
    public async Task ManyTeachersMarkingAtOnce_AllMarksAreWritten_WithoutLosingTheChainHeadToAnother()
    {
        // Every save would read the chain's head before its transaction: the gate keeps them in turn.
        var conflicts = new ConcurrencyConflicts();
        await ConcurrentMarks.WriteAndCheckAsync(_database, conflicts);
        Assert.Equal(0, conflicts.Count);
    }

    [Fact]
    public async Task ASaveInsideTheCallersTransaction_DoesNotWaitForTheGate()
    {
        await using var db = _database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var gate = SqliteWriteGate.For(_database.ConnectionString)!;
        await gate.WaitAsync(); // another writer of this process holds the gate...
        try
        {
            db.ProcessedUpdates.Add(new ProcessedUpdate(Channel.Telegram, "1", DateTime.UtcNow));
            var saved = db.SaveChangesAsync();
            // ...yet this save, whose caller holds the database's write lock already, goes on.
            Assert.Same(saved, await Task.WhenAny(saved, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Equal(1, await saved);
        }
        finally
        {
            gate.Release();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Counts the saves that failed their concurrency check (the audit chain's head moved under them).</summary>
    private sealed class ConcurrencyConflicts : SaveChangesInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
