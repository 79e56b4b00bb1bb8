using Bot.Tests.Builders;
using Bot.Fakes;
using Bot.Host.Telegram;
using Bot.Tests.Infrastructure;
using Bot.Tests.Telegram;

namespace Bot.Tests.Conversation;

/// <summary>
/// Drives the bot through Telegram: Bot.Host with the real engine long-polls the fake Bot API server, a person's
/// messages and button presses are updates, replies are what the bot sent (HTML checked by the fake server).
/// </summary>
public sealed class TelegramDriver : IChatDriver
{
    private readonly TelegramTestHost _host;
    private readonly Dictionary<string, string> _chats = [];

    private readonly TimeSpan _quiet;

    private TelegramDriver(TelegramTestHost host, bool telegramPace)
    {
        _host = host;
        // With Telegram's pace a reply's next message may follow a second later: the chat is quiet only after that.
        _quiet = TimeSpan.FromMilliseconds(telegramPace ? 1100 : 300);
    }

    /// <param name="clock">The bot's clock (a test that jumps past the undo window passes its own); the school's "now" by default.</param>
    /// <param name="settings">More host settings (the outbox sender's poll interval).</param>
    /// <param name="telegramPace">Telegram's own limits on both sides (1 message a second per chat, edits included).</param>
    public static async Task<TelegramDriver> StartAsync(TestDatabase database, TestSchool school, bool webhook = false, ShiftedClock? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool telegramPace = false)
    {
        var all = new Dictionary<string, string?> { ["ConnectionStrings:Journal"] = database.ConnectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new(await TelegramTestHost.StartAsync(webhook: webhook, realPort: webhook, clock: clock ?? new ShiftedClock(school.Clock.GetUtcNow()), engine: false,
            telegramPace: telegramPace, settings: all), telegramPace);
    }

    /// <summary>A driver over a host the test already runs (a <see cref="Notifications.DeliveryHost"/>'s); the host stays the test's to dispose.</summary>
    public static TelegramDriver Over(TelegramTestHost host) => new(host, telegramPace: false);

    public FakeTelegramServer Telegram => _host.Telegram;

    public string ChatOf(string person)
    {
        if (!_chats.TryGetValue(person, out var chat)) _chats[person] = chat = $"{700000 + _chats.Count}";
        return chat;
    }

    public Task<IReadOnlyList<ChatReply>> SayAsync(string chat, string text) =>
        ExchangeAsync(chat, () => _host.Telegram.UserSends(long.Parse(chat), long.Parse(chat), text));

    /// <summary>
    /// Presses a button on the latest message that has it; waits until the press is answered (answerCallbackQuery), the
    /// pressed message's new screen has been sent (the bot answers first and edits when the chat's slot opens, ADR 0034)
    /// and the chat falls quiet. The replies are the pressed message as edited (if it was), then any new messages.
    /// </summary>
    public async Task<IReadOnlyList<ChatReply>> PressAsync(string chat, string data)
    {
        var id = long.Parse(chat);
        var message = _host.Telegram.MessagesTo(id).Last(m => m.Keyboard.SelectMany(r => r).Any(b => b.CallbackData == data));
        var edits = _host.Telegram.EditsTo(id).Count;
        var before = _host.Telegram.MessagesTo(id).Count;
        var query = _host.Telegram.UserPresses(id, id, data, message.MessageId);
        await FakeTelegramServer.WaitUntilAsync(() => _host.Telegram.CallbackAnswers.Any(a => a.QueryId == query), TimeSpan.FromSeconds(20), "the press to be answered");
        await ScreensSentAsync(id);
        await QuietAsync(id);
        var replies = new List<ChatReply>();
        if (_host.Telegram.EditsTo(id).Skip(edits).LastOrDefault(e => e.MessageId == message.MessageId) is { } edited)
            replies.Add(Reply(edited.PlainText, edited.Keyboard));
        replies.AddRange(_host.Telegram.MessagesTo(id).Skip(before).Select(m => Reply(m.PlainText, m.Keyboard)));
        // A press whose screen did not change ("message is not modified"): the message as it stands.
        if (replies.Count == 0 && _host.Telegram.MessagesTo(id).FirstOrDefault(m => m.MessageId == message.MessageId) is { } same)
            replies.Add(Reply(same.PlainText, same.Keyboard));
        return replies;
    }

    /// <summary>
    /// A press with data the chat was never given (a forged button): sent as if on the chat's latest message; the replies
    /// are the new messages the bot sends.
    /// </summary>
    public Task<IReadOnlyList<ChatReply>> PressForgedAsync(string chat, string data)
    {
        var id = long.Parse(chat);
        var latest = _host.Telegram.MessagesTo(id).LastOrDefault()?.MessageId ?? 1;
        return ExchangeAsync(chat, () => _host.Telegram.UserPresses(id, id, data, latest));
    }

    /// <summary>Until the bot has no edit of a message in the chat pending (its coalescing sender is idle for it).</summary>
    public Task ScreensSentAsync(long chat) => _host.Service<TelegramEditCoalescer>().IdleAsync(chat).WaitAsync(TimeSpan.FromSeconds(30));

    private async Task QuietAsync(long id)
    {
        var count = (-1, -1);
        while (count != (_host.Telegram.MessagesTo(id).Count, _host.Telegram.EditsTo(id).Count))
        {
            count = (_host.Telegram.MessagesTo(id).Count, _host.Telegram.EditsTo(id).Count);
            await Task.Delay(300);
        }
    }

    private static ChatReply Reply(string text, IReadOnlyList<IReadOnlyList<FakeButton>> keyboard) =>
        new(text, keyboard.SelectMany(r => r).Select(b => (b.Text, b.CallbackData ?? "")).ToList());

    /// <summary>Sends, then collects the replies: at least one, and all that arrive until the chat falls quiet.</summary>
    private async Task<IReadOnlyList<ChatReply>> ExchangeAsync(string chat, Action send)
    {
        var id = long.Parse(chat);
        var before = _host.Telegram.MessagesTo(id).Count;
        send();
        await _host.Telegram.WaitForMessagesAsync(id, before + 1, TimeSpan.FromSeconds(20));
        var count = -1;
        while (count != _host.Telegram.MessagesTo(id).Count)
        {
            count = _host.Telegram.MessagesTo(id).Count;
            await Task.Delay(_quiet);
        }

        return _host.Telegram.MessagesTo(id).Skip(before)
            .Select(m => new ChatReply(m.PlainText, m.Keyboard.SelectMany(r => r).Select(b => (b.Text, b.CallbackData ?? "")).ToList()))
            .ToList();
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

public sealed class ConversationThroughTelegram : ConversationScenarios
{
    protected override Bot.Domain.Audit.Channel ExpectedChannel => Bot.Domain.Audit.Channel.Telegram;

    protected override async Task<IChatDriver> CreateDriverAsync(TestDatabase database, TestSchool school) =>
        await TelegramDriver.StartAsync(database, school);

    [Fact]
    public async Task Linking_RegistersThePersonsOwnCommandMenu_ForThatChat()
    {
        var teacher = await LinkedAsync("teacher", global::Bot.Domain.Linking.PersonKind.Staff, S.AlgebraTeacher.Id);
        var mother = await LinkedAsync("mother", global::Bot.Domain.Linking.PersonKind.Guardian, S.IvanenkoMother.Id);
        var telegram = ((TelegramDriver)Driver).Telegram;
        var teacherMenu = telegram.Commands.Last(c => c.ScopeType == "chat" && c.ScopeChatId == long.Parse(teacher)).Commands;
        var motherMenu = telegram.Commands.Last(c => c.ScopeType == "chat" && c.ScopeChatId == long.Parse(mother)).Commands;
        Assert.Contains(teacherMenu, c => c.Command == "mark" && c.Description.StartsWith("Оцінки"));
        Assert.DoesNotContain(motherMenu, c => c.Command == "mark");
        Assert.Contains(motherMenu, c => c.Command == "diary");
    }
}
