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

    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private long _reads, _writes, _other, _failed, _commits, _durationTicks;

    public SqlCommandCounter() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Counts since the last call, then starts again from zero.</summary>
    public SqlCounts Take() => new(
        Interlocked.Exchange(ref _reads, 0), Interlocked.Exchange(ref _writes, 0), Interlocked.Exchange(ref _other, 0),
        Interlocked.Exchange(ref _failed, 0), Interlocked.Exchange(ref _commits, 0), TimeSpan.FromTicks(Interlocked.Exchange(ref _durationTicks, 0)));

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == Executed || name == Failed || name == Committed));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == Committed)
        {
            Interlocked.Increment(ref _commits);
        }
        else if (e.Key == Failed)
        {
            Interlocked.Increment(ref _failed);
        }
        else if (e.Value is CommandExecutedEventData executed)
        {
            Interlocked.Add(ref _durationTicks, executed.Duration.Ticks);
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
        lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
    }
}

/// <summary>SQL commands by kind (a save's batch of writes is one command), failed ones, commits, and their summed time.</summary>
internal sealed record SqlCounts(long Reads, long Writes, long Other, long Failed, long Commits, TimeSpan Duration)
{
    public long Commands => Reads + Writes + Other;
}
