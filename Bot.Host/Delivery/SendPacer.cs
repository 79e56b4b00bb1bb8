using System.Collections.Concurrent;

namespace Bot.Host.Delivery;

/// <summary>
/// Paces sends on an injected clock: at most <c>perChatPerSecond</c> to one chat and, for bulk sends, at most
/// <c>globalPerSecond</c> overall. Each is a token bucket of one token (a send reserves the next free slot, in order
/// of arrival), kept as the bucket's "theoretical arrival time" so that a reservation is one lock and no timers.
/// </summary>
public sealed class SendPacer(double perChatPerSecond, double globalPerSecond, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly Bucket _global = new(Interval(globalPerSecond));
    private readonly ConcurrentDictionary<string, Bucket> _chats = new();
    private readonly TimeSpan _perChat = Interval(perChatPerSecond);

    /// <summary>Waits for this chat's next slot and, when <paramref name="bulk"/>, for the next overall slot too.</summary>
    public async ValueTask WaitAsync(string chatKey, bool bulk, CancellationToken ct)
    {
        if (_chats.Count > PruneAbove) Prune();
        await DelayAsync(_chats.GetOrAdd(chatKey, _ => new Bucket(_perChat)).Reserve(time.GetUtcNow()), ct);
        if (bulk) await DelayAsync(_global.Reserve(time.GetUtcNow()), ct);
    }

    /// <summary>
    /// A send to the chat has just been answered: its next slot is no sooner than one interval from now. A request that
    /// reached the server late (a busy machine) then never lets the next one arrive within the interval after it.
    /// </summary>
    public void Answered(string chatKey)
    {
        if (_chats.TryGetValue(chatKey, out var bucket)) bucket.NotBefore(time.GetUtcNow());
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken ct) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, time, ct) : Task.CompletedTask;

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, bucket) in _chats)
            if (bucket.IsIdle(now)) _chats.TryRemove(key, out _);
    }

    private static TimeSpan Interval(double perSecond) =>
        perSecond > 0 ? TimeSpan.FromSeconds(1 / perSecond) : throw new ArgumentOutOfRangeException(nameof(perSecond), "A rate must be above zero.");

    private sealed class Bucket(TimeSpan interval)
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        /// <summary>Takes the next free slot; returns how long to wait for it.</summary>
        public TimeSpan Reserve(DateTimeOffset now)
        {
            lock (_lock)
            {
                var at = _next > now ? _next : now;
                _next = at + interval;
                return at - now;
            }
        }

        public void NotBefore(DateTimeOffset answeredAt)
        {
            lock (_lock)
            {
                if (_next < answeredAt + interval) _next = answeredAt + interval;
            }
        }

        public bool IsIdle(DateTimeOffset now)
        {
            lock (_lock) return _next < now;
        }
    }
}
