using Bot.Fakes;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Hangfire;

namespace Bot.Tests.Conversation.FamilyDays;

/// <summary>
/// The evening diary (ADR 0036) through the job, the outbox and the fake Telegram server: the day's lessons, then
/// "Задано на завтра" (homework due on the next school day) and tomorrow's timetable with its changes; the homework
/// due today, done by now, is not repeated.
/// </summary>
public sealed class EveningDiaryTests : IAsyncLifetime
{
    /// <summary>Wednesday 18 November 2026, 18:05 in Kyiv.</summary>
    private static readonly DateTimeOffset WednesdayEvening = new(2026, 11, 18, 16, 5, 0, TimeSpan.Zero);

    private DeliveryHost _h = null!;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task WednesdayEvening_SaysWhatIsSetForTomorrow_AndTomorrowsTimetableWithItsChange()
    {
        await DiaryWeek.CreateAsync(_h.Database, _h.S);
        await using (var db = _h.Db())
            (await new Bot.Domain.Timetable.DayChangeService(db, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(WednesdayEvening)).RecordAsync(_h.S.As(_h.S.Deputy), _h.S.School.Id,
                new Bot.Domain.Timetable.DayChangeInput(Bot.Domain.Timetable.DayChangeKind.Substitution, _h.S.Class7A.Id, new DateOnly(2026, 11, 19), 1,
                    SubstituteId: _h.S.OtherTeacher.Id))).GetValueOrThrow();
        var mother = await _h.LinkAsync(_h.S.IvanenkoMother, 741001);
        await _h.StartAsync(clock: new ShiftedClock(WednesdayEvening), telegramPace: false);

        var storage = _h.Host!.Service<JobStorage>();
        var before = storage.GetMonitoringApi().SucceededListCount();
        _h.Host.Service<IRecurringJobManager>().Trigger(DailyDiaryJob.Id);
        await FakeTelegramServer.WaitUntilAsync(() => storage.GetMonitoringApi().SucceededListCount() > before, TimeSpan.FromSeconds(20), "the evening diary");
        var diary = Assert.Single(await _h.Telegram.WaitForMessagesAsync(mother)).PlainText;

        Assert.StartsWith("Іваненко Олег, 7-А\nСьогодні, 18 листопада\n2. Алгебра — 8", diary);
        Assert.Contains("Задано на завтра, четвер, 19 листопада:\n• Українська мова: Вправа 60\n• Англійська мова (I група): p. 26, ex. 5", diary);
        Assert.Contains("Розклад на завтра, четвер, 19 листопада:\n1. Українська мова (08:30) — заміна: Ткаченко А. М.\n3. Англійська мова (I група) (10:20)", diary);
        Assert.DoesNotContain("№ 110, 111", diary); // Monday's algebra homework, due today
        Assert.DoesNotContain("Задано на цей день", diary);
    }
}
