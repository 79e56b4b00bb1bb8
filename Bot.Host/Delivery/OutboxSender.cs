using System.Collections.Concurrent;
using System.Threading.Channels;
using Channel = Bot.Domain.Audit.Channel;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Host.Conversation;
using Bot.Host.Observability;
using Microsoft.Extensions.Options;

namespace Bot.Host.Delivery;

/// <summary>
/// Drains the outbox (ADR 0011): while this process holds the sender's lease, it takes due rows in priority order, lets
/// <see cref="DeliveryRules"/> cancel or hold them, composes the rest and hands them to the messengers, at most
/// `Delivery:MaxInFlight` at once. Each row is marked <see cref="OutboxState.Sending"/> just before its call and its
/// outcome just after: sent; the chat gone (its links are inactive, the row dead); or failed (tried again with backoff,
/// dead after `Delivery:MaxAttempts`). The pace (per chat, and overall at `Delivery:GlobalPerSecond`) is the channel's.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IEnumerable<IMessengerChannel> channels,
    IOutboxLease lease,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    JournalMetrics metrics,
    IConfiguration configuration,
    ILogger<OutboxSender> log) : BackgroundService
{
    /// <summary>After a stop is asked for, calls already on their way get this long to be answered and recorded.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LeaseCheckEvery = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<Channel, IMessengerChannel> _channels = channels.ToDictionary(c => c.Channel);
    private readonly DeliveryOptions _options = options.Value;
    private readonly ConcurrentDictionary<Guid, byte> _taken = new();
    private long _pollWaits;

    /// <summary>How often the loop has waited its poll interval because nothing was due (tests count them).</summary>
    internal long PollWaits => Interlocked.Read(ref _pollWaits);

    /// <summary>
    /// "Run the sender once", for tests that must know what the sender did instead of waiting a while: wakes the loop and
    /// completes once a pass that began after this call found nothing due and no row is in flight, so every row that
    /// was due at the call (by the sender's clock) has been sent, held or cancelled. Silence is then a fact, not a guess.
    /// </summary>
    internal async Task SettleAsync(TimeSpan timeout)
    {
        // The first idle pass counted after the call may have read the outbox before it; the second began after the first.
        var from = PollWaits;
        using var limit = new CancellationTokenSource(timeout);
        while (PollWaits < from + 2 || !_taken.IsEmpty)
        {
            signal.Notify();
            try { await Task.Delay(TimeSpan.FromMilliseconds(10), limit.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"The outbox sender did not settle within {timeout}"); }
        }
    }

    // One outbox write at a time from this process on SQLite: concurrent writers would meet SQLITE_BUSY and its retry
    // sleeps; each write is one short UPDATE, so a queue of them is faster than a race. PostgreSQL takes them side by
    // side (each a commit of its own, a flush of the server's log): one at a time held two processes' fan-out at about
    // 90 a second.
    private readonly SemaphoreSlim _writes = new(WritersFor(configuration, options.Value), WritersFor(configuration, options.Value));

    /// <summary>Rows fetched and composed ahead: about half a second of sending, so an urgent row waits at most that long.</summary>
    private int QueueSize => Math.Clamp((int)(_options.GlobalPerSecond / 2), Math.Max(8, _options.MaxInFlight * 2), 500);

    private sealed record Work(OutboxMessage Row, IReadOnlyList<ChatLink> Chats, Message Message);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (_channels.Count == 0)
        {
            log.LogInformation("Outbox: no messenger is configured; notifications wait in the outbox");
            return;
        }

        using var sending = new CancellationTokenSource();
        await using var _ = stopping.Register(() => sending.CancelAfter(StopGrace));
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (await lease.TryAcquireAsync(stopping)) await DrainAsync(stopping, sending.Token);
                else await Task.Delay(_options.LeaseRetryInterval, clock, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                log.LogError(e, "Outbox: the sender failed; it starts again in a moment");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, CancellationToken.None);
            }
            finally
            {
                await lease.ReleaseAsync();
            }
        }
    }

    /// <summary>One term of holding the lease: rows are produced into a small queue that the senders drain.</summary>
    private async Task DrainAsync(CancellationToken stopping, CancellationToken sending)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var requeued = await scope.ServiceProvider.GetRequiredService<OutboxStore>().RequeueInterruptedAsync(stopping);
            if (requeued > 0) log.LogWarning("Outbox: {Count} row(s) were in flight when the last sender stopped; they go again", requeued);
        }

        using var term = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var queue = System.Threading.Channels.Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueSize) { SingleWriter = true });
        var senders = Enumerable.Range(0, _options.MaxInFlight).Select(_ => Task.Run(() => SendLoopAsync(queue.Reader, term.Token, sending))).ToList();
        try
        {
            var checkedAt = DateTimeOffset.MinValue;
            while (!stopping.IsCancellationRequested)
            {
                if (clock.GetUtcNow() - checkedAt > LeaseCheckEvery)
                {
                    if (!await lease.IsHeldAsync(stopping)) break;
                    checkedAt = clock.GetUtcNow();
                }

                var (work, idle) = await NextAsync(queue.Reader.Count, stopping);
                if (idle)
                {
                    // Only when nothing was due: a batch that was all cancelled or held (an announcement to a school where
                    // most families have no chat or no consent) goes straight on to the next, or the urgent rows behind
                    // it would wait a poll interval per batch.
                    Interlocked.Increment(ref _pollWaits);
                    await signal.WaitAsync(_options.PollInterval, stopping);
                    continue;
                }

                foreach (var w in work) await queue.Writer.WriteAsync(w, stopping);
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            await term.CancelAsync();
            await Task.WhenAll(senders);
            _taken.Clear();
        }
    }

    /// <summary>
    /// The next due rows: decided by the rules (held and cancelled ones are written at once) and composed. Idle: nothing
    /// was due (the only time the loop waits its poll interval); not idle with no work: the queue is full for now, or the
    /// whole batch was cancelled or held.
    /// </summary>
    private async Task<(List<Work> Work, bool Idle)> NextAsync(int queued, CancellationToken ct)
    {
        var room = QueueSize - queued;
        if (room < Math.Max(1, QueueSize / 4))
        {
            // The senders are busy: a short wait for room, not a poll interval (the queue holds half a second of sending).
            await Task.Delay(TimeSpan.FromMilliseconds(10), clock, ct);
            return ([], false);
        }

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await store.DueAsync(now, _taken.Keys.ToList(), room, ct);
        if (rows.Count == 0) return ([], true);

        var (facts, zones) = await store.FactsAsync(rows, now, ct);
        TimeZoneInfo ZoneOf(Guid school) => zones.GetValueOrDefault(school) ?? Bot.Domain.Schools.SchoolTime.Resolve(null);
        var running = _channels.Keys.ToHashSet();
        var toSend = new List<(OutboxMessage Row, IReadOnlyList<ChatLink> Chats)>();
        // Cancelled rows are written together, one UPDATE per reason: an announcement to a school where two families of
        // three cannot be reached would otherwise spend two of its writer's turns per message sent on them.
        var cancelled = new Dictionary<string, List<OutboxMessage>>();
        foreach (var row in rows)
        {
            var markRule = facts[row.Id].Rules.MarkAlerts;
            using var rowScope = RowScope(row);
            if (row.Kind == NotificationKind.MarkAlert && !markRule.Allows(MarkText(row.Payload)))
            {
                await WriteAsync(() => store.CancelAsync(row.Id, markRule.Reason, ct));
                metrics.Cancelled(row.Kind);
                continue;
            }

            switch (DeliveryRules.Decide(row, facts[row.Id], now, ZoneOf(row.SchoolId), running))
            {
                case DeliveryDecision.Send send: toSend.Add((row, send.Chats)); break;
                case DeliveryDecision.Hold hold:
                    await WriteAsync(() => store.HoldAsync(row.Id, hold.UntilUtc, hold.Reason, ct));
                    metrics.Held(row.Kind);
                    log.LogDebug("Outbox: row held until {Until:u}: {Reason}", hold.UntilUtc, hold.Reason);
                    break;
                case DeliveryDecision.Cancel cancel:
                    (cancelled.TryGetValue(cancel.Reason, out var same) ? same : cancelled[cancel.Reason] = []).Add(row);
                    log.LogDebug("Outbox: row cancelled: {Reason}", cancel.Reason);
                    break;
            }
        }

        foreach (var (reason, same) in cancelled)
        {
            await WriteAsync(() => store.CancelAsync(same.Select(r => r.Id).ToList(), reason, ct));
            foreach (var row in same) metrics.Cancelled(row.Kind);
        }

        var messages = await scope.ServiceProvider.GetRequiredService<OutboxComposer>().ComposeAsync(toSend.Select(s => s.Row).ToList(), ZoneOf, ct);
        var work = new List<Work>();
        foreach (var (row, chats) in toSend)
        {
            if (messages.GetValueOrDefault(row.Id) is not { Lines.Count: > 0 } message)
            {
                await WriteAsync(() => store.CancelAsync(row.Id, row.Kind == NotificationKind.AbsenceAlert ? OutboxComposer.NothingLeft : "nothing to send: the payload is not understood", ct));
                metrics.Cancelled(row.Kind);
                continue;
            }

            _taken.TryAdd(row.Id, 0);
            work.Add(new Work(row, chats, message));
        }

        return (work, false);
    }

    private async Task SendLoopAsync(ChannelReader<Work> queue, CancellationToken term, CancellationToken sending)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        try
        {
            await foreach (var work in queue.ReadAllAsync(term))
            {
                try
                {
                    await SendOneAsync(store, work, sending);
                }
                catch (OperationCanceledException) when (sending.IsCancellationRequested)
                {
                    return; // the row stays "sending": the next sender sends it again (ADR 0011)
                }
                catch (Exception e)
                {
                    log.LogError(e, "Outbox: row {Id} could not be recorded", work.Row.Id);
                }
                finally
                {
                    _taken.TryRemove(work.Row.Id, out _);
                }
            }
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
        }
    }

    private async Task SendOneAsync(OutboxStore store, Work work, CancellationToken sending)
    {
        var row = work.Row;
        using var rowScope = RowScope(row);
        if (!await WriteAsync(() => store.ClaimAsync(row.Id, sending))) return;

        var outcomes = new List<SendOutcome>();
        foreach (var chat in work.Chats)
        {
            using var chatScope = log.Scope(("Channel", chat.Channel), ("ChatId", chat.ChatId));
            try
            {
                outcomes.Add(await _channels[chat.Channel].SendAsync(chat.ChatId, work.Message, sending));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes.Add(new SendOutcome.Failed(e.Message));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = row.Attempts + 1;
        if (outcomes.Any(o => o is SendOutcome.Sent))
        {
            var viberToken = work.Chats.Zip(outcomes).Where(x => x.First.Channel == Bot.Domain.Audit.Channel.Viber)
                .Select(x => (x.Second as SendOutcome.Sent)?.MessageToken).FirstOrDefault(t => t is not null);
            await WriteAsync(() => store.SentAsync(row.Id, attempts, now, CancellationToken.None, viberToken));
            metrics.Sent(row.Kind);
            log.LogDebug("Outbox: row sent ({Kind}, attempt {Attempt}) to {Chats}", row.Kind, attempts, string.Join(", ", work.Chats.Select(c => $"{c.Channel} {c.ChatId}")));
        }
        else if (outcomes.All(o => o is SendOutcome.ChatGone))
        {
            var reasons = string.Join("; ", outcomes.OfType<SendOutcome.ChatGone>().Select(g => g.Reason).Distinct());
            await WriteAsync(() => store.FailedAsync(row.Id, attempts, dead: true, OutboxReasons.ChatGonePrefix + reasons, now, CancellationToken.None));
            metrics.Dead(row.Kind);
            log.LogInformation("Outbox: row dead, the chat is gone: {Reasons}", reasons);
        }
        else
        {
            var error = string.Join("; ", outcomes.OfType<SendOutcome.Failed>().Select(f => f.Reason).Distinct());
            var dead = attempts >= _options.MaxAttempts;
            await WriteAsync(() => store.FailedAsync(row.Id, attempts, dead, error, now + Backoff(attempts), CancellationToken.None));
            if (dead) metrics.Dead(row.Kind);
            else metrics.Failed(row.Kind);
            log.LogWarning("Outbox: row {Id} ({Kind}) failed, attempt {Attempt} of {Max}: {Error}", row.Id, row.Kind, attempts, _options.MaxAttempts, error);
        }
    }

    /// <summary>The log scope of one row: its school and outbox id (and, per send, the chat) ride on every line about it.</summary>
    private IDisposable? RowScope(OutboxMessage row) =>
        log.Scope(("SchoolId", row.SchoolId), ("OutboxId", row.Id));

    private async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        await _writes.WaitAsync(CancellationToken.None);
        try { return await write(); }
        finally { _writes.Release(); }
    }

    private async Task WriteAsync(Func<Task> write)
    {
        await _writes.WaitAsync(CancellationToken.None);
        try { await write(); }
        finally { _writes.Release(); }
    }

    private static string? MarkText(string payload) => OutboxPayloads.Read<MarkAlertPayload>(payload)?.Value;

    private static int WritersFor(IConfiguration configuration, DeliveryOptions options) =>
        JournalDatabase.ParseProvider(configuration["Database:Provider"]) == DatabaseProvider.PostgreSQL ? options.MaxInFlight + 1 : 1;

    /// <summary>1, 4, 16, 64 minutes..., at most six hours.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(360, Math.Pow(4, Math.Max(0, attempts - 1))));
}
