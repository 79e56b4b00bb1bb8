using Bot.Host.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Bot.Host.Telegram;

/// <summary>
/// Who may long-poll. Telegram serves `getUpdates` to one consumer per bot, so with several processes one of them
/// must hold a lease (docs/architecture.md "Processes": a PostgreSQL advisory lock). The default is the single process itself.
/// </summary>
public interface ITelegramPollingLease
{
    /// <summary>Waits until this process may poll; the turn says when the lease is lost, and disposing gives it back.</summary>
    Task<IPollingTurn> AcquireAsync(CancellationToken ct);
}

/// <summary>A term of holding the polling lease.</summary>
public interface IPollingTurn : IAsyncDisposable
{
    /// <summary>Cancelled when the lease is lost (the lock's connection died): stop polling and wait for the lease again.</summary>
    CancellationToken Lost { get; }
}

internal sealed class SingleProcessPollingLease : ITelegramPollingLease, IPollingTurn
{
    public Task<IPollingTurn> AcquireAsync(CancellationToken ct) => Task.FromResult<IPollingTurn>(this);

    public CancellationToken Lost => CancellationToken.None;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// PostgreSQL: the advisory lock <see cref="Key"/> (<see cref="PostgresAdvisoryLock"/>). A process without it tries again
/// every `Telegram:PollingLeaseInterval`; the holder checks its lock's connection as often and stops polling when it is
/// gone. Takeover after the holder dies: its connection closes with it, so the lock is free at once, and a waiting process
/// takes it at its next try (at most one interval) and polls; Telegram ends the dead process's open `getUpdates`.
/// </summary>
public sealed class PostgresPollingLease(string connectionString, TimeSpan interval, TimeProvider time, ILogger<PostgresPollingLease> log)
    : ITelegramPollingLease
{
    /// <summary>"tgpoll" in ASCII, beside the outbox sender's "outbox" in `pg_locks`.</summary>
    public const long Key = 0x7467706F6C6C;

    private readonly PostgresAdvisoryLock _lock = new(connectionString, Key, "Telegram polling", log);
    private readonly TimeSpan _interval = interval;
    private readonly TimeProvider _time = time;

    /// <summary>The holder's backend process id (tests end it to play a dead holder).</summary>
    public int? BackendProcessId => _lock.BackendProcessId;

    public async Task<IPollingTurn> AcquireAsync(CancellationToken ct)
    {
        var waiting = false;
        while (!await _lock.TryAcquireAsync(ct))
        {
            if (!waiting) log.LogInformation("Telegram: another process polls; this one takes over if it stops");
            waiting = true;
            await Task.Delay(_interval, _time, ct);
        }

        return new Turn(this);
    }

    private sealed class Turn : IPollingTurn
    {
        private readonly PostgresPollingLease _lease;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _done = new();
        private readonly Task _watch;

        public Turn(PostgresPollingLease lease)
        {
            _lease = lease;
            _watch = Task.Run(WatchAsync);
        }

        public CancellationToken Lost => _lost.Token;

        private async Task WatchAsync()
        {
            try
            {
                while (!_done.IsCancellationRequested)
                {
                    await Task.Delay(_lease._interval, _lease._time, _done.Token);
                    if (await _lease._lock.IsHeldAsync(_done.Token)) continue;
                    await _lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (_done.IsCancellationRequested)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _done.CancelAsync();
            await _watch;
            await _lease._lock.ReleaseAsync();
            _lost.Dispose();
            _done.Dispose();
        }
    }
}

/// <summary>
/// Long polling (no `Telegram:WebhookUrl`): `deleteWebhook` once, then `getUpdates` with the offset of the last update
/// seen. A batch is handled chat by chat in parallel, each chat's updates in order. Network failures back off and
/// retry; shutdown cancels the open poll.
/// </summary>
internal sealed class TelegramPolling(
    ITelegramPollingLease lease,
    TelegramClients clients,
    TelegramUpdateHandler handler,
    TimeProvider time,
    ILogger<TelegramPolling> log) : BackgroundService
{
    public const int PollSeconds = 25;
    public const int BatchLimit = 100;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var client = clients.Create();
        while (!stop.IsCancellationRequested)
        {
            IPollingTurn turn;
            try { turn = await lease.AcquireAsync(stop); }
            catch (OperationCanceledException) { break; }

            await using (turn)
            {
                using var polling = CancellationTokenSource.CreateLinkedTokenSource(stop, turn.Lost);
                await PollAsync(client, polling.Token);
            }

            if (!stop.IsCancellationRequested) log.LogWarning("Telegram: the polling lease was lost; polling stops until it is taken again");
        }
    }

    /// <summary>One term of polling, until <paramref name="stop"/> (shutdown or a lost lease).</summary>
    private async Task PollAsync(ITelegramBotClient client, CancellationToken stop)
    {
        var failures = 0;
        var webhookDeleted = false;
        int? offset = null;
        log.LogInformation("Telegram: long polling");
        while (!stop.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                if (!webhookDeleted) await client.DeleteWebhook(dropPendingUpdates: false, stop);
                webhookDeleted = true;
                updates = await client.GetUpdates(offset, BatchLimit, PollSeconds, TelegramStartup.AllowedUpdates, stop);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RequestException or HttpRequestException or OperationCanceledException)
            {
                // 409: a webhook is set (delete it again) or another process polls; otherwise the network or Telegram failed.
                if (e is ApiRequestException { ErrorCode: 409 }) webhookDeleted = false;
                var wait = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures++)));
                log.LogWarning("Telegram: getUpdates failed ({Error}); retrying in {Seconds} s", e.Message, wait.TotalSeconds);
                try { await Task.Delay(wait, time, stop); }
                catch (OperationCanceledException) { break; }
                continue;
            }

            if (updates.Length == 0) continue;
            offset = updates.Max(u => u.Id) + 1;
            await Task.WhenAll(updates.GroupBy(ChatOf).Select(chat => HandleInOrderAsync(chat, stop)));
        }
    }

    private async Task HandleInOrderAsync(IEnumerable<Update> updates, CancellationToken stop)
    {
        foreach (var update in updates)
        {
            try
            {
                await handler.HandleAsync(update, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogError(e, "Telegram: update {UpdateId} failed", update.Id);
            }
        }
    }

    private static long ChatOf(Update u) => TelegramUpdateHandler.ChatOf(u) ?? 0;
}
