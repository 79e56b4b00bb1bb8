using System.Data.Common;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bot.Tests.Infrastructure;

/// <summary>Counts the SQL commands a context runs (queries, scalars, non-queries), with their text for failure messages.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly List<string> _commands = [];

    public int Count
    {
        get { lock (_commands) return _commands.Count; }
    }

    public IReadOnlyList<string> Commands
    {
        get { lock (_commands) return [.. _commands]; }
    }

    public void Reset()
    {
        lock (_commands) _commands.Clear();
    }

    private void Record(DbCommand command)
    {
        lock (_commands) _commands.Add(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>A context of the test database, configured as the product configures it, that reports its commands here.</summary>
    public JournalDbContext NewContext(TestDatabase database)
    {
        using var plain = database.NewContext();
        var options = plain.GetService<IDbContextOptions>();
        return plain switch
        {
            SqliteJournalDbContext => new SqliteJournalDbContext(
                new DbContextOptionsBuilder<SqliteJournalDbContext>((DbContextOptions<SqliteJournalDbContext>)options).AddInterceptors(this).Options),
            PostgresJournalDbContext => new PostgresJournalDbContext(
                new DbContextOptionsBuilder<PostgresJournalDbContext>((DbContextOptions<PostgresJournalDbContext>)options).AddInterceptors(this).Options),
            _ => throw new NotSupportedException(plain.GetType().Name),
        };
    }
}

public static class CountingContexts
{
    /// <summary>A context on the test database whose commands <paramref name="counter"/> counts.</summary>
    public static JournalDbContext NewCountingContext(this TestDatabase database, CommandCounter counter) => counter.NewContext(database);
}
