using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bot.Fakes;

/// <summary>
/// Updates: queued by the users' side, handed out by `getUpdates` (an offset confirms what came before it; a long
/// poll returns as soon as something arrives; a second poller ends the first with 409) or, while a webhook is set,
/// posted to it with the secret header (non-2xx retried a few times). `getUpdates` answers 409 while a webhook is set.
/// </summary>
public sealed partial class FakeTelegramServer
{
    public const int WebhookAttempts = 3;

    private readonly List<JsonObject> _pending = [];
    private readonly List<WebhookDelivery> _deliveries = [];
    private TaskCompletionSource _updateArrived = NewSignal();
    private CancellationTokenSource? _currentPoll;
    private WebhookState? _webhook;
    private int _nextUpdateId = 1000;
    private HttpClient _webhookHttp = null!;
    private Task _delivery = Task.CompletedTask;

    public WebhookState? Webhook
    {
        get { lock (_gate) return _webhook; }
    }

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries
    {
        get { lock (_gate) return _deliveries.ToList(); }
    }

    /// <summary>Updates not yet confirmed (by an offset) or delivered (to the webhook).</summary>
    public int PendingUpdates
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Sets a webhook as if the bot had (tests of a bot that must find and delete it).</summary>
    public void SetWebhookForTest(string url, string? secret = null)
    {
        lock (_gate) _webhook = new WebhookState(url, secret, [], false);
    }

    private int Enqueue(Func<int, JsonObject> update)
    {
        lock (_gate)
        {
            var id = ++_nextUpdateId;
            _pending.Add(update(id));
            _updateArrived.TrySetResult();
            _updateArrived = NewSignal();
            return id;
        }
    }

    private async Task<JsonNode> GetUpdatesAsync(FakeTelegramRequest request, CancellationToken aborted)
    {
        var offset = request.Long("offset");
        var limit = Math.Clamp((int)(request.Long("limit") ?? 100), 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, request.Long("timeout") ?? 0));
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        Task arrived;
        lock (_gate)
        {
            if (_webhook is not null) throw new FakeApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            _currentPoll?.Cancel();
            _currentPoll = null;
            if (offset is { } confirmed) _pending.RemoveAll(u => (int)u["update_id"]! < confirmed);
            if (_pending.Count > 0 || timeout == TimeSpan.Zero) return Take(limit);
            _currentPoll = poll;
            arrived = _updateArrived.Task;
        }

        try
        {
            await arrived.WaitAsync(timeout, poll.Token);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            throw new FakeApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        }
        finally
        {
            lock (_gate)
                if (_currentPoll == poll) _currentPoll = null;
        }

        lock (_gate) return _webhook is null ? Take(limit) : new JsonArray();
    }

    private JsonArray Take(int limit) => new(_pending.Take(limit).Select(u => (JsonNode)u.DeepClone()).ToArray());

    private JsonNode SetWebhook(FakeTelegramRequest request)
    {
        var url = request.String("url");
        if (string.IsNullOrEmpty(url)) return DeleteWebhook(request);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw FakeApiError.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        // Telegram wants HTTPS on ports 443, 80, 88 or 8443; the fake also takes http on 127.0.0.1, where tests listen.
        if (uri.Scheme == "http" && !uri.IsLoopback) throw FakeApiError.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        var secret = request.String("secret_token");
        if (secret is not null && !Regex.IsMatch(secret, "^[A-Za-z0-9_-]{1,256}$"))
            throw FakeApiError.BadRequest("bad webhook: Secret token contains unallowed characters");
        var allowed = request.Json("allowed_updates") is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [];
        var drop = request.Bool("drop_pending_updates");
        lock (_gate)
        {
            _webhook = new WebhookState(url, secret, allowed, drop);
            if (drop) _pending.Clear();
            _currentPoll?.Cancel();
            _updateArrived.TrySetResult();
            _updateArrived = NewSignal();
        }

        return JsonValue.Create(true);
    }

    private JsonNode DeleteWebhook(FakeTelegramRequest request)
    {
        lock (_gate)
        {
            _webhook = null;
            if (request.Bool("drop_pending_updates")) _pending.Clear();
        }

        return JsonValue.Create(true);
    }

    private JsonNode GetWebhookInfo()
    {
        lock (_gate)
            return new JsonObject
            {
                ["url"] = _webhook?.Url ?? "",
                ["has_custom_certificate"] = false,
                ["pending_update_count"] = _pending.Count,
                ["allowed_updates"] = _webhook is null ? null : new JsonArray(_webhook.AllowedUpdates.Select(x => (JsonNode?)x).ToArray()),
            };
    }

    /// <summary>Posts pending updates, oldest first, to the webhook while one is set, as Telegram does.</summary>
    private async Task DeliverToWebhookAsync()
    {
        var stop = _stopping.Token;
        while (!stop.IsCancellationRequested)
        {
            JsonObject? next;
            WebhookState? webhook;
            Task arrived;
            lock (_gate)
            {
                webhook = _webhook;
                next = webhook is not null && _pending.Count > 0 ? _pending[0] : null;
                arrived = _updateArrived.Task;
            }

            if (next is null || webhook is null)
            {
                try { await arrived.WaitAsync(TimeSpan.FromMilliseconds(200), stop); }
                catch (TimeoutException) { }
                catch (OperationCanceledException) { return; }
                continue;
            }

            var id = (int)next["update_id"]!;
            for (var attempt = 1; attempt <= WebhookAttempts; attempt++)
            {
                var status = await PostAsync(webhook, next, stop);
                lock (_gate) _deliveries.Add(new WebhookDelivery(id, status));
                if (status is >= 200 and < 300) break;
                try { await Task.Delay(50 * attempt, stop); }
                catch (OperationCanceledException) { return; }
            }

            lock (_gate) _pending.Remove(next);
        }
    }

    private async Task<int> PostAsync(WebhookState webhook, JsonObject update, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = JsonContent.Create(update) };
        if (webhook.SecretToken is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", webhook.SecretToken);
        try
        {
            using var response = await _webhookHttp.SendAsync(request, stop);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return 0;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
