using Bot.Domain.Audit;
using Bot.Host.Conversation;
using Bot.Host.Telegram;
using Bot.Fakes;

namespace Bot.Tests.Telegram;

/// <summary>Long polling (no webhook URL) end to end: Bot.Host polls the fake Telegram, asks the conversation, replies.</summary>
public sealed class LongPollingTests : IAsyncLifetime
{
    private TelegramTestHost _host = null!;
    private FakeTelegramServer Telegram => _host.Telegram;

    public async Task InitializeAsync() => _host = await TelegramTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UserMessage_ReachesTheConversation_AndTheReplyArrivesInTheChat()
    {
        var updateId = Telegram.UserSends(chatId: 5001, userId: 5001, "привіт", firstName: "Оксана");

        var replies = await Telegram.WaitForMessagesAsync(5001);

        var reply = Assert.Single(replies);
        Assert.Equal("Ви написали: привіт", reply.PlainText);
        Assert.Equal("HTML", reply.ParseMode, ignoreCase: true);
        var incoming = Assert.Single(_host.Conversation.Received);
        Assert.Equal(new Incoming(Channel.Telegram, "5001", "5001", "привіт", null, "Оксана"), incoming);
        Assert.Contains(await _host.ProcessedUpdatesAsync(), p => p.Channel == Channel.Telegram && p.UpdateId == updateId.ToString());
        Assert.NotEmpty(Telegram.CallsOf("deleteWebhook"));
    }

    [Fact]
    public async Task UserText_WithHtml_ArrivesEscaped_AndReadsAsTyped()
    {
        Telegram.UserSends(5002, 5002, "<b>жирний</b> & <script>");

        var reply = Assert.Single(await Telegram.WaitForMessagesAsync(5002));

        Assert.Equal("Ви написали: <b>жирний</b> & <script>", reply.PlainText);
        Assert.Contains("&lt;b&gt;жирний&lt;/b&gt; &amp; &lt;script&gt;", reply.Text);
    }

    [Fact]
    public async Task LongReply_IsSplitOnLineBoundaries_WithTheKeyboardOnTheLastPart()
    {
        var lines = Enumerable.Range(1, 100).Select(i => $"{i:000}. Іваненко Петро — алгебра 10, геометрія 9, фізика 11").ToList();
        Assert.True(string.Join("\n", lines).Length > 5000);
        _host.Conversation.Respond = _ =>
        {
            var m = new Message();
            foreach (var line in lines) m.Line(line);
            return ConversationResult.Of(m.ButtonRow(new Button("Далі", "page:2")));
        };

        Telegram.UserSends(5003, 5003, "/marks");
        var parts = await Telegram.WaitForMessagesAsync(5003, 2);
        await Task.Delay(200);

        Assert.Equal(2, Telegram.MessagesTo(5003).Count);
        Assert.All(parts, p => Assert.True(p.PlainText.Length <= 4096));
        Assert.Equal(string.Join("\n", lines), string.Join("\n", parts.Select(p => p.PlainText)));
        Assert.False(parts[0].HasKeyboard);
        var button = Assert.Single(Assert.Single(parts[1].Keyboard));
        Assert.Equal(new FakeButton("Далі", "page:2"), button);
    }

    [Fact]
    public async Task PressedButton_ReachesTheConversationAsButtonData_AndIsAnsweredWithTheNotice()
    {
        _host.Conversation.Respond = i => new ConversationResult([Message.Text("Обрано: " + i.ButtonData)], "Збережено");

        var query = Telegram.UserPresses(5004, 5004, "mark:7A:10", messageId: 42);
        await Telegram.WaitForMessagesAsync(5004);
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.CallbackAnswers.Count > 0);

        var incoming = Assert.Single(_host.Conversation.Received);
        Assert.True(incoming.IsButton);
        Assert.Equal("mark:7A:10", incoming.ButtonData);
        Assert.Equal(new CallbackAnswer(query, "Збережено", false), Assert.Single(Telegram.CallbackAnswers));
        Assert.Equal("Обрано: mark:7A:10", Assert.Single(Telegram.MessagesTo(5004)).PlainText);
    }

    [Fact]
    public async Task PressedButton_WhenTheConversationThrows_IsStillAnswered()
    {
        _host.Conversation.Respond = _ => throw new InvalidOperationException("engine broke");

        var query = Telegram.UserPresses(5005, 5005, "diary:today", messageId: 7);
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.CallbackAnswers.Count > 0);

        var answer = Assert.Single(Telegram.CallbackAnswers);
        Assert.Equal(query, answer.QueryId);
        Assert.Equal(TelegramUpdateHandler.SomethingWentWrong, answer.Text);

        // and the bot goes on with the next update
        _host.Conversation.Respond = TestConversation.Echo;
        Telegram.UserSends(5005, 5005, "ще раз");
        Assert.Equal("Ви написали: ще раз", Assert.Single(await Telegram.WaitForMessagesAsync(5005)).PlainText);
    }

    [Fact]
    public async Task Message_WhenTheConversationThrows_GetsAnApology()
    {
        _host.Conversation.Respond = _ => throw new InvalidOperationException("engine broke");

        Telegram.UserSends(5006, 5006, "/diary");

        Assert.Equal(TelegramUpdateHandler.SomethingWentWrong, Assert.Single(await Telegram.WaitForMessagesAsync(5006)).PlainText);
    }

    [Fact]
    public async Task GroupChat_CommandIsToldToWritePrivately_OtherTextIsIgnored()
    {
        Telegram.UserSends(-100777, 5007, "привіт усім", chatType: "group");
        Telegram.UserSends(-100777, 5007, "/diary", chatType: "group");

        var reply = Assert.Single(await Telegram.WaitForMessagesAsync(-100777));
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.PendingUpdates == 0 || Telegram.CallsOf("getUpdates").Count > 2);

        Assert.Equal(TelegramUpdateHandler.PrivateChatsOnly, reply.PlainText);
        Assert.Empty(_host.Conversation.Received);
    }

    [Fact]
    public async Task AtStart_DefaultCommandsAreSet_AndTheUsernameIsLearned()
    {
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.Commands.Count > 0);

        var defaults = Assert.Single(Telegram.Commands);
        Assert.Equal("all_private_chats", defaults.ScopeType);
        Assert.Equal(["start", "help"], defaults.Commands.Select(c => c.Command));
        Assert.Equal(FakeTelegramServer.Username, _host.Service<TelegramBotInfo>().Username);
        Assert.Equal($"https://t.me/{FakeTelegramServer.Username}?start=abc-DEF_123", _host.Service<TelegramBotInfo>().DeepLink("abc-DEF_123"));
    }

    [Fact]
    public async Task CommandsForAChat_AreSetWithChatScope()
    {
        await _host.Service<TelegramCommands>().SetForChatAsync(5008, [("diary", "Щоденник"), ("/marks", "Оцінки")]);

        var list = Assert.Single(Telegram.Commands, c => c.ScopeType == "chat");
        Assert.Equal(5008, list.ScopeChatId);
        Assert.Equal([("diary", "Щоденник"), ("marks", "Оцінки")], list.Commands);
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Service<TelegramCommands>().SetForChatAsync(5008, [("Щоденник", "ні")]));
        Assert.Single(Telegram.Commands, c => c.ScopeType == "chat");
    }
}
