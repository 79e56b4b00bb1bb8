using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation.FamilyDays;

/// <summary>
/// Families (ADR 0041): through the fake Telegram server and the outbox: /settings is one message edited in place
/// by every tap (each press answered), the evening diary at a chosen 19:45 comes at 19:45 and not before, and quiet
/// hours from 21:30 to 07:15 let an announcement through at 21:20 and hold one of 21:40 until 07:15.
/// </summary>
public sealed class SettingsInPlaceTests : IAsyncLifetime
{
    /// <summary>Wednesday 18 November 2026, 17:30 in Kyiv (before the school's 18:00 diary).</summary>
    private static readonly DateTimeOffset WednesdayAfternoon = new(2026, 11, 18, 15, 30, 0, TimeSpan.Zero);

    /// <summary>The same Wednesday, 21:15 in Kyiv.</summary>
    private static readonly DateTimeOffset WednesdayNight = new(2026, 11, 18, 19, 15, 0, TimeSpan.Zero);

    private DeliveryHost _h = null!;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Presses buttons by label start, one after another on the settings message; asserts each was an edit of it, answered, and no message was sent.</summary>
    private async Task<ChatReply> TapAsync(TelegramDriver bot, long chat, ChatReply screen, params string[] labels)
    {
        var telegram = _h.Telegram;
        var (messages, edits, answers) = (telegram.MessagesTo(chat).Count, telegram.EditsTo(chat).Count, telegram.CallbackAnswers.Count);
        var settingsMessage = telegram.MessagesTo(chat)[^1].MessageId;
        foreach (var label in labels)
            screen = Assert.Single(await bot.PressAsync(chat.ToString(System.Globalization.CultureInfo.InvariantCulture),
                screen.ButtonData(label) ?? throw new Xunit.Sdk.XunitException($"no button «{label}» in:\n{screen.Text}\n{string.Join(" | ", screen.Buttons.Select(b => b.Label))}")));
        Assert.Equal(messages, telegram.MessagesTo(chat).Count); // nothing new: the same message, edited
        var made = telegram.EditsTo(chat).Skip(edits).ToList();
        Assert.Equal(labels.Length, made.Count);
        Assert.All(made, e => Assert.Equal(settingsMessage, e.MessageId));
        Assert.Equal(labels.Length, telegram.CallbackAnswers.Count - answers);
        Assert.Equal(0, telegram.OpenCallbackQueries);
        return screen;
    }

    private async Task RunTheDiaryJobAsync()
    {
        var storage = _h.Host!.Service<JobStorage>();
        var before = storage.GetMonitoringApi().SucceededListCount();
        _h.Host.Service<IRecurringJobManager>().Trigger(DailyDiaryJob.Id);
        await FakeTelegramServer.WaitUntilAsync(() => storage.GetMonitoringApi().SucceededListCount() > before, TimeSpan.FromSeconds(20), "the evening diary job");
        await _h.SettledAsync();
    }

    [Fact]
    public async Task DiaryAt1945_ChosenByHourThenQuarter_InOneEditedMessage_ComesAt1945_NotBefore()
    {
        await DiaryWeek.CreateAsync(_h.Database, _h.S);
        var chat = await _h.LinkAsync(_h.S.IvanenkoMother, 741101);
        await _h.StartAsync(telegramPace: false, clock: new ShiftedClock(WednesdayAfternoon));
        var bot = TelegramDriver.Over(_h.Host!);

        var settings = Assert.Single(await bot.SayAsync("741101", "/settings"));
        Assert.Contains("щоденник щовечора о 18:00 (як у школі)", settings.Text);
        var hours = await TapAsync(bot, chat, settings, "🕒 Щоденник о 18:00");
        Assert.Equal(["15:…", "16:…", "17:…", "▸18:…", "19:…", "20:…", "21:…", "22:…"], hours.Buttons.Select(b => b.Label).Where(l => l.EndsWith(":…", StringComparison.Ordinal)));
        var saved = await TapAsync(bot, chat, hours, "19:", "19:45");
        Assert.Contains("щоденник щовечора о 19:45", saved.Text);
        Assert.DoesNotContain("19:45 (як у школі)", saved.Text);
        Assert.Contains("Що надходитиме", saved.Text); // the whole screen, edited
        await using (var db = _h.Db())
            Assert.Equal(new TimeOnly(19, 45), (await db.Preferences.SingleAsync(p => p.PersonId == _h.S.IvanenkoMother.Id)).DailyDiaryTime);
        var before = _h.Telegram.MessagesTo(chat).Count;

        await _h.AdvanceAsync(TimeSpan.FromMinutes(130)); // 19:40
        await RunTheDiaryJobAsync();
        Assert.Equal(before, _h.Telegram.MessagesTo(chat).Count);
        Assert.Empty(await _h.RowsAsync(NotificationKind.DailyDiary));

        await _h.AdvanceAsync(TimeSpan.FromMinutes(5)); // 19:45
        await RunTheDiaryJobAsync();
        var diary = (await _h.Telegram.WaitForMessagesAsync(chat, before + 1, TimeSpan.FromSeconds(20)))[^1].PlainText;
        Assert.StartsWith("Іваненко Олег, 7-А", diary);
    }

