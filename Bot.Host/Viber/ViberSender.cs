using System.Collections.Concurrent;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Host.Delivery;
using Bot.Host.Telegram;
using Microsoft.Extensions.Options;
using Message = Bot.Host.Conversation.Message;

namespace Bot.Host.Viber;

/// <summary>
/// Sends neutral messages to a Viber user and judges every answer by its `status` (<see cref="ViberStatuses.Kind"/>):
/// 5/6 end the person's links ("not registered", "not subscribed"); 12 — too many messages without a reply — backs
/// off from that person (5 minutes, doubling to an hour, until they write again); 7 and the other account faults
/// pause all sending and alert the administrators without touching anyone's links; network failures and 5xx are
/// retried with backoff. The same <see cref="SendOutcome"/> as <see cref="TelegramSender"/>, so the outbox delivery
/// takes either.
/// </summary>
public sealed class ViberSender
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan FirstTooManyBackoff = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxTooManyBackoff = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ViberClient _client;
    private readonly ViberAccountState _account;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<ViberSender> _log;
    private readonly SendPacer _pacer;
    private readonly string _senderName;
    private readonly ConcurrentDictionary<string, TooMany> _tooMany = new();
    private readonly Files.SignedFileLinks? _links;

    public ViberSender(
        ViberClient client, ViberAccountState account, IServiceScopeFactory scopes, TimeProvider time,
        IOptions<ViberOptions> options, IOptions<DeliveryOptions> delivery, ILogger<ViberSender> log, Files.SignedFileLinks? links = null)
    {
        _links = links;
        _client = client;
        _account = account;
        _scopes = scopes;
        _time = time;
        _log = log;
        _senderName = options.Value.SenderName.Trim();
        _pacer = new SendPacer(delivery.Value.PerChatPerSecond, delivery.Value.GlobalPerSecond, time);
    }

    /// <summary>Sends a message as Viber text in parts of at most 7000 characters; its keyboard goes with the last part.</summary>
    public async Task<SendOutcome> SendAsync(string userId, Message message, SendPace pace = SendPace.Reply, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        SendOutcome outcome = new SendOutcome.Sent(userId);
        foreach (var part in ViberMessages.Compose(userId, WithDocumentLink(message), _senderName))
        {
            outcome = await SendPartAsync(part, pace, ct);
            if (outcome is not SendOutcome.Sent) return outcome;
        }

        return outcome;
    }

    /// <summary>
    /// Viber takes files by URL only: a message's document becomes a line with a signed link that expires within a day
    /// (<see cref="Files.SignedFileLinks"/>), or a note that the file comes in Telegram or the panel when no link can be made.
    /// </summary>
    private Message WithDocumentLink(Message message)
    {
        if (message.Document is not { LinkPath: { } path }) return message;
        var copy = new Message();
        foreach (var line in message.Lines) copy.Line([.. line]);
        copy.Blank();
        if (_links?.Create(path) is { } link)
        {
            // The school's default zone (Europe/Kyiv): the hour a parent reads is theirs, not UTC.
            var until = TimeZoneInfo.ConvertTime(link.Expires, TimeZoneInfo.FindSystemTimeZoneById(Bot.Domain.Schools.SchoolTime.DefaultTimeZone));
            copy.Line(new Conversation.Span.Plain($"Звіт у PDF (посилання діє до {until:dd.MM HH:mm}): "), new Conversation.Span.Link(link.Url, link.Url));
        }
        else
            copy.Line("Звіт у PDF надсилається в Telegram або видається в школі.");
        foreach (var row in message.Buttons) copy.ButtonRow([.. row]);
        return copy;
    }

    /// <summary>The person wrote to the bot: Viber counts messages "without a reply" afresh, so the backoff ends.</summary>
    public void PersonWrote(string userId) => _tooMany.TryRemove(userId, out _);

    /// <summary>Until when sending to this person waits after status 12, if it does.</summary>
    public DateTimeOffset? BackingOffUntil(string userId) =>
        _tooMany.TryGetValue(userId, out var b) && b.Until > _time.GetUtcNow() ? b.Until : null;

    /// <summary>One `send_message` body (≤ 7000 characters), with its receiver.</summary>
    public async Task<SendOutcome> SendPartAsync(ViberMessage message, SendPace pace, CancellationToken ct)
    {
        var userId = message.Receiver ?? throw new ArgumentException("A message to send needs its receiver.", nameof(message));
        if (_account.IsDown(out var why)) return new SendOutcome.Failed(why);
        if (BackingOffUntil(userId) is { } until) return new SendOutcome.Failed($"too many messages to this person without a reply; waiting until {until:HH:mm} UTC");

        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitAsync(userId, pace == SendPace.Bulk, ct);
            ViberSendResponse answer;
            try
            {
                answer = await _client.SendMessageAsync(message, ct);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                if (attempt >= MaxAttempts) return new SendOutcome.Failed($"gave up after {attempt} attempts: {e.Message}");
                var wait = Backoff(attempt);
                _log.LogWarning("Viber: sending to {UserId} failed ({Error}); retrying in {Seconds} s", userId, e.Message, wait.TotalSeconds);
                await Task.Delay(wait, _time, ct);
                continue;
            }

            return await JudgeAsync(userId, answer, ct);
        }
    }

    private async Task<SendOutcome> JudgeAsync(string userId, ViberSendResponse answer, CancellationToken ct)
    {
        switch (answer.Status.Kind())
        {
            case ViberStatusKind.Ok:
                _account.MarkUp();
                _tooMany.TryRemove(userId, out _);
                return new SendOutcome.Sent(userId, answer.MessageToken);
            case ViberStatusKind.ReceiverGone:
                var reason = answer.Status.GoneReason();
                _log.LogInformation("Viber: {UserId} cannot be written to ({Reason}); their links are now inactive", userId, reason);
                await DeactivateLinksAsync(userId, reason, ct);
                return new SendOutcome.ChatGone(reason);
            case ViberStatusKind.TooManyRequests:
                var backoff = _tooMany.AddOrUpdate(userId,
                    _ => new TooMany(_time.GetUtcNow() + FirstTooManyBackoff, FirstTooManyBackoff),
                    (_, was) => Next(was));
                _log.LogWarning("Viber: too many messages to {UserId} without a reply (12); not sending to them until {Until:u}", userId, backoff.Until);
                return new SendOutcome.Failed($"too many messages to this person without a reply (12); waiting until {backoff.Until:HH:mm} UTC");
            case ViberStatusKind.AccountDown:
                _account.MarkDown(answer.Status, answer.StatusMessage);
                return new SendOutcome.Failed($"the bot's Viber account cannot send ({answer})");
            case ViberStatusKind.AccountBilling:
                _account.MarkBilling(answer.Status, answer.StatusMessage);
                return new SendOutcome.Failed($"Viber refused a paid message ({answer})");
            case ViberStatusKind.ReceiverUnavailable:
                _log.LogInformation("Viber: {UserId} has no device that can receive now ({Answer})", userId, answer);
                return new SendOutcome.Failed($"no suitable device now ({answer})");
            default:
                _log.LogError("Viber refused a message to {UserId}: {Answer}", userId, answer);
                return new SendOutcome.Failed(answer.ToString());
        }
    }

    private TooMany Next(TooMany was)
    {
        var step = was.Step * 2 < MaxTooManyBackoff ? was.Step * 2 : MaxTooManyBackoff;
        return new TooMany(_time.GetUtcNow() + step, step);
    }

    /// <summary>Network failures, timeouts, HTTP errors and answers that are not Viber's JSON may pass; retry them.</summary>
    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        HttpRequestException => true,
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan Backoff(int attempt)
    {
        var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }

    private async Task DeactivateLinksAsync(string userId, string reason, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InviteService>().DeactivateChatAsync(Channel.Viber, userId, reason, ct);
    }

    private sealed record TooMany(DateTimeOffset Until, TimeSpan Step);
}
