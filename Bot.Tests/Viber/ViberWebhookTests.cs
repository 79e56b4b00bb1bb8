using System.Text;
using System.Text.Json.Nodes;
using Bot.Domain.Audit;
using Bot.Fakes;
using Bot.Host.Conversation;
using Bot.Host.Viber;
using Bot.Tests.Telegram;

namespace Bot.Tests.Viber;

/// <summary>
/// The webhook: registered after start (Viber's check answered), every callback's signature verified over the raw
/// body before anything else, malformed bodies refused, each event handled once, receipts and unknown events acknowledged.
/// </summary>
public sealed class ViberWebhookTests : IAsyncLifetime
{
    private ViberTestHost _host = null!;
    private FakeViberServer Viber => _host.Viber;

    public async Task InitializeAsync() => _host = await ViberTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AfterStart_SetWebhook_IsCalledWithOurUrlAndEvents_AndViberChecksItAtOnce()
    {
        var webhook = Viber.Webhook!;
        Assert.Equal(_host.WebhookUrl, webhook.Url);
        Assert.Equal(["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"], webhook.EventTypes);
        Assert.True(webhook.SendName);
        var check = Assert.Single(Viber.Callbacks, c => c.Event == "webhook");
        Assert.Equal(200, check.HttpStatus);
        await FakeViberServer.WaitUntilAsync(() => _host.Service<ViberBotInfo>().ChatUri is not null, what: "get_account_info");
        Assert.Equal(FakeViberServer.ChatUri, _host.Service<ViberBotInfo>().ChatUri);
        Assert.Equal("viber://pa?chatURI=schooljournaltest&context=abc", _host.Service<ViberBotInfo>().DeepLink("abc"));
    }

    [Theory]
    [InlineData(ViberSigning.Missing)]
    [InlineData(ViberSigning.WrongKey)]
    [InlineData(ViberSigning.TamperedAfterSigning)]
    public async Task ForgedOrTamperedCallback_Is401_AndNothingIsProcessed(ViberSigning signing)
    {
        Viber.AddUser("forged==", subscribed: true);
        var post = await Viber.PostCallbackAsync(Message("forged==", "/start AAAAAAAAAAAAAAAA"), signing);

        Assert.Equal(401, post.HttpStatus);
        Assert.Empty(_host.Conversation.Received);
        Assert.Empty(await _host.ProcessedUpdatesAsync());
        Assert.Empty(Viber.Messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not hex at all")]
    public async Task ASignatureThatIsNotTheBodys_Is401(string signature)
    {
        var body = Message("x==", "привіт").ToJsonString();
        Assert.Equal(401, (await Viber.PostRawAsync(body, signature)).Status);
        Assert.Equal(401, (await Viber.PostRawAsync(body, FakeViberServer.Sign(Encoding.UTF8.GetBytes(body)).ToUpperInvariant())).Status);
        Assert.Empty(_host.Conversation.Received);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"timestamp\":1}")]
    [InlineData("{\"event\":\"message\",\"timestamp\":1,\"message_token\":1}")]
    [InlineData("{\"event\":\"message\",\"timestamp\":\"yesterday\"}")]
    [InlineData("{\"event\":\"unsubscribed\",\"timestamp\":1,\"message_token\":2}")]
    public async Task MalformedBody_WithAValidSignature_Is400_AndNothingIsProcessed(string body)
    {
        var (status, _) = await Viber.PostRawAsync(body, FakeViberServer.Sign(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(400, status);
        Assert.Empty(_host.Conversation.Received);
        Assert.Empty(await _host.ProcessedUpdatesAsync());
    }

    [Fact]
    public async Task TextMessage_ReachesTheConversation_AndTheReplyGoesBackWithTheSendersName()
    {
        var post = await Viber.UserSendsAsync("oksana+1==", "щоденник завтра", name: "Оксана Іваненко");

        Assert.Equal(200, post.HttpStatus);
        var incoming = Assert.Single(_host.Conversation.Received);
        Assert.Equal(new Incoming(Channel.Viber, "oksana+1==", "oksana+1==", "щоденник завтра", null, "Оксана Іваненко"), incoming);
        var reply = Assert.Single(Viber.MessagesTo("oksana+1=="));
        Assert.Equal("Ви написали: щоденник завтра", reply.Text);
        Assert.Equal("Шкільний журнал", reply.SenderName);
        Assert.False(reply.HasKeyboard);
        Assert.Null(reply.TrackingData);
        Assert.Equal(post.MessageToken, Assert.Single(await _host.ProcessedUpdatesAsync()).UpdateId);
    }

    [Fact]
    public async Task RedeliveredCallback_IsProcessedOnce_AndStillAnswered200_AndCountedOnce()
    {
        var meters = _host.Service<System.Diagnostics.Metrics.IMeterFactory>();
        long handled = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "journal.updates.handled" && ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref handled, value));
        listener.Start();

        var first = await Viber.UserSendsAsync("twice==", "/marks");
        var again = await Viber.RedeliverAsync(first);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Viber.RedeliverAsync(first)));

