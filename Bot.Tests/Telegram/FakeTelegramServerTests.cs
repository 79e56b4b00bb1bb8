using Bot.Fakes;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Tests.Telegram;

/// <summary>The fake Bot API answers the real client library the way Telegram documents it; other tests lean on that.</summary>
public sealed class FakeTelegramServerTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private TelegramBotClient _client = null!;

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        _client = Client(FakeTelegramServer.Token);
    }

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    [Fact]
    public async Task GetUpdates_OffsetConfirms_AndALongPollReturnsWhenAnUpdateArrives()
    {
        var first = _telegram.UserSends(1, 1, "раз");
        Assert.Equal([first], (await _client.GetUpdates(timeout: 0)).Select(u => u.Id));

        var poll = _client.GetUpdates(offset: first + 1, timeout: 20);
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        var second = _telegram.UserSends(1, 1, "два");

        var updates = await poll.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("два", Assert.Single(updates).Message!.Text);
        Assert.Equal(second, updates[0].Id);
        Assert.Equal(1, _telegram.PendingUpdates);
    }

    [Fact]
    public async Task GetUpdates_WhileAWebhookIsSet_Is409()
    {
        await _client.SetWebhook("http://127.0.0.1:9/hook", secretToken: "abc");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.GetUpdates());

        Assert.Equal(409, error.ErrorCode);
        await _client.DeleteWebhook();
        Assert.Empty(await _client.GetUpdates());
    }

    [Fact]
    public async Task SetWebhook_RefusesABadSecret()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SetWebhook("https://school.example/hook", secretToken: "no spaces"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Null(_telegram.Webhook);
    }

    [Fact]
    public async Task SendMessage_RefusesTooLongText_BadHtml_AndOversizedCallbackData()
    {
        var tooLong = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(2, new string('я', 4097)));
        var badHtml = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(2, "a <br> b", ParseMode.Html));
        var badData = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _client.SendMessage(2, "ok", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Так", new string('ї', 33)))));

        Assert.Contains("message is too long", tooLong.Message);
        Assert.Contains("can't parse entities", badHtml.Message);
        Assert.Contains("BUTTON_DATA_INVALID", badData.Message);
        Assert.Empty(_telegram.Messages);
        var sent = await _client.SendMessage(2, new string('я', 4096));
        Assert.Equal(2, sent.Chat.Id);
    }

    [Fact]
    public async Task Limits_OneMessageASecondToAChat_And30Overall()
    {
        await _client.SendMessage(3, "перше");
        var perChat = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(3, "друге"));
        Assert.Equal(429, perChat.ErrorCode);
        Assert.Equal(1, perChat.Parameters?.RetryAfter);

        _telegram.Limits.GlobalPerSecond = 5;
        _telegram.Limits.RetryAfterSeconds = 7;
        for (var chat = 10; chat < 14; chat++) await _client.SendMessage(chat, "масово");
        var global = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(99, "забагато"));
        Assert.Equal(429, global.ErrorCode);
        Assert.Equal(7, global.Parameters?.RetryAfter);
    }

    [Fact]
    public async Task SendDocument_AndEditMessageText_AreRecorded()
    {
        await using var file = new MemoryStream("клас;учень\n7-А;Іваненко\n"u8.ToArray());
        await _client.SendDocument(4, InputFile.FromStream(file, "journal.csv"), caption: "<b>Журнал</b> 7-А", parseMode: ParseMode.Html);
        _telegram.Limits.PerChatPerSecond = 1000;
        var message = await _client.SendMessage(4, "Оцінка: 9");
        await _client.EditMessageText(4, message.Id, "Оцінка: <b>10</b>", ParseMode.Html);

        var document = Assert.Single(_telegram.Documents);
        Assert.Equal(("journal.csv", "Журнал 7-А"), (document.FileName, document.Caption));
        Assert.True(document.Length > 0);
        Assert.Equal("Оцінка: 10", Assert.Single(_telegram.MessagesTo(4)).PlainText);
        var unchanged = await Assert.ThrowsAsync<ApiRequestException>(() => _client.EditMessageText(4, message.Id, "Оцінка: <b>10</b>", ParseMode.Html));
        Assert.Contains("message is not modified", unchanged.Message);
    }

    [Fact]
    public async Task AnswerCallbackQuery_OnlyOnce_AndAtMost200Characters()
    {
        var query = _telegram.UserPresses(5, 5, "ok", messageId: 1);

        var tooLong = await Assert.ThrowsAsync<ApiRequestException>(() => _client.AnswerCallbackQuery(query, new string('а', 201)));
        await _client.AnswerCallbackQuery(query, "Готово");
        var again = await Assert.ThrowsAsync<ApiRequestException>(() => _client.AnswerCallbackQuery(query));

        Assert.Equal(400, tooLong.ErrorCode);
        Assert.Contains("query is too old", again.Message);
        Assert.Equal(new CallbackAnswer(query, "Готово", false), Assert.Single(_telegram.CallbackAnswers));
    }

    [Fact]
    public async Task SetMyCommands_ChecksNamesAndDescriptions()
    {
        await _client.SetMyCommands([new BotCommand("diary", "Щоденник")], BotCommandScope.Chat(6), "uk");
        var badName = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SetMyCommands([new BotCommand("Diary", "Щоденник")]));
        var badDescription = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SetMyCommands([new BotCommand("diary", new string('д', 257))]));

        Assert.Contains("BOT_COMMAND_INVALID", badName.Message);
        Assert.Contains("DESCRIPTION", badDescription.Message);
        var list = Assert.Single(_telegram.Commands);
        Assert.Equal(("chat", 6L, "uk"), (list.ScopeType, list.ScopeChatId, list.LanguageCode));
        Assert.Equal([("diary", "Щоденник")], list.Commands);
    }

    [Fact]
    public async Task WrongToken_Is401()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client("654321:OTHER").GetMe());

        Assert.Equal(401, error.ErrorCode);
    }

    private TelegramBotClient Client(string token) =>
        new(new TelegramBotClientOptions(token, baseUrl: _telegram.BaseUrl) { RetryThreshold = 0 });
}