    [Fact]
    public async Task QuietFrom2130To0715_ChosenInOneEditedMessage_LetsThrough2120_AndHolds2140UntilMorning()
    {
        var chat = await _h.LinkAsync(_h.S.IvanenkoMother, 741102);
        await _h.StartAsync(telegramPace: false, clock: new ShiftedClock(WednesdayNight));
        var bot = TelegramDriver.Over(_h.Host!);

        var settings = Assert.Single(await bot.SayAsync("741102", "/settings"));
        Assert.Contains("тиша з 21:00 до 07:30", settings.Text); // the school's
        var saved = await TapAsync(bot, chat, settings, "🌙 Тиша 21:00–07:30", "21:", "21:30", "07:", "07:15");
        Assert.Contains("🌙 тиша з 21:30 до 07:15", saved.Text);
        Assert.DoesNotContain("07:15: сповіщення прийдуть зранку (як у школі)", saved.Text);
        var before = _h.Telegram.MessagesTo(chat).Count;

        await _h.AdvanceAsync(TimeSpan.FromMinutes(5)); // 21:20: before her quiet hours (the school's began at 21:00)
        await AnnounceAsync("evening", "Завтра екскурсія.");
        Assert.Equal("Завтра екскурсія.", (await _h.Telegram.WaitForMessagesAsync(chat, before + 1, TimeSpan.FromSeconds(20)))[^1].PlainText);

        await _h.AdvanceAsync(TimeSpan.FromMinutes(20)); // 21:40: quiet
        await AnnounceAsync("night", "Візьміть змінне взуття.");
        var held = (await _h.RowsAsync()).Single(r => r.IdempotencyKey == "night");
        Assert.Equal((OutboxState.Held, DeliveryRules.QuietHours), (held.State, held.LastError));
        Assert.Equal(new DateTime(2026, 11, 19, 5, 15, 0, DateTimeKind.Utc), held.NotBeforeUtc); // 07:15 in Kyiv
        await _h.AdvanceAsync(new DateTime(2026, 11, 19, 5, 10, 0, DateTimeKind.Utc) - _h.Clock!.GetUtcNow().UtcDateTime); // 07:10
        Assert.Equal(before + 1, _h.Telegram.MessagesTo(chat).Count);
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5)); // 07:15
        Assert.Equal("Візьміть змінне взуття.", (await _h.Telegram.WaitForMessagesAsync(chat, before + 2, TimeSpan.FromSeconds(20)))[^1].PlainText);
    }

    private async Task AnnounceAsync(string key, string text)
    {
        var now = _h.Clock!.GetUtcNow().UtcDateTime;
        await using (var db = _h.Db())
        {
            db.Outbox.Add(new OutboxMessage(_h.S.School.Id, key, RecipientKind.Guardian, _h.S.IvanenkoMother.Id, NotificationKind.Announcement,
                System.Text.Json.JsonSerializer.Serialize(new { text }), now, now));
            await db.SaveChangesAsync();
        }

        await _h.SettledAsync();
    }
}

/// <summary>
/// Families: forged or stale buttons — a time off the lists, a child not the parent's own, a write
/// command carried by a narrowing button — get the stale-button answer and change nothing.
/// </summary>
public sealed class SettingsAndChildrenRefusalTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ForgedButtons_AreRefused_AndChangeNothing()
    {
        await using var bot = new EngineDriver(_database, S);
        var mother = bot.ChatOf("mother");
        await using (var db = _database.NewContext())
        {
            var code = (await new InviteService(db, S.Clock, new LinkingSettings()).CreateAsync(Bot.Domain.Journal.Actor.System(), PersonKind.Guardian, S.IvanenkoMother.Id))
                .GetValueOrThrow().Code;
            await bot.SayAsync(mother, "/start " + code);
        }

        foreach (var data in new[]
                 {
                     "st|t|23|00", "st|t|22|15", "st|t|19|20", "st|t|14", "st|t|19|x", "st|qs|15|00", "st|qs|21|10", "st|qe|2130|12|00", "st|qe|1200|7|15",
                     "st|qe|2130|7|5", "st|q|on",
                     $"ch|{Bot.Host.Conversation.ButtonData.Id(S.Petrenko.Id)}|/diary", // not her child
                     $"ch|{Bot.Host.Conversation.ButtonData.Id(S.Ivanenko.Id)}|/absent завтра, хворіє", // a write is never carried by a narrowing button
                 })
        {
            var reply = Assert.Single(await bot.PressAsync(mother, data));
            Assert.Equal("Ця кнопка вже неактуальна. Повторіть команду.", reply.Text);
        }

        await using var check = _database.NewContext();
        var prefs = await check.Preferences.SingleOrDefaultAsync(p => p.PersonId == S.IvanenkoMother.Id);
        Assert.True(prefs is null || (!prefs.OwnDiaryTime && !prefs.OwnQuietHours), "a refused press changed the settings");
        Assert.Empty(await check.AbsenceNotices.ToListAsync());
    }
}
