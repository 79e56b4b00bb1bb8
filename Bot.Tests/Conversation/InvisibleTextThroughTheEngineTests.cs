using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// A homework or a lesson topic of only an invisible character (a zero-width space pasted from a messenger) is refused
/// through the bot in Ukrainian and changes nothing: it neither sets nor clears what the lesson already has.
/// </summary>
public sealed class InvisibleTextThroughTheEngineTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;
    private EngineDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) _s = await TestSchool.CreateAsync(db);
        _bot = new EngineDriver(_database, _s);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> AlgebraTeacherAsync()
    {
        string code;
        await using (var db = _database.NewContext())
            code = (await new InviteService(db, _s.Clock, new LinkingSettings()).CreateAsync(Actor.System(), PersonKind.Staff, _s.AlgebraTeacher.Id)).GetValueOrThrow().Code;
        var chat = _bot.ChatOf("algebra");
        Assert.Contains("Вітаємо", (await _bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    private async Task<string> SayAsync(string chat, string text) => string.Join("\n", (await _bot.SayAsync(chat, text)).Select(r => r.Text));

    private async Task<(string Topic, string? Homework, int Lessons, int Audit, int Outbox)> JournalAsync()
    {
        await using var db = _database.NewContext();
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.ClassId == _s.Class7A.Id && l.SubjectId == _s.Algebra.Id).ToListAsync();
        var last = lessons.OrderByDescending(l => l.Date).ThenByDescending(l => l.Slot).FirstOrDefault();
        return (last?.Topic ?? "", last?.Homework, lessons.Count, await db.AuditRecords.CountAsync(), await db.Outbox.CountAsync());
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u00A0\u200B\uFEFF")]
    [InlineData("\u00AD")]
    public async Task Homework_OfOnlyAnInvisibleCharacter_IsRefused_AndTheHomeworkStays(string invisible)
    {
        var teacher = await AlgebraTeacherAsync();
        Assert.Contains("Домашнє завдання записано", await SayAsync(teacher, "/homework 7-А алгебра № 301, 302"));
        var before = await JournalAsync();
        Assert.Equal("№ 301, 302", before.Homework);

        var reply = await SayAsync(teacher, "/homework 7-А алгебра " + invisible);
        Assert.Contains("Домашнє завдання складається лише з невидимих символів", reply);
        Assert.DoesNotContain("записано", reply);
        Assert.Equal(before, await JournalAsync());
    }

    [Fact]
    public async Task Homework_OfOnlyAnInvisibleCharacter_OnALessonNotYetRecorded_WritesNoLesson()
    {
        var teacher = await AlgebraTeacherAsync();
        var before = await JournalAsync();
        Assert.Equal(0, before.Lessons);
        Assert.Contains("невидимих символів", await SayAsync(teacher, "/homework 7-А алгебра \u200B"));
        Assert.Equal(before, await JournalAsync());
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u2060\u200D")]
    public async Task LessonTopic_OfOnlyAnInvisibleCharacter_IsRefused_AndTheTopicStays(string invisible)
    {
        var teacher = await AlgebraTeacherAsync();
        Assert.DoesNotContain("невидимих", await SayAsync(teacher, "/lesson 7-А алгебра Лінійні рівняння"));
        var before = await JournalAsync();
        Assert.Equal("Лінійні рівняння", before.Topic);

        var reply = await SayAsync(teacher, "/lesson 7-А алгебра " + invisible);
        Assert.Contains("Тема уроку складається лише з невидимих символів", reply);
        Assert.Equal(before, await JournalAsync());
    }

    [Fact]
    public async Task LessonTopic_WithInvisibleCharactersAtTheEnds_IsKeptWithoutThem()
    {
        var teacher = await AlgebraTeacherAsync();
        await SayAsync(teacher, "/lesson 7-А алгебра \u200BЛінійні рівняння\uFEFF");
        Assert.Equal("Лінійні рівняння", (await JournalAsync()).Topic);
    }
}
