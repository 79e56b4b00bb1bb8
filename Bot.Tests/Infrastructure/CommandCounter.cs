using System.Data.Common;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Tests.Infrastructure;

/// <summary>Counts the database commands a context sends, to prove that a read takes a fixed number of queries.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public static class CountingContexts
{
    /// <summary>A context on the test database whose commands <paramref name="counter"/> counts.</summary>
    public static JournalDbContext NewCountingContext(this TestDatabase database, CommandCounter counter) =>
        database.Provider == DatabaseProvider.Sqlite
            ? new SqliteJournalDbContext(new DbContextOptionsBuilder<SqliteJournalDbContext>()
                .UseSqlite(database.ConnectionString).AddInterceptors(counter).Options)
            : new PostgresJournalDbContext(new DbContextOptionsBuilder<PostgresJournalDbContext>()
                .UseNpgsql(database.ConnectionString).AddInterceptors(counter).Options);
}
