using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Conversation;

/// <summary>
/// Taps faster than Telegram shows screens (ADR 0034): through the fake Bot API server with Telegram's own limits, a
/// teacher picks five students in half a second on the lesson's marks screen. Every press is answered at once (not a
/// second apart behind the edits), the screens are coalesced into fewer edits than presses, the message ends on the
/// last pick, and no 429 is met.
/// </summary>
public sealed class LessonFlowQuickTapsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        await LessonWalk.GrowClassTo30Async(_database, S);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Telegram_FivePicksInHalfASecond_AnsweredAtOnce_CoalescedEdits_TheLastPickShown()
    {
        await using var bot = await TelegramDriver.StartAsync(_database, S, telegramPace: true);
        bot.Telegram.Limits.PerChatTolerance = TimeSpan.FromMilliseconds(150); // scheduling jitter of a shared machine, as in LessonFlowTests
        var teacher = await LessonWalk.LinkAsync(bot, _database, S, S.AlgebraTeacher.Id);
        var chat = long.Parse(teacher);
        var telegram = bot.Telegram;
        var list = (await bot.SayAsync(teacher, "/lesson")).Last();
        var rollCall = (await bot.PressAsync(teacher, list.Buttons.First(b => b.Label.StartsWith("2. 7-А", StringComparison.Ordinal)).Data)).Last();
        var marks = (await bot.PressAsync(teacher, rollCall.Buttons.Single(b => b.Label == "Усі присутні").Data)).Last();
        var lessonMessage = telegram.MessagesTo(chat).Single(m => m.Keyboard.SelectMany(r => r).Any(b => b.CallbackData == marks.Buttons[0].Data)).MessageId;
        // Student buttons ("lf|m|lesson|column|student"), not the first (already selected), none next to another.
        var picks = marks.Buttons.Where(b => b.Data.StartsWith("lf|m|", StringComparison.Ordinal) && b.Data.Split('|').Length == 5)
            .Where((_, i) => i > 0 && i % 2 == 0).Take(5).ToList();
        Assert.Equal(5, picks.Count);
        var (edits, answers, tooMany) = (telegram.EditsTo(chat).Count, telegram.CallbackAnswers.Count, telegram.TooManyRequestsAnswered);

        var queries = new List<string>();
        foreach (var pick in picks)
        {
            queries.Add(telegram.UserPresses(chat, chat, pick.Data, lessonMessage));
            await Task.Delay(100);
        }

        await Bot.Fakes.FakeTelegramServer.WaitUntilAsync(() => queries.All(q => telegram.CallbackAnswers.Any(a => a.QueryId == q)), TimeSpan.FromSeconds(20), "every press to be answered");
        await bot.ScreensSentAsync(chat);

        // Answered at once: edited first and answered after, five presses would take four seconds of Telegram's pace.
        var answered = telegram.Calls.Where(c => c.Method == "answerCallbackQuery").TakeLast(5).Select(c => c.At).ToList();
        Assert.True(answered[^1] - answered[0] < TimeSpan.FromSeconds(3), $"five answers over {answered[^1] - answered[0]}");
        Assert.Equal(5, telegram.CallbackAnswers.Count - answers);
        Assert.Equal(0, telegram.OpenCallbackQueries);
        // Coalesced: fewer edits than presses, a second apart, and the message shows the last pick.
        var newEdits = telegram.EditsTo(chat).Skip(edits).ToList();
        Assert.InRange(newEdits.Count, 1, 4);
        var shown = telegram.MessagesTo(chat).Single(m => m.MessageId == lessonMessage).Keyboard.SelectMany(r => r).Select(b => b.Text).ToList();
        Assert.Contains("▶ " + picks[^1].Label, shown);
        Assert.Single(shown, t => t.StartsWith("▶ ", StringComparison.Ordinal));
        Assert.Contains($"Поточна для ", newEdits[^1].PlainText);
        Assert.Equal(tooMany, telegram.TooManyRequestsAnswered);
    }
}
