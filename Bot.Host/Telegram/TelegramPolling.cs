using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Bot.Host.Telegram;

/// <summary>
/// Who may long-poll. Telegram serves `getUpdates` to one consumer per bot, so with several processes one of them
/// must hold a lease (DESIGN.md "Scale-out": a PostgreSQL advisory lock). The default is the single process itself.
/// </summary>
public interface ITelegramPollingLease
{
    /// <summary>Waits until this process may poll; disposing gives the turn back.</summary>
    Task<IAsyncDisposable> AcquireAsync(CancellationToken ct);
}

internal sealed class SingleProcessPollingLease : ITelegramPollingLease, IAsyncDisposable
{
    public Task<IAsyncDisposable> AcquireAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
        await using var turn = await lease.AcquireAsync(stop);
        var client = clients.Create();
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

    private static long ChatOf(Update u) => u.Message?.Chat.Id ?? u.CallbackQuery?.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? 0;
}
