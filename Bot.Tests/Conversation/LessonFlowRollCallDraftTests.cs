using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// The roll call's draft on the server (ADR 0031's amendment): a teacher taps names faster than Telegram shows
/// screens (ADR 0034), so every tap is on the SAME, stale roll call screen — and «Готово» too. The buttons carry no state:
/// every toggle counts, a name tapped twice is present again, and exactly the right students are written absent.
/// </summary>
public sealed class LessonFlowRollCallDraftTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        await LessonWalk.GrowClassTo30Async(_database, S);
        await using (var db = _database.NewContext())
        {
            // The school recorded the sex of two students; Сидоренко's is unknown.
            (await db.Students.SingleAsync(s => s.Id == S.Ivanenko.Id)).SetSex(Sex.Male);
            (await db.Students.SingleAsync(s => s.Id == S.Petrenko.Id)).SetSex(Sex.Female);
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>The five taps: Іваненко, Петренко, Сидоренко, Учень05, Сидоренко again — three absent in the end.</summary>
    private static readonly string[] Taps = ["Іваненко О.", "Петренко М.", "Сидоренко А.", "Учень05 Є.", "Сидоренко А."];

    private static readonly string[] Absent = ["Іваненко О.", "Петренко М.", "Учень05 Є."];

    private async Task AssertTheJournalAsync()
    {
        await using var db = _database.NewContext();
        var lesson = await db.Lessons.SingleAsync();
        Assert.NotNull(lesson.RollCallAtUtc);
        var absences = await db.Absences.Where(a => a.LessonId == lesson.Id).Select(a => a.StudentId).ToListAsync();
        var expected = await db.Students.Where(s => s.LastName == "Іваненко" || s.LastName == "Петренко" || s.LastName == "Учень05").Select(s => s.Id).ToListAsync();
        Assert.Equal(3, expected.Count);
        Assert.Equal(expected.Order(), absences.Order());
        Assert.Equal(3, await db.AuditRecords.CountAsync(a => a.EntityType == "Absence"));
    }

    private static string AbsentLine => $"Відсутні (3): {string.Join(", ", Absent.Select(a => $"{a} (н)"))}";

    [Fact]
    public async Task Telegram_FiveTogglesAndDone_AllPressedOnTheSameStaleScreen_WriteExactlyTheThreeAbsent()
    {
        await using var bot = await TelegramDriver.StartAsync(_database, S, telegramPace: true);
        bot.Telegram.Limits.PerChatTolerance = TimeSpan.FromMilliseconds(150); // scheduling jitter of a shared machine, as in LessonFlowTests
        var teacher = await LessonWalk.LinkAsync(bot, _database, S, S.AlgebraTeacher.Id);
        var chat = long.Parse(teacher);
        var telegram = bot.Telegram;
        var list = (await bot.SayAsync(teacher, "/lesson")).Last();
        var rollCall = (await bot.PressAsync(teacher, list.Buttons.First(b => b.Label.StartsWith("2. 7-А", StringComparison.Ordinal)).Data)).Last();
        Assert.Contains("Перекличка", rollCall.Text);
        Assert.Contains("Відсутніх немає.", rollCall.Text);
        var lessonMessage = telegram.MessagesTo(chat).Single(m => m.Keyboard.SelectMany(r => r).Any(b => b.CallbackData == rollCall.Buttons[0].Data)).MessageId;
        var done = rollCall.Buttons.Single(b => b.Label == "Усі присутні").Data; // as the stale screen shows it

        // Five taps 100 ms apart, every one on the screen as it was before the first: Telegram shows a new screen at most once a second.
        var queries = new List<string>();
        foreach (var name in Taps)
        {
            queries.Add(telegram.UserPresses(chat, chat, rollCall.Buttons.Single(b => b.Label == name).Data, lessonMessage));
            await Task.Delay(100);
        }

        await FakeTelegramServer.WaitUntilAsync(() => queries.All(q => telegram.CallbackAnswers.Any(a => a.QueryId == q)), TimeSpan.FromSeconds(20), "every toggle to be answered");
        // Each toast names what changed, by the student's sex where the school recorded it.
        var toasts = queries.Select(q => telegram.CallbackAnswers.Single(a => a.QueryId == q).Text).ToList();
        Assert.Equal("Іваненко Олег — відсутній", toasts[0]);
        Assert.Equal("Петренко Марія — відсутня", toasts[1]);
        Assert.Equal("Учень05 Євгенія: н", toasts[3]);
        Assert.Equal(["Сидоренко Андрій: н", "Сидоренко Андрій: присутність"], new[] { toasts[2], toasts[4] }.Order());

        // «Готово» pressed from the same stale screen ("Усі присутні" there): it writes the server's draft, not the screen's.
        var doneQuery = telegram.UserPresses(chat, chat, done, lessonMessage);
        await FakeTelegramServer.WaitUntilAsync(() => telegram.CallbackAnswers.Any(a => a.QueryId == doneQuery), TimeSpan.FromSeconds(20), "«Готово» to be answered");
        await bot.ScreensSentAsync(chat);
        Assert.Equal("Перекличку записано: відсутні — 3", telegram.CallbackAnswers.Single(a => a.QueryId == doneQuery).Text);
        var final = telegram.MessagesTo(chat).Single(m => m.MessageId == lessonMessage);
        Assert.Contains(AbsentLine, final.PlainText.Split('\n'));
        Assert.DoesNotContain(final.Keyboard.SelectMany(r => r), b => Absent.Any(a => b.Text.Contains(a, StringComparison.Ordinal))); // the absent get no marks
        Assert.Contains(final.Keyboard.SelectMany(r => r), b => b.Text.Contains("Сидоренко А.", StringComparison.Ordinal)); // tapped twice: present
        Assert.Equal(0, telegram.OpenCallbackQueries);
        await AssertTheJournalAsync();

        // A second «Готово» from the stale screen writes nothing more.
        var again = telegram.UserPresses(chat, chat, done, lessonMessage);
        await FakeTelegramServer.WaitUntilAsync(() => telegram.CallbackAnswers.Any(a => a.QueryId == again), TimeSpan.FromSeconds(20), "the second «Готово» to be answered");
        await bot.ScreensSentAsync(chat);
        Assert.Equal("Перекличку вже записано", telegram.CallbackAnswers.Single(a => a.QueryId == again).Text);
        await AssertTheJournalAsync();
    }

    [Fact]
    public async Task Viber_TheSameTapsOnTheFirstScreen_WriteExactlyTheThreeAbsent()
    {
        await using var bot = await ViberDriver.StartAsync(_database, S);
        var teacher = await LessonWalk.LinkAsync(bot, _database, S, S.AlgebraTeacher.Id);
        var list = (await bot.SayAsync(teacher, "/lesson")).Last();
        var rollCall = (await bot.PressAsync(teacher, list.Buttons.First(b => b.Label.StartsWith("2. 7-А", StringComparison.Ordinal)).Data)).Last();
        Assert.Contains("Відсутніх немає.", rollCall.Text);

        // Every tap on the first roll call message's buttons (Viber sends each new screen as a new message; an older one stays tappable).
        ChatReply screen = rollCall;
        foreach (var name in Taps) screen = (await bot.PressAsync(teacher, rollCall.Buttons.Single(b => b.Label == name).Data)).Single();
        Assert.Contains($"Відсутні (3): {string.Join(", ", Absent)}", screen.Text);
        Assert.Contains("Сидоренко А.", screen.Buttons.Select(b => b.Label)); // tapped twice: present again
        Assert.Contains("н · Петренко М.", screen.Buttons.Select(b => b.Label));

        var marks = (await bot.PressAsync(teacher, rollCall.Buttons.Single(b => b.Label == "Усі присутні").Data)).Single();
        Assert.Contains(AbsentLine, marks.Text.Split('\n'));
        await AssertTheJournalAsync();
    }
}

