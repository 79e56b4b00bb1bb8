using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Host.Channels;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Host.Observability;
using Bot.Host.Telegram;
using Microsoft.Extensions.Options;
using Message = Bot.Host.Conversation.Message;

namespace Bot.Host.Viber;

/// <summary>What became of a callback, for the webhook's answer.</summary>
public abstract record ViberHandled
{
    public sealed record Done : ViberHandled;

    /// <summary>The JSON was sound but not a callback of its event (no sender on a message...): 400.</summary>
    public sealed record Malformed : ViberHandled;

    /// <summary>Answered to `conversation_started`: the one welcome message, in the response body.</summary>
    public sealed record Welcome(ViberMessage Message) : ViberHandled;

    public static readonly ViberHandled Ok = new Done();
    public static readonly ViberHandled Bad = new Malformed();
}

/// <summary>
/// Handles one verified callback: claims its `message_token` (Viber retries what was not answered), turns an opened
/// chat, a typed text or a pressed button into an <see cref="Incoming"/>, asks the conversation and sends the replies;
/// ends the links of a person who unsubscribed; acknowledges receipts and anything it does not know.
/// </summary>
public sealed class ViberUpdateHandler(
    IServiceScopeFactory scopes,
    ViberSender sender,
    UpdateClaims claims,
    DeferredReplies deferred,
    TimeProvider clock,
    IOptions<ViberOptions> options,
    JournalMetrics metrics,
    ILogger<ViberUpdateHandler> log)
{
    /// <summary>Opening the chat is not a subscription: until the person writes, Viber takes no message to them.</summary>
    public const string SubscribeHint = "Щоб отримувати сповіщення у Viber, надішліть боту будь-яке повідомлення або натисніть кнопку нижче.";

    public async Task<ViberHandled> HandleAsync(ViberCallback callback, CancellationToken ct)
    {
        using var logScope = log.Scope(("Channel", "Viber"), ("UpdateId", callback.MessageToken), ("ChatId", callback.UserId ?? callback.User?.Id));
        switch (callback.Event)
        {
            case "webhook":
                log.LogInformation("Viber: the webhook answered Viber's check");
                return ViberHandled.Ok;
            case "conversation_started":
                return await OnConversationStartedAsync(callback, ct);
            case "message":
                return await OnMessageAsync(callback, ct);
            case "subscribed":
                if (callback.User?.Id is not { Length: > 0 } subscriber) return ViberHandled.Bad;
                log.LogInformation("Viber: {UserId} subscribed", subscriber);
                return ViberHandled.Ok;
            case "unsubscribed":
                return await OnUnsubscribedAsync(callback, ct);
            case "seen":
                await OnSeenAsync(callback, ct);
                return ViberHandled.Ok;
            case "delivered":
                log.LogDebug("Viber: message {Token} {Event} by {UserId}", callback.MessageToken, callback.Event, callback.UserId);
                return ViberHandled.Ok;
            case "failed":
                // The outbox row records it once delivery sends through Viber; until then the log does.
                log.LogWarning("Viber: message {Token} to {UserId} failed: {Description}", callback.MessageToken, callback.UserId, callback.Description);
                return ViberHandled.Ok;
            default:
                log.LogDebug("Viber: callback {Event} ignored", callback.Event);
                return ViberHandled.Ok;
        }
    }

    /// <summary>
    /// The person opened the chat (a deep link's `context` carries an invite code): the conversation answers as to
    /// "/start &lt;code&gt;", and its replies go back as one welcome message — the only message Viber takes for someone
    /// who has not subscribed.
    /// </summary>
    private async Task<ViberHandled> OnConversationStartedAsync(ViberCallback callback, CancellationToken ct)
    {
        if (callback.User?.Id is not { Length: > 0 } userId) return ViberHandled.Bad;
        if (!await ClaimAsync(callback, ct)) return ViberHandled.Ok;

        var context = callback.Context?.Trim();
        var incoming = new Incoming(Channel.Viber, userId, userId, string.IsNullOrEmpty(context) ? "/start" : "/start " + context, DisplayName: callback.User.Name);
        var result = await ConverseAsync(incoming, ct);
        // The welcome is the webhook's answer and cannot come later: a wrong code's brake (ADR 0042) holds this request
        // only (Viber's other callbacks come on their own requests).
        if (result is { Delay.Ticks: > 0 }) await Task.Delay(result.Delay, clock, ct);
        var replies = result?.Replies is { Count: > 0 } r ? r : [Message.Text(ChannelTexts.SomethingWentWrong)];
        var note = callback.Subscribed != true && await IsLinkedAsync(userId, ct) ? SubscribeHint : null;
        return new ViberHandled.Welcome(ViberMessages.Welcome(replies, options.Value.SenderName.Trim(), note));
    }

    private async Task<ViberHandled> OnMessageAsync(ViberCallback callback, CancellationToken ct)
    {
        if (callback.Sender?.Id is not { Length: > 0 } userId || callback.Message is not { } message) return ViberHandled.Bad;
        if (!await ClaimAsync(callback, ct)) return ViberHandled.Ok;
        sender.PersonWrote(userId);

        if (message.Type != "text" || message.Text is not { } text)
        {
            await sender.SendAsync(userId, Message.Text(ChannelTexts.TextOnly), SendPace.Reply, ct);
            return ViberHandled.Ok;
        }

        var incoming = ViberTracking.IsButton(message.TrackingData, text)
            ? new Incoming(Channel.Viber, userId, userId, null, text, callback.Sender.Name)
            : new Incoming(Channel.Viber, userId, userId, text, DisplayName: callback.Sender.Name);
        var result = await ConverseAsync(incoming, ct);
        IReadOnlyList<Message> replies = result switch
        {
            null => [Message.Text(ChannelTexts.SomethingWentWrong)],
            { Replies.Count: 0, Replace: null, Notice: { } notice } => [Message.Text(notice)], // Viber has no pop-up notice: say it
            // Viber cannot edit: a replacement of the pressed message (the lesson flow, ADR 0031) is one new message with
            // the new keyboard, its buttons silent so the press itself does not show in the chat.
            _ => result.AllMessages,
        };
        if (result is { Delay.Ticks: > 0 })
        {
            // A wrong invite code's answer, held back by the brake (ADR 0042); the webhook is answered now.
            _ = deferred.After(result.Delay, stop => SendAllAsync(userId, replies, stop));
            return ViberHandled.Ok;
        }

        await SendAllAsync(userId, replies, ct);
        return ViberHandled.Ok;
    }

    private async Task SendAllAsync(string userId, IReadOnlyList<Message> replies, CancellationToken ct)
    {
        foreach (var reply in replies)
            if (await sender.SendAsync(userId, reply, SendPace.Reply, ct) is not SendOutcome.Sent) break;
    }

    private async Task<ViberHandled> OnUnsubscribedAsync(ViberCallback callback, CancellationToken ct)
    {
        if (callback.UserId is not { Length: > 0 } userId) return ViberHandled.Bad;
        if (!await ClaimAsync(callback, ct)) return ViberHandled.Ok;
        await using var scope = scopes.CreateAsyncScope();
        var ended = await scope.ServiceProvider.GetRequiredService<InviteService>().DeactivateChatAsync(Channel.Viber, userId, "unsubscribed", ct);
        log.LogInformation("Viber: {UserId} unsubscribed; {Count} link(s) now inactive", userId, ended);
        return ViberHandled.Ok;
    }

    /// <summary>
    /// Viber's <c>seen</c> of one of the outbox's messages (ADR 0045): the row is found by the token kept when it was sent; an
    /// announcement that asks for acknowledgement is then "переглянуто" for its guardian. Anything else seen changes nothing.
    /// </summary>
    private async Task OnSeenAsync(ViberCallback callback, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(callback.MessageToken)) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Bot.Domain.Persistence.JournalDbContext>();
        var token = callback.MessageToken;
        var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Outbox.Where(o => o.ViberToken == token && o.Kind == Bot.Domain.Notifications.NotificationKind.Announcement
                                 && o.RecipientKind == Bot.Domain.Notifications.RecipientKind.Guardian), ct);
        if (row?.SourceId is not { } announcementId) return;
        var at = callback.Timestamp > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(callback.Timestamp).UtcDateTime : clock.GetUtcNow().UtcDateTime;
        var seen = await new Bot.Domain.Notifications.AcknowledgementService(db, clock).SeenAsync(announcementId, row.RecipientId, at, ct);
        log.LogDebug("Viber: announcement {Announcement} seen by guardian {Guardian} (recorded: {Seen})", announcementId, row.RecipientId, seen);
    }

    /// <summary>
    /// Once per `message_token`; a callback without one (Viber always sends it) is handled as it comes. A repeat of Viber's
    /// (same token) is skipped, and the update is counted once, when claimed.
    /// </summary>
    private async Task<bool> ClaimAsync(ViberCallback callback, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(callback.MessageToken) || await claims.ClaimAsync(Channel.Viber, callback.MessageToken, ct))
        {
            metrics.UpdateHandled("viber");
            return true;
        }

        log.LogInformation("Viber: callback {Event} {Token} was already processed; skipped", callback.Event, callback.MessageToken);
        return false;
    }

    /// <summary>The conversation's answer, or null when it threw (logged; the person is told something went wrong).</summary>
    private async Task<ConversationResult?> ConverseAsync(Incoming incoming, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IConversation>().HandleAsync(incoming, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "The conversation failed on a Viber {Kind} from {UserId}", incoming.IsButton ? "button" : "message", incoming.ChatId);
            return null;
        }
    }

    private async Task<bool> IsLinkedAsync(string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<InviteService>().LinksOfChatAsync(Channel.Viber, userId, ct)).Count > 0;
    }
}
