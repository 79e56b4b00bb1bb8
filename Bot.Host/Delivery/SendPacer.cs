using System.Collections.Concurrent;

namespace Bot.Host.Delivery;

/// <summary>
/// Paces sends on an injected clock: at most <c>perChatPerSecond</c> to one chat and, for bulk sends, at most
/// <c>globalPerSecond</c> overall. Each is a token bucket of one token (a send reserves the next free slot, in order
/// of arrival), kept as the bucket's "theoretical arrival time" so that a reservation is one lock and no timers.
/// A messenger's "too many requests" pauses either one chat (<see cref="PauseChat"/>) or every send, replies and bulk
/// alike (<see cref="PauseAll"/>), until its `retry_after` has passed.
/// </summary>
public sealed class SendPacer(double perChatPerSecond, double globalPerSecond, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly Bucket _global = new(Interval(globalPerSecond));
    private readonly ConcurrentDictionary<string, Bucket> _chats = new();
    private readonly TimeSpan _perChat = Interval(perChatPerSecond);
    private long _pausedUntilTicks; // UTC ticks; every send waits until then

    /// <summary>
    /// Waits out a pause of every send, then this chat's next slot and, when <paramref name="bulk"/>, the next overall
    /// slot too; and a pause that began meanwhile.
    /// </summary>
    public async ValueTask WaitAsync(string chatKey, bool bulk, CancellationToken ct)
    {
        if (_chats.Count > PruneAbove) Prune();
        await WaitOutPauseAsync(ct);
        await DelayAsync(Chat(chatKey).Reserve(time.GetUtcNow()), ct);
        if (bulk) await DelayAsync(_global.Reserve(time.GetUtcNow()), ct);
        await WaitOutPauseAsync(ct);
    }

    /// <summary>No send at all, to any chat, replies included, for <paramref name="wait"/> from now (a pause already longer stays).</summary>
    public void PauseAll(TimeSpan wait)
    {
        var until = (time.GetUtcNow() + wait).UtcTicks;
        var seen = Interlocked.Read(ref _pausedUntilTicks);
        while (until > seen)
        {
            var was = Interlocked.CompareExchange(ref _pausedUntilTicks, until, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    /// <summary>No send to this chat for <paramref name="wait"/> from now.</summary>
    public void PauseChat(string chatKey, TimeSpan wait) => Chat(chatKey).Block(time.GetUtcNow() + wait);

    /// <summary>Until when every send is paused (<see cref="DateTimeOffset.MinValue"/>: not paused).</summary>
    public DateTimeOffset PausedUntil => new(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero);

    private Bucket Chat(string chatKey) => _chats.GetOrAdd(chatKey, _ => new Bucket(_perChat));

    private async ValueTask WaitOutPauseAsync(CancellationToken ct)
    {
        // A loop: the pause may be lengthened by another 429 while this send waits.
        while (PausedUntil - time.GetUtcNow() is { } left && left > TimeSpan.Zero)
            await Task.Delay(left, time, ct);
    }

    /// <summary>
    /// A send to the chat has just been answered: its next slot is no sooner than one interval from now. A request that
    /// reached the server late (a busy machine) then never lets the next one arrive within the interval after it.
    /// </summary>
    public void Answered(string chatKey)
    {
        if (_chats.TryGetValue(chatKey, out var bucket)) bucket.Block(time.GetUtcNow() + _perChat);
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

        /// <summary>No slot before <paramref name="until"/>.</summary>
        public void Block(DateTimeOffset until)
        {
            lock (_lock)
                if (until > _next) _next = until;
        }

        public bool IsIdle(DateTimeOffset now)
        {
            lock (_lock) return _next < now;
        }
    }
}
