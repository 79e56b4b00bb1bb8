using System.Globalization;
using Bot.Domain.Audit;
using Bot.Host.Channels;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Host.Observability;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TgMessage = Telegram.Bot.Types.Message;

namespace Bot.Host.Telegram;

/// <summary>
/// Handles one update, whether it came by webhook or long polling: claims its `update_id` (so a redelivered update is
/// processed once), turns a private text message or a pressed button into an <see cref="Incoming"/>, asks the
/// conversation, sends the replies, and always answers a callback query.
/// </summary>
public sealed class TelegramUpdateHandler(
    IServiceScopeFactory scopes,
    TelegramSender sender,
    TelegramEditCoalescer edits,
    TelegramClients clients,
    DeferredReplies deferred,
    JournalMetrics metrics,
    ILogger<TelegramUpdateHandler> log)
{
    public const int MaxNoticeLength = 200;
    internal const string PrivateChatsOnly = "Я працюю лише в особистих повідомленнях: напишіть мені напряму.";
    internal const string TextOnly = ChannelTexts.TextOnly;
    internal const string SomethingWentWrong = ChannelTexts.SomethingWentWrong;

    private static readonly HashSet<MessageType> UserContent =
    [
        MessageType.Photo, MessageType.Document, MessageType.Sticker, MessageType.Voice, MessageType.Video,
        MessageType.VideoNote, MessageType.Audio, MessageType.Animation, MessageType.Contact, MessageType.Location,
    ];

    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        // Every line about the update carries its id and chat (the conversation adds the school once it knows the chat).
        using var logScope = log.Scope(("Channel", "Telegram"), ("UpdateId", update.Id), ("ChatId", ChatOf(update)));
        // One scope for the update: its claim rides in the same transaction as its first write (ADR 0020).
        await using var scope = scopes.CreateAsyncScope();
        var claim = scope.ServiceProvider.GetRequiredService<UpdateClaim>();
        if (!await claim.BeginAsync(Channel.Telegram, Id(update.Id), ct))
        {
            Skipped(update.Id);
            return;
        }

        metrics.UpdateHandled("telegram");
        var handled = new Handled(scope.ServiceProvider, claim, update.Id);
        switch (update)
        {
            case { Message: { } message }:
                await OnMessageAsync(handled, message, ct);
                break;
            case { CallbackQuery: { } query }:
                await OnCallbackQueryAsync(handled, query, ct);
                break;
            default:
                if (await claim.CompleteAsync(ct)) log.LogDebug("Telegram: update {UpdateId} of type {Type} ignored", update.Id, update.Type);
                break;
        }
    }

    internal static long? ChatOf(Update u) => u.Message?.Chat.Id ?? u.CallbackQuery?.Message?.Chat.Id ?? u.CallbackQuery?.From.Id;

    /// <summary>The update being handled: its scope and its claim.</summary>
    private sealed record Handled(IServiceProvider Services, UpdateClaim Claim, int UpdateId);

    private void Skipped(int updateId) => log.LogInformation("Telegram: update {UpdateId} was already processed; skipped", updateId);

    /// <summary>True when this delivery owns the update (its claim is committed); false (logged) when another delivery had it first.</summary>
    private async Task<bool> OwnsAsync(Handled handled, CancellationToken ct)
    {
        if (await handled.Claim.CompleteAsync(ct)) return true;
        Skipped(handled.UpdateId);
        return false;
    }

    private async Task OnMessageAsync(Handled handled, TgMessage message, CancellationToken ct)
    {
        var chatId = message.Chat.Id;
        if (message.Chat.Type != ChatType.Private)
        {
            // In a group the bot sees commands only; answer those once, and stay quiet otherwise.
            if (await OwnsAsync(handled, ct) && message.Text?.StartsWith('/') == true)
                await sender.SendAsync(chatId, Conversation.Message.Text(PrivateChatsOnly), ct: ct);
            return;
        }

        if (message.Text is not { } text)
        {
            if (await OwnsAsync(handled, ct) && UserContent.Contains(message.Type)) await sender.SendAsync(chatId, Conversation.Message.Text(TextOnly), ct: ct);
            return;
        }

        var incoming = new Incoming(Channel.Telegram, Id(chatId), Id(message.From?.Id ?? chatId), text, DisplayName: DisplayName(message.From));
        var (owned, result) = await ConverseAsync(handled, incoming, ct);
        if (!owned) return;
        if (result is { Delay.Ticks: > 0, Replies: var held })
        {
            // A wrong invite code's answer, held back by the brake (ADR 0042) without holding this update.
            _ = deferred.After(result.Delay, stop => SendRepliesAsync(chatId, held, stop));
            return;
        }

        await SendRepliesAsync(chatId, result?.Replies ?? [Conversation.Message.Text(SomethingWentWrong)], ct);
        if (result?.Commands is { } menu) await SetMenuAsync(chatId, menu, ct);
    }

    /// <summary>The person's own command menu in this chat (scope = chat), after they linked it.</summary>
    private async Task SetMenuAsync(long chatId, IReadOnlyList<(string Command, string Description)> menu, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TelegramCommands>().SetForChatAsync(chatId, menu, ct: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not set the command menu of chat {ChatId}", chatId);
        }
    }

    /// <summary>
    /// A pressed button (ADR 0031, 0034): the conversation writes (committed before anything is said), the query is
    /// answered at once — always, once, with the short confirmation as its toast; Telegram does not count a callback
    /// answer against the chat's one message a second — and the replacement of the pressed message goes to the
    /// coalescing sender, which edits it when the chat's slot opens (a newer screen replaces one still waiting). The
    /// update waits for that edit only when new messages follow it, so that they come after the screen.
    /// </summary>
    private async Task OnCallbackQueryAsync(Handled handled, CallbackQuery query, CancellationToken ct)
    {
        ConversationResult? result = null;
        Task<SendOutcome>? edited = null;
        var owned = true;
        var chat = query.Message?.Chat;
        var chatId = chat?.Id ?? query.From.Id;
        try
        {
            if (query.Data is { } data && (chat is null || chat.Type == ChatType.Private))
            {
                var incoming = new Incoming(Channel.Telegram, Id(chatId), Id(query.From.Id), null, data, DisplayName(query.From))
                {
                    PressedMessageId = query.Message is { } pressed ? Id(pressed.MessageId) : null,
                    CallbackId = query.Id,
                };
                (owned, result) = await ConverseAsync(handled, incoming, ct);
                result ??= new ConversationResult([], SomethingWentWrong);
                // Handed over, not awaited: the coalescing sender edits when the chat's slot opens.
                if (owned && result.Replace is { } replacement && query.Message is { } on)
                    edited = edits.EditAsync(chatId, on.MessageId, replacement, handled.UpdateId);
            }
            else
            {
                owned = await OwnsAsync(handled, ct);
            }
        }
        finally
        {
            // The other delivery answers the query; a query is answered once.
            if (owned) await AnswerAsync(query, result?.Notice, ct);
        }

        if (!owned || result is not { Replies.Count: > 0 })
        {
            if (owned && edited is null && result?.Replace is { } anew) await sender.SendAsync(chatId, anew, SendPace.Reply, ct);
            return;
        }

        // New messages come after the screen they follow.
        if (edited is not null && await edited is not SendOutcome.Sent) return;
        if (edited is null && result.Replace is { } alone && await sender.SendAsync(chatId, alone, SendPace.Reply, ct) is not SendOutcome.Sent) return;
        await SendRepliesAsync(chatId, result.Replies, ct);
    }

    /// <summary>
    /// The conversation's answer in the update's scope, null when it threw (logged; the person is told something went
    /// wrong); <c>Owned</c> false when another delivery of the same update committed its claim first (nothing to answer).
    /// </summary>
    private async Task<(bool Owned, ConversationResult? Result)> ConverseAsync(Handled handled, Incoming incoming, CancellationToken ct)
    {
        try
        {
            var result = await handled.Services.GetRequiredService<IConversation>().HandleAsync(incoming, ct);
            return (await OwnsAsync(handled, ct), result);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (await handled.Claim.IsTakenByAnotherAsync(ct))
            {
                Skipped(handled.UpdateId);
                return (false, null);
            }

            log.LogError(e, "The conversation failed on a Telegram {Kind} in chat {ChatId}", incoming.IsButton ? "button" : "message", incoming.ChatId);
            // At most once (ADR 0009): the update stays claimed, and the person is told.
            return (await OwnsAsync(handled, ct), null);
        }
    }

    private async Task SendRepliesAsync(long chatId, IReadOnlyList<Conversation.Message> replies, CancellationToken ct)
    {
        foreach (var reply in replies)
        {
            var outcome = await sender.SendAsync(chatId, reply, SendPace.Reply, ct);
            if (outcome is SendOutcome.Sent sent) chatId = long.Parse(sent.ChatId, CultureInfo.InvariantCulture);
            else return;
        }
    }

    /// <summary>Every callback query is answered (Telegram shows a spinner until then), with the notice if there is one.</summary>
    private async Task AnswerAsync(CallbackQuery query, string? notice, CancellationToken ct)
    {
        if (notice is { Length: > MaxNoticeLength }) notice = notice[..(MaxNoticeLength - 1)] + "…";
        try
        {
            await clients.Create().AnswerCallbackQuery(query.Id, notice, cancellationToken: ct);
        }
        catch (RequestException e)
        {
            log.LogWarning("Telegram: answering callback query {QueryId} failed: {Error}", query.Id, e.Message);
        }
    }

    private static string? DisplayName(User? user) => user is null
        ? null
        : string.Join(' ', new[] { user.FirstName, user.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : user.Username;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
