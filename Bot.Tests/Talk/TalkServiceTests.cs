using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Domain.Talk;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Talk;

/// <summary>
/// <see cref="TalkService"/> on SQLite (ADR 0038): the flood limit per family person, a guardian without consent, and the
/// retention — a conversation is deleted with its messages and outbox rows once its school year and the school's years
/// more have passed, and not before.
/// </summary>
public sealed class TalkServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private readonly FakeTimeProvider _clock = new(TestSchool.Now);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        db.Consents.Add(new Consent(S.School.Id, S.IvanenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private TalkService Talk(Bot.Domain.Persistence.JournalDbContext db) =>
        new(db, new ConsentService(db, new NotificationRulesService(db, new NotificationDefaults(), _clock), _clock), _clock);

    [Fact]
    public async Task AFamilyWritesAtMostFiveMessagesInTenMinutes_AndAGuardianWithoutConsentNone()
    {
        await using var db = _database.NewContext();
        for (var i = 1; i <= TalkService.FloodLimit; i++)
            Assert.True((await Talk(db).FromFamilyAsync(PersonKind.Guardian, S.IvanenkoMother.Id, S.Ivanenko.Id, S.ClassTeacher.Id, Channel.Telegram, $"Питання {i}")).IsSuccess);
        var sixth = await Talk(db).FromFamilyAsync(PersonKind.Guardian, S.IvanenkoMother.Id, S.Ivanenko.Id, S.AlgebraTeacher.Id, Channel.Telegram, "Шосте");
        Assert.Equal(TalkService.Flood, sixth.Error);
        _clock.Advance(TalkService.FloodWindow);
        Assert.True((await Talk(db).FromFamilyAsync(PersonKind.Guardian, S.IvanenkoMother.Id, S.Ivanenko.Id, S.AlgebraTeacher.Id, Channel.Telegram, "Шосте")).IsSuccess);
        Assert.Equal(2, await db.TalkThreads.CountAsync()); // one per staff member; the five questions share the class teacher's

        var father = await Talk(db).FromFamilyAsync(PersonKind.Guardian, S.IvanenkoFather.Id, S.Ivanenko.Id, S.ClassTeacher.Id, Channel.Telegram, "Без згоди");
        Assert.Equal(TalkService.NoConsent, father.Error);
        Assert.Equal(6, await db.Outbox.CountAsync(o => o.Kind == NotificationKind.FamilyMessage));
    }

    [Fact]
    public async Task AConversationIsKeptForItsYearAndOneMore_ThenDeletedWithItsMessagesAndRows()
    {
        await using (var db = _database.NewContext())
            Assert.True((await Talk(db).FromFamilyAsync(PersonKind.Guardian, S.IvanenkoMother.Id, S.Ivanenko.Id, S.ClassTeacher.Id, Channel.Telegram, "Питання")).IsSuccess);

        // The year ends in 2027; kept through the next one.
        var endOfYear = S.Year.Semester2End;
        await using (var db = _database.NewContext())
        {
            Assert.Equal(0, await TalkService.DeleteExpiredAsync(db, endOfYear.AddYears(1).ToDateTime(TimeOnly.MinValue)));
            Assert.Equal(1, await db.TalkThreads.CountAsync());
        }

        await using (var db = _database.NewContext())
        {
            Assert.Equal(1, await TalkService.DeleteExpiredAsync(db, endOfYear.AddYears(1).AddDays(1).ToDateTime(TimeOnly.MinValue)));
            Assert.Equal(0, await db.TalkThreads.CountAsync());
            Assert.Equal(0, await db.TalkMessages.CountAsync());
            Assert.Equal(0, await db.Outbox.CountAsync(o => o.Kind == NotificationKind.FamilyMessage));
        }
    }
}
