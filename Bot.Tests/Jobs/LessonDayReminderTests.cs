using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Fakes;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Jobs;

/// <summary>
/// A teacher's day (ADR 0034): after the school's last lesson by its bell times, the teacher's lessons of
/// the day without a topic or a roll call come in one message through the outbox to the fake Telegram server, each with a
/// button into the lesson flow — which opens on that day and is refused the next. Nothing on a fully recorded day, a
/// holiday, or a day whose lesson was cancelled. The test school: Friday 20 November 2026, 7-А's algebra is lesson 2 by
/// the timetable; bells 1 08:30–09:15, 2 09:25–10:10 (Kyiv, UTC+2).
/// </summary>
public sealed class LessonDayReminderTests : IAsyncLifetime
{
    private const long TeacherChat = 750301;

    /// <summary>Friday 20 November 2026, 10:20 in Kyiv: lesson 2, the day's last, ended at 10:10.</summary>
    private static readonly DateTimeOffset AfterLessons = new(2026, 11, 20, 8, 20, 0, TimeSpan.Zero);

    private DeliveryHost _h = null!;
    private ShiftedClock _clock = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync()
    {
        _h = await DeliveryHost.CreateAsync();
        await using var db = _h.Db();
        db.BellSlots.AddRange(new BellSlot(S.School.Id, 1, new TimeOnly(8, 30), new TimeOnly(9, 15)), new BellSlot(S.School.Id, 2, new TimeOnly(9, 25), new TimeOnly(10, 10)));
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.AlgebraTeacher.Id, TeacherChat);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task StartAsync(DateTimeOffset at)
    {
        _clock = new ShiftedClock(at);
        await _h.StartAsync(clock: _clock, telegramPace: false);
    }

    /// <summary>Fires the job as Hangfire would, and waits until it succeeded.</summary>
    private async Task RunJobAsync()
    {
        var storage = _h.Host!.Service<JobStorage>();
        var before = storage.GetMonitoringApi().SucceededListCount();
        _h.Host!.Service<IRecurringJobManager>().Trigger(LessonDayReminderJob.Id);
        await FakeTelegramServer.WaitUntilAsync(() => storage.GetMonitoringApi().SucceededListCount() > before, TimeSpan.FromSeconds(20), "the reminder job to succeed");
    }

    private async Task<bool> DayCheckedAsync()
    {
        await using var db = _h.Db();
        return await db.Outbox.AsNoTracking().AnyAsync(o => o.IdempotencyKey == LessonDayReminderJob.CheckedKey(S.School.Id, TestSchool.Today));
    }

