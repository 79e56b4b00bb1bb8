using Bot.Domain.Grading;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// Period marks in their time (M-6, M-7, M-8; ADR 0033) as a teacher meets them in Telegram, through the fake Bot API server
/// with the delivery running: a typed "/mark … сем1" on 20 November is refused with the Ukrainian message naming the window's
/// dates, writes nothing and nothing reaches Іваненко's mother past the undo window; on 14 December the same command is
/// written and the mother hears of it. An annual mark in December is refused with its own window. Time: the bot's clock is
/// shifted to the test school's 20 November and moved on.
/// </summary>
public sealed class PeriodMarksThroughTelegramTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private TelegramDriver _bot = null!;
    private readonly ShiftedClock _clock = new(TestSchool.Now);
    private const long MotherChat = 730001L;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext())
        {
            S = await TestSchool.CreateAsync(db);
            (await db.Schools.SingleAsync()).SetUndoWindow(Window);
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id, MotherChat);
            db.Add(new Consent(S.School.Id, S.IvanenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
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

    private async Task<string> TeacherAsync()
    {
        string code;
        await using (var db = _database.NewContext())
            code = (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Bot.Domain.Journal.Actor.System(), PersonKind.Staff, S.AlgebraTeacher.Id))
                .GetValueOrThrow().Code;
        var chat = _bot.ChatOf("algebra");
        Assert.Contains("Вітаємо", (await _bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    private async Task<string> SayAsync(string chat, string text) => string.Join("\n", (await _bot.SayAsync(chat, text)).Select(r => r.Text));

    [Fact]
    public async Task SemesterMark_TypedInNovember_IsRefusedNamingTheWindow_AndNothingReachesTheParent_InTheWindow_ItIsWritten_M6_M8()
    {
        var teacher = await TeacherAsync();

        // 20 November: the semester-I mark and the annual mark are not open yet.
        var refused = await SayAsync(teacher, "/mark 7-А алгебра Іваненко 11 сем1");
        Assert.Equal("Семестрову оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027.", refused);
        var annual = await SayAsync(teacher, "/mark 7-А алгебра Іваненко 11 річна");
        Assert.Equal("Річну оцінку можна виставити з 17.05.2027 до 10.06.2027.", annual);
        await using (var db = _database.NewContext())
        {
            Assert.Equal(0, await db.Marks.CountAsync());
            Assert.Equal(0, await db.Outbox.CountAsync());
        }

        // Past the undo window the mother's chat is still silent: a refused write sends nothing.
        _clock.Advance(Window + TimeSpan.FromSeconds(5));
        await Task.Delay(1500);
        Assert.Empty(_bot.Telegram.MessagesTo(MotherChat));

        // 14 December, inside the window: written, placed at the semester's end, and the mother hears of it after the window.
        _clock.Advance(TimeSpan.FromDays(24));
        var written = await SayAsync(teacher, "/mark 7-А алгебра Іваненко 11 сем1");
        Assert.Contains("Записано", written);
        Assert.Contains("І семестр, 26.12.2026", written);
        Assert.Contains("Іваненко Олег — 11", written);
        // The annual mark stays shut: its own window is at the end of semester II.
        Assert.Equal("Річну оцінку можна виставити з 17.05.2027 до 10.06.2027.", await SayAsync(teacher, "/mark 7-А алгебра Іваненко 11 річна"));

        _clock.Advance(Window + TimeSpan.FromSeconds(5));
        var sent = await _bot.Telegram.WaitForMessagesAsync(MotherChat, 1, TimeSpan.FromSeconds(20));
        Assert.Contains("11", Assert.Single(sent).PlainText);
        await using (var db = _database.NewContext())
            Assert.Equal(MarkColumn.Semester1, (await db.Marks.SingleAsync()).Column);
    }
}
