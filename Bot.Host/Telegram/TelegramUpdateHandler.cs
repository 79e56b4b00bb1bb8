using System.Globalization;
using Bot.Domain.Audit;
using Bot.Host.Channels;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
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
    TelegramClients clients,
    UpdateClaims claims,
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
        if (!await claims.ClaimAsync(Channel.Telegram, Id(update.Id), ct))
        {
            log.LogInformation("Telegram: update {UpdateId} was already processed; skipped", update.Id);
            return;
        }

        switch (update)
        {
            case { Message: { } message }:
                await OnMessageAsync(message, ct);
                break;
            case { CallbackQuery: { } query }:
                await OnCallbackQueryAsync(query, ct);
                break;
            default:
                log.LogDebug("Telegram: update {UpdateId} of type {Type} ignored", update.Id, update.Type);
                break;
        }
    }

    private async Task OnMessageAsync(TgMessage message, CancellationToken ct)
    {
        var chatId = message.Chat.Id;
        if (message.Chat.Type != ChatType.Private)
        {
            // In a group the bot sees commands only; answer those once, and stay quiet otherwise.
            if (message.Text?.StartsWith('/') == true) await sender.SendAsync(chatId, Conversation.Message.Text(PrivateChatsOnly), ct: ct);
            return;
        }

        if (message.Text is not { } text)
        {
            if (UserContent.Contains(message.Type)) await sender.SendAsync(chatId, Conversation.Message.Text(TextOnly), ct: ct);
            return;
        }

        var incoming = new Incoming(Channel.Telegram, Id(chatId), Id(message.From?.Id ?? chatId), text, DisplayName: DisplayName(message.From));
        var result = await ConverseAsync(incoming, ct);
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

    private async Task OnCallbackQueryAsync(CallbackQuery query, CancellationToken ct)
    {
        ConversationResult? result = null;
        var chat = query.Message?.Chat;
        try
        {
            if (query.Data is { } data && (chat is null || chat.Type == ChatType.Private))
            {
                var chatId = chat?.Id ?? query.From.Id;
                result = await ConverseAsync(new Incoming(Channel.Telegram, Id(chatId), Id(query.From.Id), null, data, DisplayName(query.From)), ct)
                    ?? new ConversationResult([], SomethingWentWrong);
            }
        }
        finally
        {
            await AnswerAsync(query, result?.Notice, ct);
        }

        if (result is { Replies.Count: > 0 }) await SendRepliesAsync(chat?.Id ?? query.From.Id, result.Replies, ct);
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
            log.LogError(e, "The conversation failed on a Telegram {Kind} in chat {ChatId}", incoming.IsButton ? "button" : "message", incoming.ChatId);
            return null;
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