        Assert.All(concurrent.Append(again), p => Assert.Equal(200, p.HttpStatus));
        Assert.Single(_host.Conversation.Received);
        Assert.Single(Viber.MessagesTo("twice=="));
        Assert.Equal(1, Interlocked.Read(ref handled)); // /metrics counts the person's update, not Viber's repeats
    }

    [Fact]
    public async Task MessageTokens_BeyondADoublesPrecision_AreKeptDigitForDigit()
    {
        const string token = "9007199254740993123"; // a JSON number above 2^53
        var callback = Message("big==", "тест");
        callback["message_token"] = JsonNode.Parse(token);
        Viber.AddUser("big==", subscribed: true);

        await Viber.PostCallbackAsync(callback);
        await Viber.PostCallbackAsync(Message("big==", "тест", token: "9007199254740993124"));

        Assert.Contains(token, (await _host.ProcessedUpdatesAsync()).Select(p => p.UpdateId));
        Assert.Equal(2, _host.Conversation.Received.Count);
    }

    [Fact]
    public async Task KeyboardReply_ComesBackAsTheButtonsData_WhileTheSameWordsTypedAreText()
    {
        _host.Conversation.Respond = i => ConversationResult.Of(new Message().Line("Налаштування")
            .ButtonRow(new Button("✅ Оцінки", "st|m"), new Button("✅ Пропуски", "st|a"))
            .ButtonRow(new Button("Viber", "st|c|v")));

        await Viber.UserSendsAsync("press==", "/settings");
        var shown = Assert.Single(Viber.MessagesTo("press=="));
        Assert.Equal([("✅ Оцінки", "st|m", 3), ("✅ Пропуски", "st|a", 3), ("Viber", "st|c|v", 6)],
            shown.Buttons.Select(b => (b.Text, b.ActionBody, b.Columns)));
        Assert.All(shown.Buttons, b => Assert.Equal(("reply", 1, true), (b.ActionType, b.Rows, b.Silent)));
        Assert.Equal(2, shown.KeyboardRows.Count);

        await Viber.UserPressesAsync("press==", "st|a");
        Assert.Equal((null, "st|a"), (_host.Conversation.Received[^1].Text, _host.Conversation.Received[^1].ButtonData));

        _host.Conversation.Respond = TestConversation.Echo; // the next message has no keyboard
        await Viber.UserSendsAsync("press==", "st|m");
        await Viber.UserSendsAsync("press==", "st|m");
        Assert.Equal(("st|m", (string?)null), (_host.Conversation.Received[^1].Text, _host.Conversation.Received[^1].ButtonData));
    }

    [Fact]
    public async Task ButtonPress_WithAnOnlyNotice_SaysTheNotice()
    {
        _host.Conversation.Respond = i => i.IsButton
            ? new ConversationResult([], "Збережено")
            : ConversationResult.Of(new Message().Line("?").ButtonRow(new Button("Так", "ok|1")));

        await Viber.UserSendsAsync("notice==", "питання");
        await Viber.UserPressesAsync("notice==", "ok|1");

        Assert.Equal("Збережено", Viber.MessagesTo("notice==")[^1].Text);
    }

    [Fact]
    public async Task ConversationStarted_IsAnsweredWithOneWelcomeInTheBody_WithoutAReceiver()
    {
        var post = await Viber.UserOpensAsync("opener==", context: "abcDEF123_-xyz45");

        Assert.Equal(200, post.HttpStatus);
        Assert.Equal("/start abcDEF123_-xyz45", Assert.Single(_host.Conversation.Received).Text);
        var body = JsonNode.Parse(post.ResponseBody)!.AsObject();
        Assert.False(body.ContainsKey("receiver"));
        Assert.Equal("text", body["type"]!.GetValue<string>());
        Assert.Equal("Шкільний журнал", body["sender"]!["name"]!.GetValue<string>());
        var welcome = Assert.Single(Viber.MessagesTo("opener=="));
        Assert.True(welcome.IsWelcome);
        Assert.Equal("Ви написали: /start abcDEF123_-xyz45", welcome.Text);
        Assert.Empty(Viber.CallsOf("send_message")); // the person is not subscribed: no message could go otherwise
    }

    [Fact]
    public async Task ConversationStarted_WithoutContext_IsStart_AndSeveralRepliesBecomeOneWelcome()
    {
        _host.Conversation.Respond = _ => ConversationResult.Of(Bot.Host.Conversation.Message.Text("Вітаємо!"),
            new Message().Line("Команди:").ButtonRow(new Button("Щоденник", "c|/diary")));

        var post = await Viber.UserOpensAsync("plain==");

        Assert.Equal("/start", Assert.Single(_host.Conversation.Received).Text);
        var welcome = Assert.Single(Viber.MessagesTo("plain=="));
        Assert.Equal("Вітаємо!\n\nКоманди:", welcome.Text);
        Assert.Equal("c|/diary", Assert.Single(welcome.Buttons).ActionBody);
        Assert.NotNull(welcome.TrackingData);
        Assert.Equal(200, post.HttpStatus);
    }

    [Fact]
    public async Task NotText_IsAnsweredThatOnlyTextAndButtonsWork()
    {
        Viber.AddUser("photo==", subscribed: true);
        var callback = Message("photo==", "");
        callback["message"] = new JsonObject { ["type"] = "picture", ["media"] = "https://example.invalid/p.jpg" };

        Assert.Equal(200, (await Viber.PostCallbackAsync(callback)).HttpStatus);

        Assert.Empty(_host.Conversation.Received);
        Assert.StartsWith("Я розумію лише текст і кнопки", Assert.Single(Viber.MessagesTo("photo==")).Text);
    }

    [Theory]
    [InlineData("delivered")]
    [InlineData("seen")]
    [InlineData("failed")]
    [InlineData("client_status")]
    public async Task ReceiptsAndUnknownEvents_AreAcknowledged_AndChangeNothing(string eventName)
    {
        var callback = new JsonObject
        {
            ["event"] = eventName, ["timestamp"] = 1795000000000, ["message_token"] = 4912661846655238145, ["user_id"] = "r==", ["desc"] = "failure desc",
        };

        var post = await Viber.PostCallbackAsync(callback);

        Assert.Equal(200, post.HttpStatus);
        Assert.Empty(_host.Conversation.Received);
        Assert.Empty(await _host.ProcessedUpdatesAsync());
        Assert.Empty(Viber.Messages);
    }

    [Fact]
    public async Task Subscribed_IsAcknowledged()
    {
        var post = await Viber.UserSubscribesAsync("sub==");

        Assert.Equal(200, post.HttpStatus);
        Assert.Empty(_host.Conversation.Received);
    }

    [Fact]
    public async Task ABodyFarLargerThanAnyCallback_IsRefused()
    {
        var body = "{\"event\":\"message\",\"pad\":\"" + new string('x', 100_000) + "\"}";

        var (status, _) = await Viber.PostRawAsync(body, FakeViberServer.Sign(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(413, status);
        Assert.Empty(_host.Conversation.Received);
    }

    private static JsonObject Message(string userId, string text, string token = "5500000000000000001") => new()
    {
        ["event"] = "message", ["timestamp"] = 1795000000000, ["message_token"] = JsonNode.Parse(token),
        ["sender"] = new JsonObject { ["id"] = userId, ["name"] = "Ігор", ["api_version"] = 10 },
        ["message"] = new JsonObject { ["type"] = "text", ["text"] = text },
    };
}
