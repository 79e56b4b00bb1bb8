using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Archive;

/// <summary>
/// A closed year through Telegram (the fake Bot API over real HTTP): a teacher's /mark, /absent and /homework are refused
/// with the Ukrainian message of J-14 and nothing is written; a parent still reads the diary.
/// </summary>
public sealed class ClosedYearInTheBotTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private TelegramDriver _bot = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        // Closed early, on 20 November, with the director's confirmation: "today" is still a school day of the year.
        Assert.True((await YearArchiveTests.CloseAsync(_database, S.Clock, S.Year.Id, early: true)).IsSuccess);
        _bot = await TelegramDriver.StartAsync(_database, S);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<string> LinkedAsync(string person, PersonKind kind, Guid personId) => ArchiveChats.LinkedAsync(_bot, _database, S, person, kind, personId);

    private Task<string> SayAsync(string chat, string text) => ArchiveChats.SayAsync(_bot, chat, text);

    [Fact]
    public async Task InAClosedYear_MarkAbsentAndHomework_AreRefusedInUkrainian_AndNothingIsWritten()
    {
        var teacher = await LinkedAsync("algebra", PersonKind.Staff, S.AlgebraTeacher.Id);
        (int Lessons, int Marks, int Absences, long Audit) Counts(Bot.Domain.Persistence.JournalDbContext db) =>
            (db.Lessons.Count(), db.Marks.Count(), db.Absences.Count(), db.AuditRecords.LongCount());
        (int, int, int, long) before;
        await using (var db = _database.NewContext()) before = Counts(db);

        foreach (var command in new[] { "/mark 7-А алгебра Іваненко 10", "/absent 7-А Петренко", "/homework 7-А алгебра § 5, № 120" })
        {
            var reply = await SayAsync(teacher, command);
            Assert.Contains("навчальний рік закрито й архівовано", reply);
            Assert.DoesNotContain("Записано", reply);
        }

        await using (var db = _database.NewContext()) Assert.Equal(before, Counts(db));
        var mother = await LinkedAsync("mother", PersonKind.Guardian, S.IvanenkoMother.Id);
        Assert.Contains("Іваненко Олег", await SayAsync(mother, "/diary"));
    }
}
