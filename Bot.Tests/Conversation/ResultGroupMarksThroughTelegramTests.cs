using Bot.Domain.Grading;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// N-7 in the bot: a teacher's typed /mark takes a group of results ("гр2", "ГР 1", the group's code) as its column in an
/// НУШ class, the confirmation names the group's title and the semester, and no alert goes; a non-НУШ class and an
/// unknown group are refused in Ukrainian (the latter with the subject's groups listed) and nothing is written.
/// Through the fake Telegram server, on SQLite.
/// </summary>
public sealed class ResultGroupMarksThroughTelegramTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private NusClass _nus = null!;
    private List<ResultGroup> _groups = null!;
    private TelegramDriver _bot = null!;

    // The week before semester I ends: when group marks are given.
    private readonly ShiftedClock _clock = new(new DateTimeOffset(2026, 12, 21, 8, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext())
        {
            S = await TestSchool.CreateAsync(db);
            _nus = await NusClass.AddAsync(db, S);
            (await new ResultGroupService(db, S.Clock).SeedDefaultsAsync(S.As(S.Deputy), S.School.Id, S.Year.Id)).GetValueOrThrow();
            _groups = (await db.ResultGroups.Where(g => g.SubjectId == _nus.Mathematics.Id).ToListAsync()).OrderBy(g => g.Number).ToList();
        }

        _bot = await TelegramDriver.StartAsync(_database, S, clock: _clock);
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
            code = (await new InviteService(db, _clock, new LinkingSettings()).CreateAsync(Bot.Domain.Journal.Actor.System(), PersonKind.Staff, S.AlgebraTeacher.Id))
                .GetValueOrThrow().Code;
        var chat = _bot.ChatOf("algebra");
        Assert.Contains("Вітаємо", (await _bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    private async Task<string> SayAsync(string chat, string text) => string.Join("\n", (await _bot.SayAsync(chat, text)).Select(r => r.Text));

    private async Task<List<Mark>> GroupMarksAsync()
    {
        await using var db = _database.NewContext();
        return await db.Marks.Where(m => m.Column == MarkColumn.ResultGroup1 || m.Column == MarkColumn.ResultGroup2).ToListAsync();
    }

    [Fact]
    public async Task Mark_WithAGroupOfResults_InAnNusClass_IsWrittenAndNamed_WithoutAnAlert()
    {
        var chat = await TeacherAsync();

        var reply = await SayAsync(chat, "/mark 6-А математика гр2: Кравчук 9, Мороз 10");
        Assert.Contains($"Записано: 6-А · Математика · ГР2 «{_groups[1].Title}», І семестр", reply, StringComparison.Ordinal);
        Assert.Contains("• Кравчук Ярина — 9", reply, StringComparison.Ordinal);
        Assert.Contains("• Мороз Назар — 10", reply, StringComparison.Ordinal);

        // One student, the group typed with a space after the mark and the semester named.
        reply = await SayAsync(chat, "/mark 6-А мат Мороз 8 ГР 1 1 сем");
        Assert.Contains($"Записано: 6-А · Математика · ГР1 «{_groups[0].Title}», І семестр", reply, StringComparison.Ordinal);
        Assert.Contains("• Мороз Назар — 8", reply, StringComparison.Ordinal);

        var marks = await GroupMarksAsync();
        Assert.Equal(3, marks.Count);
        Assert.All(marks, m => Assert.Equal((MarkColumn.ResultGroup1, S.Year.Semester1End), (m.Column, m.Date)));
        Assert.Equal("9", marks.Single(m => m.StudentId == _nus.Kravchuk.Id && m.ResultGroupId == _groups[1].Id).Value.Text);
        Assert.Equal("10", marks.Single(m => m.StudentId == _nus.Moroz.Id && m.ResultGroupId == _groups[1].Id).Value.Text);
        Assert.Equal("8", marks.Single(m => m.StudentId == _nus.Moroz.Id && m.ResultGroupId == _groups[0].Id).Value.Text);
        await using var db = _database.NewContext();
        Assert.Empty(await db.Outbox.ToListAsync());   // a group mark sends no alert (ADR 0032)
    }

    [Fact]
    public async Task Mark_WithAGroupOfResults_OutsideNus_OrAnUnknownGroup_IsRefusedAndWritesNothing()
    {
        var chat = await TeacherAsync();

        var notNus = await SayAsync(chat, "/mark 7-А алгебра Іваненко 9 гр1");
        Assert.Equal("7-А — не клас НУШ: оцінки за групами результатів ставлять лише в класах НУШ.", notNus);

        var unknown = await SayAsync(chat, "/mark 6-А математика гр5: Кравчук 9, Мороз 10");
        Assert.StartsWith("6-А · Математика: Групи результатів «гр5» немає. Групи цього предмета:", unknown, StringComparison.Ordinal);
        foreach (var g in _groups) Assert.Contains($"• {g.Code} — {g.Title}", unknown, StringComparison.Ordinal);
        Assert.Contains("Наприклад: /mark 6-А математика гр1: Кравчук 10", unknown, StringComparison.Ordinal);

        var another = await SayAsync(chat, "/mark 6-А математика Кравчук 9 гр1 тем");
        Assert.Equal("В одній команді — одна колонка, а тут «гр1» і «тем».", another);

        Assert.Empty(await GroupMarksAsync());
        await using var db = _database.NewContext();
        Assert.Empty(await db.Marks.ToListAsync());
    }
}