/// <summary>
/// The draft where several bot processes serve one installation on PostgreSQL (webhook deliveries of one chat may be
/// handled side by side, ADR 0034): two engines over one database take ten toggles of one chat at once; none is lost.
/// </summary>
[Collection("postgres")]
public sealed class LessonFlowRollCallDraftOnPostgresTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.PostgresAsync(server);
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        await LessonWalk.GrowClassTo30Async(_database, S);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TwoProcesses_TenTogglesOfOneChatAtOnce_NoneIsLost()
    {
        await using var one = new EngineDriver(_database, S);
        await using var two = new EngineDriver(_database, S);
        var teacher = await LessonWalk.LinkAsync(one, _database, S, S.AlgebraTeacher.Id);
        var list = (await one.SayAsync(teacher, "/lesson")).Last();
        var rollCall = (await one.PressAsync(teacher, list.ButtonData("2. 7-А")!)).Single();
        var toggles = rollCall.Buttons.Where(b => b.Data.StartsWith("lf|t|", StringComparison.Ordinal)).Take(10).ToList();

        var screens = await Task.WhenAll(toggles.Select((b, i) => (i % 2 == 0 ? one : two).PressAsync(teacher, b.Data)));

        Assert.All(screens, s => Assert.Contains("Перекличка", Assert.Single(s).Text));
        var marks = (await two.PressAsync(teacher, rollCall.ButtonData("Усі присутні")!)).Single();
        Assert.Contains($"Відсутні (10): {string.Join(", ", toggles.Select(t => $"{t.Label} (н)"))}", marks.Text);
        await using var db = _database.NewContext();
        Assert.Equal(10, await db.Absences.CountAsync());
    }
}
