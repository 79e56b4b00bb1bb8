using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Bench.Webhook;

/// <summary>
/// Counts the SQL commands EF Core runs in this process (Bot.Host's and the benchmark's own, which reads only between
/// phases), from EF Core's DiagnosticSource events: no change to the product's DbContext is needed to listen.
/// </summary>
internal sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private static readonly string Failed = RelationalEventId.CommandError.Name!;
    private static readonly string Committed = RelationalEventId.TransactionCommitted.Name!;
    private static readonly string Opened = RelationalEventId.ConnectionOpened.Name!;
    private static readonly string Compiling = CoreEventId.QueryCompilationStarting.Name!;
    private static readonly string RolledBack = CoreEventId.OptimisticConcurrencyException.Name!;

    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private long _reads, _writes, _other, _failed, _commits, _rollbacks, _opens, _compilations, _durationTicks;

    private readonly TextWriter? _log;

    /// <param name="log">Where to write every command's text and duration (the bench's --sql-log), or null.</param>
    public SqlCommandCounter(TextWriter? log = null)
    {
        _log = log is null ? null : TextWriter.Synchronized(log);
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Counts since the last call, then starts again from zero.</summary>
    public SqlCounts Take() => new(
        Interlocked.Exchange(ref _reads, 0), Interlocked.Exchange(ref _writes, 0), Interlocked.Exchange(ref _other, 0),
        Interlocked.Exchange(ref _failed, 0), Interlocked.Exchange(ref _commits, 0), Interlocked.Exchange(ref _rollbacks, 0), Interlocked.Exchange(ref _opens, 0),
        Interlocked.Exchange(ref _compilations, 0), TimeSpan.FromTicks(Interlocked.Exchange(ref _durationTicks, 0)));

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == Executed || name == Failed || name == Committed || name == Opened || name == Compiling || name == RolledBack));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == Committed)
        {
            Interlocked.Increment(ref _commits);
        }
        else if (e.Key == RolledBack)
        {
            Interlocked.Increment(ref _rollbacks); // a concurrency conflict: the save is rolled back and the work tried again
        }
        else if (e.Key == Opened)
        {
            Interlocked.Increment(ref _opens);
        }
        else if (e.Key == Compiling)
        {
            Interlocked.Increment(ref _compilations);
        }
        else if (e.Key == Failed)
        {
            Interlocked.Increment(ref _failed);
        }
        else if (e.Value is CommandExecutedEventData executed)
        {
            Interlocked.Add(ref _durationTicks, executed.Duration.Ticks);
            _log?.WriteLine($"-- {executed.Duration.TotalMilliseconds:F2} ms\n{executed.Command.CommandText}");
            var text = executed.Command.CommandText.AsSpan().TrimStart();
            if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref _reads);
            else if (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                     || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref _writes);
            else Interlocked.Increment(ref _other);
        }
    }

    public void OnError(Exception error) { }

    public void OnCompleted() { }

    public void Dispose()
    {
        _all.Dispose();
        _log?.Dispose();
        lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
    }
}

/// <summary>
/// SQL commands by kind (a save's batch of writes is one command), failed ones, transactions committed and rolled back
/// (a write that lost the audit chain's head to another writer is rolled back and tried again), connections opened, LINQ
/// queries compiled (not found in EF Core's query cache), and the commands' summed time.
/// </summary>
internal sealed record SqlCounts(long Reads, long Writes, long Other, long Failed, long Commits, long RolledBack, long Opens, long Compilations, TimeSpan Duration)
{
    public long Commands => Reads + Writes + Other;
}
