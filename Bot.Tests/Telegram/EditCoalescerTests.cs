using Bot.Fakes;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Host.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Telegram;

/// <summary>
/// The coalescing sender of one message's edits (ADR 0034) against the fake Bot API server with Telegram's own pace
/// on both sides (1 message or edit a second per chat), on a fake clock shared by the bot and the fake: a burst of
/// screens becomes at most two edits whose last shows the last screen, and a 429 loses nothing.
/// </summary>
public sealed class EditCoalescerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
    private TelegramTestHost _host = null!;
    private FakeTelegramServer Telegram => _host.Telegram;
    private TelegramEditCoalescer Edits => _host.Service<TelegramEditCoalescer>();

    public async Task InitializeAsync()
    {
        _host = await TelegramTestHost.StartAsync(webhook: true, clock: _clock, telegramPace: true);
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.Webhook is not null && Telegram.Commands.Count > 0);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Message Screen(int n) => Message.Text($"Перекличка: стан {n}").ButtonRow(new Button($"Учень {n}", $"lf|t|{n}"));

    private async Task<int> LessonMessageAsync(long chat)
    {
        Assert.IsType<SendOutcome.Sent>(await _host.Service<TelegramSender>().SendAsync(chat, Message.Text("Урок")));
        return Telegram.MessagesTo(chat).Single().MessageId;
    }

    [Fact]
    public async Task BurstOfTenScreensWithinASecond_IsAtMostTwoEdits_TheLastShowingTheLastScreen()
    {
        const long chat = 7501;
        var message = await LessonMessageAsync(chat);
        _clock.Advance(TimeSpan.FromSeconds(2)); // the chat's slot is open again

        var handedIn = new List<Task<SendOutcome>>();
        for (var n = 1; n <= 10; n++)
        {
            handedIn.Add(Edits.EditAsync(chat, message, Screen(n), version: n));
            await Task.Delay(5); // the first may already be on its way; the clock stands still: all within one second
        }

        var outcomes = await AdvanceUntilDoneAsync(Task.WhenAll(handedIn), TimeSpan.FromMilliseconds(250));

        Assert.All(outcomes, o => Assert.IsType<SendOutcome.Sent>(o));
        var edits = Telegram.EditsTo(chat);
        Assert.InRange(edits.Count, 1, 2);
        Assert.Equal("Перекличка: стан 10", edits[^1].PlainText);
        Assert.Equal("Перекличка: стан 10", Telegram.MessagesTo(chat).Single().PlainText);
        Assert.Equal("lf|t|10", Telegram.MessagesTo(chat).Single().Keyboard.Single().Single().CallbackData);
        Assert.Equal(0, Telegram.TooManyRequestsAnswered);
        if (edits.Count == 2) Assert.True(edits[1].At - edits[0].At >= TimeSpan.FromSeconds(1), $"edits {edits[1].At - edits[0].At} apart");
    }

    [Fact]
    public async Task TooManyRequests_TheNewestScreenIsSentAfterRetryAfter_NothingLost()
    {
        const long chat = 7502;
        var message = await LessonMessageAsync(chat);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Telegram.TooManyRequestsNext(chat, retryAfter: 5);

        var first = Edits.EditAsync(chat, message, Screen(1), version: 1);
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.TooManyRequestsAnswered == 1);
        await FakeTelegramServer.WaitUntilAsync(() => _host.Service<TelegramSender>().PausedUntil > _clock.GetUtcNow()); // the 429 was read
        var later = Enumerable.Range(2, 4).Select(n => Edits.EditAsync(chat, message, Screen(n), version: n)).ToList();
        Assert.False(first.IsCompleted);

        var outcomes = await AdvanceUntilDoneAsync(Task.WhenAll(later.Prepend(first)), TimeSpan.FromMilliseconds(500));

        Assert.All(outcomes, o => Assert.IsType<SendOutcome.Sent>(o));
        var edits = Telegram.EditsTo(chat);
        Assert.Equal("Перекличка: стан 5", Assert.Single(edits).PlainText); // the retry carried the newest screen, once
        Assert.Equal("Перекличка: стан 5", Telegram.MessagesTo(chat).Single().PlainText);
        var calls = Telegram.CallsOf("editMessageText");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(5), $"retried {calls[1].At - calls[0].At} after the 429");
    }

    [Fact]
    public async Task AnOlderScreenHandedInLate_DoesNotReplaceANewerOne()
    {
        const long chat = 7503;
        var message = await LessonMessageAsync(chat);
        _clock.Advance(TimeSpan.FromSeconds(2));

        await AdvanceUntilDoneAsync(Edits.EditAsync(chat, message, Screen(7), version: 7), TimeSpan.FromMilliseconds(250));
        var stale = await AdvanceUntilDoneAsync(Edits.EditAsync(chat, message, Screen(6), version: 6), TimeSpan.FromMilliseconds(250));

        Assert.IsType<SendOutcome.Sent>(stale);
        Assert.Equal("Перекличка: стан 7", Assert.Single(Telegram.EditsTo(chat)).PlainText);
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
