using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// The council's "зараховано / не зараховано" in Telegram (docs/rules.md N-12; ADR 0047), through the fake Bot API server: in
/// semester I's window the algebra teacher's "/mark 7-А алгебра Іваненко незар сем1" is refused in Ukrainian (no decision for
/// grade 7) and writes nothing; once the deputy records the decision it is written, and the mother's /marks says
/// "І семестр: незар (не зараховано)".
/// </summary>
public sealed class MartialLawThroughTelegramTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private TelegramDriver _bot = null!;
    private readonly ShiftedClock _clock = new(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext())
        {
            S = await TestSchool.CreateAsync(db);
            db.Add(new Consent(S.School.Id, S.IvanenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }

        _bot = await TelegramDriver.StartAsync(_database, S, clock: _clock);
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
    public async Task NotCredited_RefusedWithoutTheDecision_WrittenWithIt_AndTheMotherReadsIt_N12()
    {
        var teacher = await LinkAsync("teacher", PersonKind.Staff, S.AlgebraTeacher.Id);
        var mother = await LinkAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);

        var refused = await SayAsync(teacher, "/mark 7-А алгебра Іваненко незар сем1");
        Assert.Contains("для 7 класу такого рішення немає", refused, StringComparison.Ordinal);
        await using (var db = _database.NewContext())
        {
            Assert.Equal(0, await db.Marks.CountAsync());
            (await new SchoolSetupService(db, _clock).SetCreditDecisionAsync(S.As(S.Deputy), S.Year.Id, new DateOnly(2026, 11, 28), "5", [5, 6, 7, 8, 10]))
                .GetValueOrThrow();
        }

        var written = await SayAsync(teacher, "/mark 7-А алгебра Іваненко незар сем1");
        Assert.Contains("Записано", written, StringComparison.Ordinal);
        Assert.Contains("Іваненко Олег — незар", written, StringComparison.Ordinal);

        var marks = await SayAsync(mother, "/marks");
        Assert.True(marks.Contains("І семестр: незар (не зараховано)", StringComparison.Ordinal), marks);
    }
}