    private async Task<Guid> AlgebraLessonAsync(string topic)
    {
        await using var db = _h.Db();
        return (await S.Journal(db).RecordLessonAsync(S.As(S.AlgebraTeacher), new Bot.Domain.Journal.LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, topic),
            notify: false)).GetValueOrThrow().Id;
    }

    [Fact]
    public async Task UnrecordedLesson_OneMessageWithAButton_TheTapOpensTheFlow_AndTheNextDayItIsRefused()
    {
        await AlgebraLessonAsync("Рівняння"); // a topic, but no roll call taken
        await StartAsync(AfterLessons);

        await RunJobAsync();

        var reminder = Assert.Single(await _h.Telegram.WaitForMessagesAsync(TeacherChat));
        Assert.Equal("Незаписані уроки за 20.11.2026 (пʼятниця)\nУроки записують у день, коли їх проведено. Допишіть, поки триває цей день:\n"
            + "• Урок 2 · 7-А · Алгебра: перекличку не проведено", reminder.PlainText);
        var button = Assert.Single(reminder.Keyboard.SelectMany(r => r));
        Assert.Equal("Урок 2 · 7-А · Алгебра", button.Text);

        // A second run of the day writes nothing more.
        await RunJobAsync();
        await Task.Delay(300);
        Assert.Single(_h.Telegram.MessagesTo(TeacherChat));

        // The tap opens the lesson flow, in a message of its own: the roll call of 7-А's algebra.
        var query = _h.Telegram.UserPresses(TeacherChat, TeacherChat, button.CallbackData!, reminder.MessageId);
        await FakeTelegramServer.WaitUntilAsync(() => _h.Telegram.CallbackAnswers.Any(a => a.QueryId == query), TimeSpan.FromSeconds(20), "the press to be answered");
        var flow = (await _h.Telegram.WaitForMessagesAsync(TeacherChat, 2, TimeSpan.FromSeconds(20)))[1];
        Assert.Contains("7-А · Алгебра", flow.PlainText);
        Assert.Contains("20.11.2026, урок 2", flow.PlainText);
        Assert.Contains("Перекличка:", flow.PlainText);
        Assert.Contains(flow.Keyboard.SelectMany(r => r), b => b.Text == "Усі присутні");
        Assert.Equal(reminder.PlainText, _h.Telegram.MessagesTo(TeacherChat)[0].PlainText); // the reminder stays as it was

        // The next day the same button is refused, and nothing is opened or written.
        _clock.Advance(TimeSpan.FromDays(1));
        int lessons;
        await using (var db = _h.Db()) lessons = await db.Lessons.CountAsync();
        query = _h.Telegram.UserPresses(TeacherChat, TeacherChat, button.CallbackData!, reminder.MessageId);
        await FakeTelegramServer.WaitUntilAsync(() => _h.Telegram.CallbackAnswers.Any(a => a.QueryId == query), TimeSpan.FromSeconds(20), "the stale press to be answered");
        var refusal = (await _h.Telegram.WaitForMessagesAsync(TeacherChat, 3, TimeSpan.FromSeconds(20)))[2];
        Assert.Equal("Це нагадування про уроки 20.11.2026. Урок записують у день, коли його проведено, тож у боті його вже не відкрити. "
            + "Якщо запис потрібен, зверніться до заступника директора.", refusal.PlainText);
        Assert.Empty(refusal.Keyboard);
        await using (var db = _h.Db()) Assert.Equal(lessons, await db.Lessons.CountAsync());
    }

    [Fact]
    public async Task BeforeTheLastLessonEnds_NothingYet()
    {
        await StartAsync(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero)); // 10:00: lesson 2 is still on
        await RunJobAsync();
        await Task.Delay(500);
        Assert.Empty(_h.Telegram.MessagesTo(TeacherChat));
        Assert.False(await DayCheckedAsync());
    }

    [Fact]
    public async Task FullyRecordedDay_NoMessage()
    {
        var lesson = await AlgebraLessonAsync("Рівняння");
        await using (var db = _h.Db())
            (await S.Journal(db).TakeRollCallAsync(S.As(S.AlgebraTeacher), lesson, [])).GetValueOrThrow();
        await StartAsync(AfterLessons);

        await RunJobAsync();
        await Task.Delay(500);

        Assert.True(await DayCheckedAsync()); // the day was looked at
        Assert.Empty(_h.Telegram.MessagesTo(TeacherChat));
        await using var check = _h.Db();
        Assert.False(await check.Outbox.AnyAsync(o => o.Kind == NotificationKind.LessonsToRecord && o.State != OutboxState.Cancelled));
    }

    [Theory]
    [InlineData("holiday")]
    [InlineData("cancelled")]
    public async Task HolidayOrCancelledLesson_NoMessage(string day)
    {
        await using (var db = _h.Db())
        {
            if (day == "holiday")
            {
                (await new SchoolSetupService(db, S.Clock).AddHolidayAsync(S.As(S.Deputy), S.Year.Id, "День пам'яті", TestSchool.Today, TestSchool.Today)).GetValueOrThrow();
            }
            else
            {
                db.DayChanges.Add(DayChange.Cancellation(S.School.Id, S.Class7A.Id, TestSchool.Today, 2, S.Algebra.Id, null, S.Deputy.Id, TestSchool.Now.UtcDateTime, null));
            }

            await db.SaveChangesAsync();
        }

        await StartAsync(AfterLessons);
        await RunJobAsync();
        await Task.Delay(500);

        Assert.Empty(_h.Telegram.MessagesTo(TeacherChat));
        await using var check = _h.Db();
        Assert.False(await check.Outbox.AnyAsync(o => o.Kind == NotificationKind.LessonsToRecord && o.State != OutboxState.Cancelled));
    }

    [Fact]
    public async Task TeacherWithoutALinkedChat_NoRow()
    {
        await using (var db = _h.Db())
        {
            foreach (var link in await db.ChatLinks.Where(l => l.PersonId == S.AlgebraTeacher.Id).ToListAsync()) link.Deactivate("test", TestSchool.Now.UtcDateTime);
            await db.SaveChangesAsync();
        }

        await StartAsync(AfterLessons);
        await RunJobAsync();

        Assert.True(await DayCheckedAsync());
        await using var check = _h.Db();
        Assert.False(await check.Outbox.AnyAsync(o => o.Kind == NotificationKind.LessonsToRecord && o.State != OutboxState.Cancelled));
    }
}
