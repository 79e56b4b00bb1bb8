using System.Collections.Concurrent;
using System.Globalization;
using Bot.Host.Delivery;
using Message = Bot.Host.Conversation.Message;

namespace Bot.Host.Telegram;

/// <summary>
/// Edits of one message, coalesced (ADR 0034). Telegram takes about one message or edit a second in a private chat; a
/// teacher taps faster than that. An update hands the new screen of the pressed message here and returns at once (its
/// callback query is answered first, by <see cref="TelegramUpdateHandler"/>); one pump per message sends the edit when
/// the chat's slot opens, and reads the content to send only then, so a newer screen replaces one still waiting (for the
/// slot, or for a 429's `retry_after`) instead of queueing behind it. Nothing is lost: the pump runs until no screen is
/// pending, so the last screen handed in is always the last one sent. Screens carry a version (the update's id): one
/// older than a screen already taken for sending is not sent over it.
/// </summary>
public sealed class TelegramEditCoalescer(TelegramSender sender, ILogger<TelegramEditCoalescer> log) : IHostedService
{
    private const int PruneAbove = 1_000;

    private readonly ConcurrentDictionary<(long Chat, int MessageId), Slot> _slots = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Hands in the newest content of a message; the task ends when an edit carrying it (or a newer screen) was answered,
    /// with that edit's outcome. Callers that need not know (a press with no other reply) do not wait for it.
    /// </summary>
    public Task<SendOutcome> EditAsync(long chatId, int messageId, Message content, long version)
    {
        if (_slots.Count > PruneAbove) Prune();
        var done = new TaskCompletionSource<SendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slot = _slots.GetOrAdd((chatId, messageId), _ => new Slot());
        slot.Gate.Enter();
        while (slot.Retired)
        {
            // Pruned meanwhile: the message gets a new slot (one pump per message at any time).
            slot.Gate.Exit();
            slot = _slots.GetOrAdd((chatId, messageId), _ => new Slot());
            slot.Gate.Enter();
        }

        try
        {
            if (slot.Pending is not null)
            {
                if (version >= slot.PendingVersion) (slot.Pending, slot.PendingVersion) = (content, version);
                slot.PendingWaiters.Add(done);
            }
            else if (version <= slot.TakenVersion)
            {
                // Older than the screen already taken: that newer screen stands for it.
                if (slot.InFlightWaiters.Count == 0) return Task.FromResult<SendOutcome>(new SendOutcome.Sent(Id(chatId)));
                slot.InFlightWaiters.Add(done);
            }
            else
            {
                (slot.Pending, slot.PendingVersion) = (content, version);
                slot.PendingWaiters.Add(done);
            }

            if (slot.Pump is null || slot.Pump.IsCompleted)
            {
                var pumped = slot;
                slot.Pump = Task.Run(() => PumpAsync(chatId, messageId, pumped));
            }
        }
        finally
        {
            slot.Gate.Exit();
        }

        return done.Task;
    }

    /// <summary>Ends when nothing is pending or being sent for the chat (tests and the benchmark wait for the screen).</summary>
    public async Task IdleAsync(long chatId)
    {
        while (true)
        {
            var pumps = _slots.Where(s => s.Key.Chat == chatId).Select(s => { lock (s.Value.Gate) return s.Value.Pump; })
                .OfType<Task>().Where(t => !t.IsCompleted).ToList();
            if (pumps.Count == 0) return;
            await Task.WhenAll(pumps);
        }
    }

    private async Task PumpAsync(long chatId, int messageId, Slot slot)
    {
        while (true)
        {
            lock (slot.Gate)
            {
                if (slot.Pending is null)
                {
                    slot.Pump = null;
                    return;
                }
            }

            SendOutcome outcome;
            try
            {
                outcome = await sender.EditLatestAsync(chatId, messageId, () => Take(slot), _stopping.Token);
            }
            catch (Exception e)
            {
                log.LogError(e, "Telegram: editing message {MessageId} in chat {ChatId} failed", messageId, chatId);
                outcome = new SendOutcome.Failed(e.Message);
                if (_stopping.IsCancellationRequested)
                    lock (slot.Gate)
                    {
                        // Shutting down: what is still pending is given up (and said so), not retried in a loop.
                        slot.InFlightWaiters.AddRange(slot.PendingWaiters);
                        slot.PendingWaiters.Clear();
                        slot.Pending = null;
                    }
            }

            List<TaskCompletionSource<SendOutcome>> waiters;
            lock (slot.Gate)
            {
                waiters = slot.InFlightWaiters;
                slot.InFlightWaiters = [];
            }

            if (outcome is not SendOutcome.Sent) log.LogWarning("Telegram: the screen of message {MessageId} in chat {ChatId} was not delivered: {Outcome}", messageId, chatId, outcome);
            foreach (var waiter in waiters) waiter.TrySetResult(outcome);
        }
    }

    /// <summary>The newest screen, taken when the chat's slot has opened (each attempt, so a retry sends the newest too).</summary>
    private static Message Take(Slot slot)
    {
        lock (slot.Gate)
        {
            if (slot.Pending is { } pending)
            {
                (slot.Current, slot.TakenVersion) = (pending, slot.PendingVersion);
                slot.InFlightWaiters.AddRange(slot.PendingWaiters);
                slot.PendingWaiters.Clear();
                slot.Pending = null;
            }

            return slot.Current!;
        }
    }

    private void Prune()
    {
        foreach (var (key, slot) in _slots)
            lock (slot.Gate)
                if (slot.Pending is null && slot.Pump is null && _slots.TryRemove(key, out _)) slot.Retired = true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On shutdown the screens still pending are sent, for as long as the host gives; then the rest is cancelled.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pumps = _slots.Values.Select(s => { lock (s.Gate) return s.Pump; }).OfType<Task>().ToList();
        try
        {
            await Task.WhenAll(pumps).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("Telegram: stopping with {Count} message edits still pending", pumps.Count(p => !p.IsCompleted));
        }
        finally
        {
            await _stopping.CancelAsync();
        }
    }

    private static string Id(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);

    private sealed class Slot
    {
        public readonly Lock Gate = new();
        public Message? Pending;
        public long PendingVersion = long.MinValue;
        public List<TaskCompletionSource<SendOutcome>> PendingWaiters = [];
        public Message? Current;
        public long TakenVersion = long.MinValue;
        public List<TaskCompletionSource<SendOutcome>> InFlightWaiters = [];
        public Task? Pump;
        public bool Retired;
    }
}
