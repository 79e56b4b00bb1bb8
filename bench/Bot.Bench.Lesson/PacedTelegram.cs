using Bot.Fakes;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;

namespace Bot.Bench.Lesson;

/// <summary>
/// The teacher's side in Telegram at a human's pace: an action (a tap or a typed reply) starts no sooner than
/// <see cref="Interval"/> after the previous one, and never before the screen it taps is shown. A press returns as soon
/// as Telegram has answered its callback query (the bot edits first, then answers), not after a quiet wait as the
/// test's <see cref="TelegramDriver"/> does — and once the new screen is there (the bot answers first and edits when the
/// chat's slot opens, ADR 0034); typed replies go through that driver. Every update's start is recorded on
/// the bot's clock, for <see cref="BotTime"/>.
/// </summary>
internal sealed class PacedTelegram(TelegramDriver inner, ShiftedClock clock, TimeSpan interval) : IChatDriver
{
    private readonly List<DateTimeOffset> _updates = [];
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public TimeSpan Interval { get; } = interval;

    public FakeTelegramServer Telegram => inner.Telegram;

    /// <summary>When each of the teacher's updates was queued at Telegram (the bot's clock).</summary>
    public IReadOnlyList<DateTimeOffset> Updates => _updates;

    public string ChatOf(string person) => inner.ChatOf(person);

    public async Task<IReadOnlyList<ChatReply>> SayAsync(string chat, string text)
    {
        await PaceAsync();
        return await inner.SayAsync(chat, text);
    }

    public async Task<IReadOnlyList<ChatReply>> PressAsync(string chat, string data)
    {
        var id = long.Parse(chat);
        var message = Telegram.MessagesTo(id).Last(m => m.Keyboard.SelectMany(r => r).Any(b => b.CallbackData == data));
        var edits = Telegram.EditsTo(id).Count;
        var sent = Telegram.MessagesTo(id).Count;
        await PaceAsync();
        var query = Telegram.UserPresses(id, id, data, message.MessageId);
        await FakeTelegramServer.WaitUntilAsync(() => Telegram.CallbackAnswers.Any(a => a.QueryId == query), TimeSpan.FromSeconds(30), "the press to be answered");
        await inner.ScreensSentAsync(id); // the teacher taps on the screen that shows the previous tap
        var replies = Telegram.EditsTo(id).Skip(edits).Where(e => e.MessageId == message.MessageId).TakeLast(1)
            .Select(e => Reply(e.PlainText, e.Keyboard))
            .Concat(Telegram.MessagesTo(id).Skip(sent).Select(m => Reply(m.PlainText, m.Keyboard)))
            .ToList();
        return replies.Count > 0 ? replies : [Reply(message.PlainText, message.Keyboard)];
    }

    /// <summary>
    /// The bot's time, from the fake's records alone, two figures per update (ADR 0034). <c>Handling</c>: from the answer
    /// to the <c>getUpdates</c> that handed the update to the bot to the answer to the last call the update's own handling
    /// made for this chat (the callback answer, a typed reply's messages) — the edit of the pressed message is made later
    /// by the coalescing sender and is not in it. <c>Total</c>: to the last call for this chat of any kind, edits
    /// included, before the teacher's next update — the teacher waits for the new screen before the next tap, so that
    /// is the screen reflecting this update. <c>Paced</c> is the part of <c>Total</c> Telegram's limit imposes: the bot
    /// may not send or edit in the chat until a second after its previous message or edit there was answered.
    /// </summary>
    public IReadOnlyList<(TimeSpan Total, TimeSpan Paced, TimeSpan Handling)> BotTime(long chat, DateTimeOffset end)
    {
        var calls = Telegram.Calls;
        var times = new List<(TimeSpan, TimeSpan, TimeSpan)>();
        for (var i = 0; i < _updates.Count; i++)
        {
            var until = i + 1 < _updates.Count ? _updates[i + 1] : end;
            var delivered = calls.First(c => c.Method == "getUpdates" && c.At >= _updates[i]).At;
            var caused = calls.Where(c => c.At >= delivered && c.At < until && c.Method != "getUpdates" && (c.ChatId == chat || c.ChatId is null)).ToList();
            var last = caused.Select(c => c.At).DefaultIfEmpty(delivered).Max();
            var handled = caused.Where(c => c.Method != "editMessageText").Select(c => c.At).DefaultIfEmpty(delivered).Max();
            var previous = calls.Where(c => c.ChatId == chat && c.Method != "answerCallbackQuery" && c.At < delivered).Select(c => c.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            var allowed = previous == DateTimeOffset.MinValue ? delivered : previous + TimeSpan.FromSeconds(1);
            var paced = caused.Any(c => c.ChatId == chat) && allowed > delivered ? allowed - delivered : TimeSpan.Zero;
            times.Add((last - delivered, paced, handled - delivered));
        }

        return times;
    }

    /// <summary>The test driver (and the bot with it) is disposed by whoever started it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task PaceAsync()
    {
        var wait = _last + Interval - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        _last = clock.GetUtcNow();
        _updates.Add(_last);
    }

    private static ChatReply Reply(string text, IReadOnlyList<IReadOnlyList<FakeButton>> keyboard) =>
        new(text, keyboard.SelectMany(r => r).Select(b => (b.Text, b.CallbackData ?? "")).ToList());
}
