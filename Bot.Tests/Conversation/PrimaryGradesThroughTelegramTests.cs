using Bot.Domain.Grading;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// A 3rd grade's semester result in Telegram (docs/rules.md N-14), through the fake Bot API server with the delivery
/// running: in semester I's window the reading teacher types "/mark 3-А … Д сем1", the confirmation names the semester's
/// end, a 12-point mark is refused in Ukrainian and writes nothing; the mother hears of the level after the undo window,
/// and her /marks and the day's diary show "І семестр: Д (достатній)".
/// </summary>
public sealed class PrimaryGradesThroughTelegramTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private Guardian _mother = null!;
    private TelegramDriver _bot = null!;

    // 14 December: inside semester I's window of the test school (13.12.2026–11.01.2027).
    private readonly ShiftedClock _clock = new(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext())
        {
            S = await TestSchool.CreateAsync(db);
            (await db.Schools.SingleAsync()).SetUndoWindow(Window);
            _mother = new Guardian(S.School.Id, "Ґудзь", "Ірина");
            db.Add(_mother);
            db.Add(new GuardianStudent(_mother.Id, S.Primary.Id, "мати"));
            db.Add(new Consent(S.School.Id, _mother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }

        _bot = await TelegramDriver.StartAsync(_database, S, clock: _clock,
            settings: new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:00:00.100" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> LinkAsync(string person, PersonKind kind, Guid id)
    {
        string code;
        await using (var db = _database.NewContext())
            code = (await new InviteService(db, _clock, new LinkingSettings()).CreateAsync(Bot.Domain.Journal.Actor.System(), kind, id)).GetValueOrThrow().Code;
        var chat = _bot.ChatOf(person);
        Assert.Contains("Вітаємо", (await _bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    private async Task<string> SayAsync(string chat, string text) => string.Join("\n", (await _bot.SayAsync(chat, text)).Select(r => r.Text));

    [Fact]
    public async Task SemesterLevel_OfA3rdGrade_TypedByTheTeacher_ReachesTheMother_AndHerMarksAndDiary_N14()
    {
        var teacher = await LinkAsync("teacher", PersonKind.Staff, S.OtherTeacher.Id);
        var mother = await LinkAsync("mother", PersonKind.Guardian, _mother.Id);

        var points = await SayAsync(teacher, "/mark 3-А літературне читання Ґудзь 10 сем1");
        Assert.Contains("«10» не підходить: у 3 класі ставлять рівні П, С, Д або В.", points, StringComparison.Ordinal);
        await using (var db = _database.NewContext())
            Assert.Equal(0, await db.Marks.CountAsync());

        var written = await SayAsync(teacher, "/mark 3-А літературне читання Ґудзь Д сем1");
        Assert.Contains("Записано", written, StringComparison.Ordinal);
        Assert.Contains("І семестр, 26.12.2026", written, StringComparison.Ordinal);
        Assert.Contains("Ґудзь Олена — Д", written, StringComparison.Ordinal);

        var before = _bot.Telegram.MessagesTo(long.Parse(mother)).Count;
        _clock.Advance(Window + TimeSpan.FromSeconds(5));
        var sent = (await _bot.Telegram.WaitForMessagesAsync(long.Parse(mother), before + 1, TimeSpan.FromSeconds(20))).Skip(before).ToList();
        var alert = string.Join("\n", sent.Select(x => x.PlainText));
        Assert.Contains("Ґудзь Олена: і семестр: Д з літературного читання (26.12)", alert, StringComparison.Ordinal);

        var marks = await SayAsync(mother, "/marks");
        Assert.True(marks.Contains("І семестр: Д (достатній)", StringComparison.Ordinal), marks);
        Assert.Contains("Ґудзь Олена: оцінки за І семестр", marks, StringComparison.Ordinal);
        Assert.Contains("І семестр: Д (достатній)", marks, StringComparison.Ordinal);

        var diary = await SayAsync(mother, "/diary 26.12");
        Assert.True(diary.Contains("Літературне читання — і семестр: Д", StringComparison.Ordinal), diary);
        Assert.Contains("Літературне читання — і семестр: Д", diary, StringComparison.Ordinal);

        await using (var db = _database.NewContext())
        {
            var mark = await db.Marks.SingleAsync();
            Assert.Equal((MarkColumn.Semester1, "Д", S.Year.Semester1End), (mark.Column, mark.Value.Text, mark.Date));
        }
    }
}
