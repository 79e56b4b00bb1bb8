using System.Globalization;
using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Message = Bot.Host.Conversation.Message;

namespace Bot.Host.Telegram;

/// <summary>How a send is paced: a reply only per chat; a bulk send (the outbox) per chat and within the overall rate.</summary>
public enum SendPace
{
    Reply,
    Bulk,
}

/// <summary>
/// Sends messages within Telegram's limits and reacts to its answers: waits `retry_after` on 429 (every send waits, replies
/// too, unless the 429 was a group's own limit: <see cref="IsGroup"/>), retries network
/// failures with backoff, follows a group's move to a supergroup, and marks a chat's links inactive when the chat is
/// gone (blocked, deactivated, not found). Used for replies now and by the outbox delivery.
/// </summary>
public sealed class TelegramSender
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    private readonly TelegramClients _clients;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramSender> _log;
    private readonly SendPacer _pacer;

    /// <summary>Until when a 429 holds back every send (tests wait for the sender to have read the answer).</summary>
    internal DateTimeOffset PausedUntil => _pacer.PausedUntil;

    public TelegramSender(TelegramClients clients, IServiceScopeFactory scopes, TimeProvider time, IOptions<DeliveryOptions> delivery, ILogger<TelegramSender> log)
    {
        _clients = clients;
        _scopes = scopes;
        _time = time;
        _log = log;
        _pacer = new SendPacer(delivery.Value.PerChatPerSecond, delivery.Value.GlobalPerSecond, time);
    }

    /// <summary>Sends a neutral message as Telegram HTML, split on line boundaries; its buttons go with the last part.</summary>
    public async Task<SendOutcome> SendAsync(long chatId, Message message, SendPace pace = SendPace.Reply, CancellationToken ct = default)
    {
        var parts = TelegramHtml.RenderParts(message);
        var keyboard = Keyboard(message);
        SendOutcome outcome = new SendOutcome.Sent(Id(chatId));
        for (var i = 0; i < parts.Count; i++)
        {
            outcome = await SendHtmlAsync(chatId, parts[i], i == parts.Count - 1 ? keyboard : null, pace, ct);
            if (outcome is not SendOutcome.Sent sent) return outcome;
            chatId = long.Parse(sent.ChatId, CultureInfo.InvariantCulture);
        }

        if (message.Document is { } document)
            outcome = await SendWithRetriesAsync(chatId, pace, (client, id) =>
                client.SendDocument(id, InputFile.FromStream(new MemoryStream(document.Content), document.FileName), cancellationToken: ct), ct);
        return outcome;
    }

    /// <summary>
    /// Replaces a message the bot sent (a lesson flow's, ADR 0031) with a neutral message: `editMessageText` with its
    /// text and keyboard, paced like a reply (Telegram counts edits against the chat's rate). "message is not modified"
    /// (a double tap) is success. A message too long for one part, or one Telegram will no longer edit (gone, too old),
    /// is sent as a new message instead.
    /// </summary>
    public Task<SendOutcome> EditAsync(long chatId, int messageId, Message message, CancellationToken ct = default) =>
        EditLatestAsync(chatId, messageId, () => message, ct);

    /// <summary>
    /// <see cref="EditAsync"/> with the content read from <paramref name="latest"/> only once the chat's slot has opened,
    /// and again before each retry: a newer screen handed in while this one waited goes instead (ADR 0034).
    /// </summary>
    public async Task<SendOutcome> EditLatestAsync(long chatId, int messageId, Func<Message> latest, CancellationToken ct = default)
    {
        Message? taken = null;
        var outcome = await SendWithRetriesAsync(chatId, SendPace.Reply, async (client, id) =>
        {
            taken = latest();
            var parts = TelegramHtml.RenderParts(taken);
            if (parts.Count > 1 || taken.Document is not null) throw new NotEditable();
            var keyboard = Keyboard(taken) ?? new InlineKeyboardMarkup(Array.Empty<InlineKeyboardButton[]>());
            try
            {
                await client.EditMessageText(id, messageId, parts[0], ParseMode.Html, replyMarkup: keyboard, linkPreviewOptions: NoPreview, cancellationToken: ct);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                // The message already shows this (a double tap): done.
            }
        }, ct);
        if (outcome is SendOutcome.Failed { Reason: var failed } && (failed == NotEditable.Reason || failed.StartsWith("400", StringComparison.Ordinal)))
        {
            _log.LogInformation("Telegram: message {MessageId} in chat {ChatId} could not be edited ({Reason}); sent anew", messageId, chatId, failed);
            return await SendAsync(chatId, taken!, SendPace.Reply, ct);
        }

        return outcome;
    }

    /// <summary>A screen that is not one message part (too long, or a document): it goes as a new message.</summary>
    private sealed class NotEditable : Exception
    {
        public const string Reason = "not editable";
    }

    /// <summary>Sends one piece of Telegram HTML (already escaped, ≤ 4096 visible characters).</summary>
    public Task<SendOutcome> SendHtmlAsync(long chatId, string html, InlineKeyboardMarkup? keyboard, SendPace pace, CancellationToken ct) =>
        SendWithRetriesAsync(chatId, pace, (client, id) =>
            client.SendMessage(id, html, ParseMode.Html, replyMarkup: keyboard, linkPreviewOptions: NoPreview, cancellationToken: ct), ct);

    /// <summary>One call to a chat within the limits and Telegram's answers (429, a moved chat, a gone chat, network failures).</summary>
    private async Task<SendOutcome> SendWithRetriesAsync(long chatId, SendPace pace, Func<ITelegramBotClient, long, Task> send, CancellationToken ct)
    {
        var client = _clients.Create();
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitAsync(Id(chatId), pace == SendPace.Bulk, ct);
            TimeSpan wait;
            try
            {
                await send(client, chatId);
                _pacer.Answered(Id(chatId));
                return new SendOutcome.Sent(Id(chatId));
            }
            catch (NotEditable)
            {
                return new SendOutcome.Failed(NotEditable.Reason);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429)
            {
                // The pacer holds the next attempt back, and with it every send the pause covers.
                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                if (IsGroup(chatId))
                {
                    _pacer.PauseChat(Id(chatId), retryAfter);
                    _log.LogWarning("Telegram: too many requests to group {ChatId}, not writing to it for {Seconds} s", chatId, retryAfter.TotalSeconds);
                }
                else
                {
                    _pacer.PauseAll(retryAfter);
                    _log.LogWarning("Telegram: too many requests (at chat {ChatId}), every send waits {Seconds} s", chatId, retryAfter.TotalSeconds);
                }

                wait = TimeSpan.Zero;
            }
            catch (ApiRequestException e) when (e.Parameters?.MigrateToChatId is long movedTo)
            {
                _log.LogInformation("Telegram: chat {ChatId} moved to {NewChatId}", chatId, movedTo);
                await MoveLinksAsync(chatId, movedTo, ct);
                chatId = movedTo;
                wait = TimeSpan.Zero;
            }
            catch (ApiRequestException e) when (GoneReason(e) is { } reason)
            {
                _log.LogInformation("Telegram: chat {ChatId} is gone ({Reason}); its links are now inactive", chatId, reason);
                await DeactivateLinksAsync(chatId, reason, ct);
                return new SendOutcome.ChatGone(reason);
            }
            catch (ApiRequestException e) when (e.ErrorCode < 500)
            {
                _log.LogError("Telegram refused a message to chat {ChatId}: {Code} {Description}", chatId, e.ErrorCode, e.Message);
                return new SendOutcome.Failed($"{e.ErrorCode} {e.Message}");
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                wait = Backoff(attempt);
                _log.LogWarning("Telegram: sending to chat {ChatId} failed ({Error}); retrying in {Seconds} s", chatId, e.Message, wait.TotalSeconds);
            }

            if (attempt >= MaxAttempts) return new SendOutcome.Failed($"gave up after {attempt} attempts");
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct);
        }
    }

    /// <summary>
    /// A group or channel (Telegram's ids below zero). Its own limit (20 messages a minute) explains a 429 to it, which
    /// then pauses that chat only; to a person's chat the sender already keeps one message a second, so a 429 there is
    /// the bot's overall limit and pauses every send, replies and the outbox alike, for its `retry_after`.
    /// </summary>
    private static bool IsGroup(long chatId) => chatId < 0;

    public static InlineKeyboardMarkup? Keyboard(Message message) =>
        message.Buttons.Count == 0
            ? null
            : new InlineKeyboardMarkup(message.Buttons.Select(row => row.Select(b => b.Url is { } url
                ? InlineKeyboardButton.WithWebApp(b.Label, new WebAppInfo(url))
                : InlineKeyboardButton.WithCallbackData(b.Label, b.Data))));

    /// <summary>403 blocked / deactivated (or any other refusal to write), 400 chat not found: stop writing to the chat.</summary>
    private static string? GoneReason(ApiRequestException e) => e.ErrorCode switch
    {
        403 when e.Message.Contains("blocked", StringComparison.OrdinalIgnoreCase) => "blocked",
        403 when e.Message.Contains("deactivated", StringComparison.OrdinalIgnoreCase) => "deactivated",
        403 => Trim(e.Message),
        400 when e.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase) => "chat not found",
        _ => null,
    };

    /// <summary>Network failures, timeouts and Telegram's own 5xx pass; retry them.</summary>
    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException or HttpRequestException => true,
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan Backoff(int attempt)
    {
        var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }

    private async Task DeactivateLinksAsync(long chatId, string reason, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        var id = Id(chatId);
        var links = await db.ChatLinks.Where(l => l.Channel == Channel.Telegram && l.ChatId == id && l.IsActive).ToListAsync(ct);
        foreach (var link in links) link.Deactivate(reason, _time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task MoveLinksAsync(long chatId, long movedTo, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        var id = Id(chatId);
        var links = await db.ChatLinks.Where(l => l.Channel == Channel.Telegram && l.ChatId == id).ToListAsync(ct);
        foreach (var link in links) link.MoveTo(Id(movedTo));
        await db.SaveChangesAsync(ct);
    }

    private static string Trim(string text) => text.Length <= 100 ? text : text[..100];

    private static string Id(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);
}
