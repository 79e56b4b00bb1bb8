using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Host.Telegram;
using Bot.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Telegram;

/// <summary>
/// The sender against the fake Telegram's refusals, on a fake clock shared by the bot and the fake server: 429 waits
/// `retry_after`, network failures back off, gone chats deactivate their links, moved chats move them.
/// </summary>
public sealed class TelegramSenderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
    private TelegramTestHost _host = null!;
    private FakeTelegramServer Telegram => _host.Telegram;
    private TelegramSender Sender => _host.Service<TelegramSender>();

    public async Task InitializeAsync()
    {
        _host = await TelegramTestHost.StartAsync(webhook: true, clock: _clock);
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.Webhook is not null && Telegram.Commands.Count > 0);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TooManyRequests_WaitsRetryAfter_ThenSends()
    {
        Telegram.TooManyRequestsNext(7001, retryAfter: 35);

        var send = Sender.SendAsync(7001, Message.Text("Іваненко: 10 з алгебри"));
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.CallsOf("sendMessage").Count == 1);
        await Task.Delay(100);
        Assert.False(send.IsCompleted);
        var outcome = await AdvanceUntilDoneAsync(send, TimeSpan.FromSeconds(1));

        Assert.Equal(new SendOutcome.Sent("7001"), outcome);
        var calls = Telegram.CallsOf("sendMessage");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(35), $"retried after {calls[1].At - calls[0].At}");
        Assert.Equal("Іваненко: 10 з алгебри", Assert.Single(Telegram.MessagesTo(7001)).PlainText);
    }

    /// <summary>
    /// Telegram's overall limit answers 429 to one reply: replies to other people wait its `retry_after` too instead of
    /// each earning a 429 of its own (95 replies went out while a global retry_after ran).
    /// </summary>
    [Fact]
    public async Task GlobalTooManyRequests_RepliesToOtherChats_WaitItOut()
    {
        Telegram.Limits.GlobalPerSecond = 3;
        Telegram.Limits.RetryAfterSeconds = 20;
        foreach (var chat in new long[] { 7201, 7202, 7203 })
            Assert.IsType<SendOutcome.Sent>(await Sender.SendAsync(chat, Message.Text("Вітаємо!")));
        var first = Sender.SendAsync(7204, Message.Text("Вітаємо!"));
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.CallsOf("sendMessage").Any(c => c.Status == 429));
        var refusedAt = Telegram.CallsOf("sendMessage").Single(c => c.Status == 429).At;
        await FakeTelegramServer.WaitUntilAsync(() => Sender.PausedUntil > _clock.GetUtcNow()); // the sender has read the 429

        var others = Enumerable.Range(7205, 5).Select(chat => Sender.SendAsync(chat, Message.Text("Вітаємо!"))).ToList();
        await Task.Delay(300);
        Assert.Equal(4, Telegram.CallsOf("sendMessage").Count); // nobody was written to while the retry_after ran
        Assert.DoesNotContain(Telegram.Messages, m => m.ChatId >= 7204);

        Telegram.Limits.GlobalPerSecond = 1000;
        var outcomes = await AdvanceUntilDoneAsync(Task.WhenAll(others.Append(first)), TimeSpan.FromSeconds(1));

        Assert.All(outcomes, o => Assert.IsType<SendOutcome.Sent>(o));
        var after = Telegram.CallsOf("sendMessage").Skip(4).ToList();
        Assert.Equal(6, after.Count);
        Assert.All(after, c => Assert.Equal(200, c.Status));
        Assert.All(after, c => Assert.True(c.At - refusedAt >= TimeSpan.FromSeconds(20), $"chat {c.ChatId} written {c.At - refusedAt} after the 429"));
        Assert.Equal(9, Telegram.Messages.Select(m => m.ChatId).Distinct().Count());
    }

    /// <summary>A group's own limit (20 a minute) pauses that group only: a reply to a person goes at once.</summary>
    [Fact]
    public async Task GroupTooManyRequests_PausesOnlyThatGroup()
    {
        Telegram.TooManyRequestsNext(-7301, retryAfter: 30);

        var toGroup = Sender.SendAsync(-7301, Message.Text("Батьківські збори о 18:00"));
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.CallsOf("sendMessage").Count == 1);
        Assert.Equal(new SendOutcome.Sent("7302"), await Sender.SendAsync(7302, Message.Text("Вітаємо!")).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(toGroup.IsCompleted);

        Assert.Equal(new SendOutcome.Sent("-7301"), await AdvanceUntilDoneAsync(toGroup, TimeSpan.FromSeconds(1)));
        var toGroupCalls = Telegram.CallsOf("sendMessage").Where(c => c.ChatId == -7301).ToList();
        Assert.True(toGroupCalls[1].At - toGroupCalls[0].At >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TooManyRequests_EveryTime_GivesUpAfterBoundedAttempts()
    {
        Telegram.TooManyRequestsNext(7002, retryAfter: 2, times: 20);

        var outcome = await AdvanceUntilDoneAsync(Sender.SendAsync(7002, Message.Text("…")), TimeSpan.FromSeconds(1));

        Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Equal(TelegramSender.MaxAttempts, Telegram.CallsOf("sendMessage").Count);
        Assert.Empty(Telegram.MessagesTo(7002));
    }

    [Fact]
    public async Task LostConnection_IsRetriedWithBackoff()
    {
        Telegram.DropConnectionNext(7003);

        var outcome = await AdvanceUntilDoneAsync(Sender.SendAsync(7003, Message.Text("Домашнє завдання")), TimeSpan.FromMilliseconds(250));

        Assert.Equal(new SendOutcome.Sent("7003"), outcome);
        var calls = Telegram.CallsOf("sendMessage");
        Assert.Equal([0, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1));
        Assert.Single(Telegram.MessagesTo(7003));
    }

    [Theory]
    [InlineData("blocked")]
    [InlineData("deactivated")]
    [InlineData("chat not found")]
    public async Task GoneChat_MarksItsLinkInactive_WithTheReason_AndStops(string reason)
    {
        var link = await _host.LinkAsync(7004);
        switch (reason)
        {
            case "blocked": Telegram.Block(7004); break;
            case "deactivated": Telegram.DeactivateUser(7004); break;
            default: Telegram.ForgetChat(7004); break;
        }

        var outcome = await Sender.SendAsync(7004, new Message().Line("перша").Line(new string('x', 4096)));

        Assert.Equal(new SendOutcome.ChatGone(reason), outcome);
        Assert.Single(Telegram.CallsOf("sendMessage")); // the second part was not tried
        var stored = await _host.ReloadAsync(link);
        Assert.False(stored.IsActive);
        Assert.Equal(reason, stored.DeactivationReason);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, stored.DeactivatedAtUtc);
    }

    [Fact]
    public async Task MigratedGroup_MovesTheLink_AndResendsToTheNewChat()
    {
        var link = await _host.LinkAsync(-7005);
        Telegram.MigrateChat(-7005, -1007005);

        var outcome = await Sender.SendAsync(-7005, Message.Text("Батьківські збори о 18:00"));

        Assert.Equal(new SendOutcome.Sent("-1007005"), outcome);
        Assert.Empty(Telegram.MessagesTo(-7005));
        Assert.Equal("Батьківські збори о 18:00", Assert.Single(Telegram.MessagesTo(-1007005)).PlainText);
        var stored = await _host.ReloadAsync(link);
        Assert.Equal("-1007005", stored.ChatId);
        Assert.True(stored.IsActive);
    }

    [Fact]
    public async Task RefusedMessage_IsAFailure_NotAGoneChat()
    {
        var link = await _host.LinkAsync(7006);

        var outcome = await Sender.SendHtmlAsync(7006, "рядок<br>рядок", null, SendPace.Reply, CancellationToken.None);

        var failed = Assert.IsType<SendOutcome.Failed>(outcome);
        Assert.Contains("can't parse entities", failed.Reason);
        Assert.True((await _host.ReloadAsync(link)).IsActive);
    }

    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            await Task.Delay(5);
            _clock.Advance(step);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

/// <summary>With Telegram's own pace on both sides (1 message a second to a chat), the sender never earns a 429.</summary>
public sealed class TelegramPacingTests
{
    [Fact]
    public async Task SeveralMessagesToOneChat_AreSpacedASecondApart_WithoutA429()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        await using var host = await TelegramTestHost.StartAsync(webhook: true, clock: clock, telegramPace: true);
        var sender = host.Service<TelegramSender>();
        var calls = () => host.Telegram.CallsOf("sendMessage").Count;

        // The clock moves only while no request is on its way, so the fake sees the bot's own spacing.
        var sends = Task.WhenAll(Enumerable.Range(1, 3).Select(i => sender.SendAsync(7101, Message.Text($"Повідомлення {i}"))));
        for (var sent = 1; sent <= 3; sent++)
        {
            await FakeTelegramServer.WaitUntilAsync(() => calls() >= sent);
            await Task.Delay(100);
            Assert.Equal(sent, calls()); // the next one waits for its second
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var outcomes = await sends.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(outcomes, o => Assert.IsType<SendOutcome.Sent>(o));
        Assert.All(host.Telegram.CallsOf("sendMessage"), c => Assert.Equal(200, c.Status));
        Assert.Equal(3, host.Telegram.MessagesTo(7101).Count);
    }
}
