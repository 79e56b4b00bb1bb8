using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Jobs;

/// <summary>
/// The recurring jobs: registered in the school's time zone, fired with Hangfire's own <c>TriggerJob</c> on a clock that
/// stands at the hour asked for; what they compose goes through the outbox to the fake Telegram server.
/// </summary>
public sealed class ScheduledJobsTests : IAsyncLifetime
{
    /// <summary>Friday 20 November 2026, 18:05 in Kyiv (UTC+2).</summary>
    private static readonly DateTimeOffset Evening = new(2026, 11, 20, 16, 5, 0, TimeSpan.Zero);

    private DeliveryHost _h = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync() => _h = await DeliveryHost.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private JobStorage Storage => _h.Host!.Service<JobStorage>();

    /// <summary>Fires a recurring job now and waits until Hangfire says it succeeded.</summary>
    private async Task TriggerAsync(string id)
    {
        var before = Storage.GetMonitoringApi().SucceededListCount();
        _h.Host!.Service<IRecurringJobManager>().Trigger(id);
        await FakeTelegramServer.WaitUntilAsync(() => Storage.GetMonitoringApi().SucceededListCount() > before, TimeSpan.FromSeconds(20), $"job {id} to succeed");
    }

    private async Task<Lesson> AlgebraLessonAsync(DateOnly date, string topic, string? homework = null)
    {
        await using var db = _h.Db();
        return (await S.Journal(db).RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, date, 2, topic, Homework: homework), notify: false))
            .GetValueOrThrow();
    }

    private async Task CellsAsync(Lesson lesson, params (Student Student, string Text)[] cells)
    {
        await using var db = _h.Db();
        (await S.Journal(db).SetCellsAsync(Actor.System(), cells.Select(c => new CellInput(c.Student.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, c.Text, lesson.Id)).ToList(),
            notify: false)).GetValueOrThrow();
    }

    [Fact]
    public async Task RecurringJobs_AreRegisteredAtStart_InTheSchoolsTimeZone()
    {
        await _h.StartAsync(clock: new ShiftedClock(Evening));
        using var connection = Storage.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        Assert.Equal(DailyDiaryJob.Cron, jobs[DailyDiaryJob.Id].Cron);
        Assert.Equal(StaffDigestJobs.WeekCron, jobs[StaffDigestJobs.WeekId].Cron);
        Assert.Equal(StaffDigestJobs.RunsCron, jobs[StaffDigestJobs.RunsId].Cron);
        Assert.Equal(HousekeepingJob.Cron, jobs[HousekeepingJob.Id].Cron);
        Assert.Equal(LessonDayReminderJob.Cron, jobs[LessonDayReminderJob.Id].Cron);
        Assert.Equal(AuditHeadJob.Cron, jobs[AuditHeadJob.Id].Cron);
        Assert.All(jobs.Values, j => Assert.Contains(j.TimeZoneId, new[] { "Europe/Kyiv", "Europe/Kiev" }));

        // The staff digests run every quarter hour; each school acts at its own Friday 15:00 (ADR 0022, TenancyJobsTests).
        var next = TimeZoneInfo.ConvertTimeFromUtc(jobs[StaffDigestJobs.WeekId].NextExecution!.Value, Bot.Domain.Schools.SchoolTime.Resolve("Europe/Kyiv"));
        Assert.Equal(0, next.Minute % 15);
    }

    [Fact]
    public async Task DailyDiary_AtSixInTheEvening_GoesToEachFamilyWhoseTimeHasCome_Once()
    {
        var lesson = await AlgebraLessonAsync(TestSchool.Today, "Лінійні рівняння", "№ 214, 215");
        await CellsAsync(lesson, (S.Ivanenko, "10"), (S.Petrenko, "н"));
        var mother = await _h.LinkAsync(S.IvanenkoMother, 740001);
        var father = await _h.LinkAsync(S.IvanenkoFather, 740002, consent: false);
        Guardian late, empty;
        await using (var db = _h.Db())
        {
            late = new Guardian(S.School.Id, "Іваненко", "Ніна");
            empty = new Guardian(S.School.Id, "Ґудзь", "Ольга");
            db.AddRange(late, empty);
            db.Add(new GuardianStudent(late.Id, S.Ivanenko.Id, "бабуся"));
            db.Add(new GuardianStudent(empty.Id, S.Primary.Id, "мати")); // 3-А has nothing recorded today
            var prefs = new RecipientPreferences(S.School.Id, PersonKind.Guardian, late.Id);
            prefs.SetDiaryTime(new TimeOnly(20, 0));
            db.Preferences.Add(prefs);
            await db.SaveChangesAsync();
        }

        await _h.LinkAsync(late, 740003);
        await _h.LinkAsync(empty, 740004);
        await _h.StartAsync(clock: new ShiftedClock(Evening));

        await TriggerAsync(DailyDiaryJob.Id);
        var diary = Assert.Single(await _h.Telegram.WaitForMessagesAsync(mother)).PlainText;
        Assert.Contains("Іваненко Олег, 7-А", diary);
        Assert.Contains("2. Алгебра — 10", diary);
        Assert.Contains("Тема: Лінійні рівняння", diary);
        Assert.Contains("Д/з: № 214, 215", diary);
        Assert.DoesNotContain("Петренко", diary);

        await TriggerAsync(DailyDiaryJob.Id); // a second run writes nothing new
        await _h.WaitForRowsAsync(r => r.All(x => x.State is OutboxState.Sent or OutboxState.Cancelled), "the diaries to settle");
        var rows = await _h.RowsAsync(NotificationKind.DailyDiary);
        Assert.Equal(3, rows.Count); // the grandmother's time (20:00) has not come
        Assert.Equal(OutboxReasons.NothingToday, rows.Single(r => r.RecipientId == empty.Id).LastError); // 3-А had nothing recorded
        Assert.Empty(_h.Telegram.MessagesTo(740004));
        Assert.Equal(DeliveryRules.NoConsent, rows.Single(r => r.RecipientId == S.IvanenkoFather.Id).LastError);
        Assert.Equal(DailyDiaryJob.Key(S.IvanenkoMother.Id, TestSchool.Today), rows.Single(r => r.RecipientId == S.IvanenkoMother.Id).IdempotencyKey);
        await Task.Delay(300);
        Assert.Single(_h.Telegram.MessagesTo(mother));
        Assert.Empty(_h.Telegram.MessagesTo(father));
    }

    private async Task SchoolDiaryAsync(bool on, TimeOnly time)
    {
        await using var db = _h.Db();
        var rules = NotificationRules.Defaults(S.School.Id, new NotificationDefaults());
        rules.Set(true, MarkAlertRule.All, true, on, true, time, null, null, false);
        db.NotificationRules.Add(rules);
        await db.SaveChangesAsync();
    }

    private async Task<Guardian> GrandmotherAtSixAsync()
    {
        await using var db = _h.Db();
        var grandmother = new Guardian(S.School.Id, "Іваненко", "Ніна");
        db.Add(grandmother);
        db.Add(new GuardianStudent(grandmother.Id, S.Ivanenko.Id, "бабуся"));
        var prefs = new RecipientPreferences(S.School.Id, PersonKind.Guardian, grandmother.Id);
        prefs.SetDiaryTime(new TimeOnly(18, 0));
        db.Preferences.Add(prefs);
        await db.SaveChangesAsync();
        return grandmother;
    }

    [Fact]
    public async Task DailyDiary_ComesAtTheSchoolsTime_UnlessAParentChoseTheirOwn()
    {
        await CellsAsync(await AlgebraLessonAsync(TestSchool.Today, "Рівняння"), (S.Ivanenko, "10"));
        await SchoolDiaryAsync(on: true, new TimeOnly(18, 30));
        await _h.LinkAsync(S.IvanenkoMother, 740020);
        var grandmother = await GrandmotherAtSixAsync();
        await _h.LinkAsync(grandmother, 740021);
        // The father switched mark alerts off in /settings, which stored his choices — but he never picked a time, so his
        // diary follows the school's 18:30 (before, the stored row kept the 18:00 of the day it was made).
        await _h.LinkAsync(S.IvanenkoFather, 740022);
        await using (var db = _h.Db())
        {
            var prefs = new RecipientPreferences(S.School.Id, PersonKind.Guardian, S.IvanenkoFather.Id);
            prefs.Set(NotificationKind.MarkAlert, false);
            db.Preferences.Add(prefs);
            await db.SaveChangesAsync();
        }

        await _h.StartAsync(clock: new ShiftedClock(Evening)); // 18:05

        await TriggerAsync(DailyDiaryJob.Id);
        var row = Assert.Single(await _h.RowsAsync(NotificationKind.DailyDiary)); // the parents' come at the school's 18:30
        Assert.Equal(grandmother.Id, row.RecipientId);
    }

    [Fact]
    public async Task DailyDiary_SwitchedOffByTheSchool_IsNotWritten()
    {
        await CellsAsync(await AlgebraLessonAsync(TestSchool.Today, "Рівняння"), (S.Ivanenko, "10"));
        await SchoolDiaryAsync(on: false, new TimeOnly(18, 0));
        await _h.LinkAsync(S.IvanenkoMother, 740030);
        await _h.LinkAsync(await GrandmotherAtSixAsync(), 740031);
        await _h.StartAsync(clock: new ShiftedClock(Evening));

        await TriggerAsync(DailyDiaryJob.Id);
        Assert.Empty(await _h.RowsAsync(NotificationKind.DailyDiary));
    }

    [Fact]
    public async Task DailyDiary_OnSunday_WritesNothing()
    {
        await CellsAsync(await AlgebraLessonAsync(TestSchool.Today, "Рівняння"), (S.Ivanenko, "10"));
        await _h.LinkAsync(S.IvanenkoMother, 740010);
        await _h.StartAsync(clock: new ShiftedClock(new DateTimeOffset(2026, 11, 22, 16, 5, 0, TimeSpan.Zero)));
        await TriggerAsync(DailyDiaryJob.Id);
        Assert.Empty(await _h.RowsAsync(NotificationKind.DailyDiary));
    }

    [Fact]
    public async Task ClassTeacherWeek_OnFridayAfternoon_SummarisesTheClassesAttendance()
    {
        var lesson = await AlgebraLessonAsync(TestSchool.Today, "Рівняння");
        await CellsAsync(lesson, (S.Sydorenko, "н"), (S.Ivanenko, "9"));
        await using (var db = _h.Db())
        {
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.ClassTeacher.Id, 750001);
            await db.SaveChangesAsync();
        }

        await _h.StartAsync(clock: new ShiftedClock(new DateTimeOffset(2026, 11, 20, 13, 5, 0, TimeSpan.Zero)));
        await TriggerAsync(StaffDigestJobs.WeekId);
        var summary = Assert.Single(await _h.Telegram.WaitForMessagesAsync(750001)).PlainText;
        Assert.StartsWith("7-А: відвідування 16.11–20.11", summary);
        Assert.Contains("Сидоренко Андрій: уроків 1 (н 1, хв 0)", summary);

        await TriggerAsync(StaffDigestJobs.WeekId);
        await Task.Delay(500);
        Assert.Single(_h.Telegram.MessagesTo(750001));
    }

    [Theory]
    [InlineData(13, 35)] // 15:35 in Kyiv, the first quarter of the check
    [InlineData(17, 50)] // 19:50: the process was down at 15:30 and is back the same evening
    public async Task AbsenceRun_OfTenSchoolDays_GoesToTheAdministration_OncePerRun(int utcHour, int minute)
    {
        for (var d = new DateOnly(2026, 11, 2); d <= new DateOnly(2026, 11, 13); d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            await CellsAsync(await AlgebraLessonAsync(d, $"Урок {d:dd.MM}"), (S.Sydorenko, "н"), (S.Ivanenko, "8"));
        }

        await using (var db = _h.Db())
        {
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.Deputy.Id, 760001);
            await db.SaveChangesAsync();
        }

        await _h.StartAsync(clock: new ShiftedClock(new DateTimeOffset(2026, 11, 20, utcHour, minute, 0, TimeSpan.Zero)));
        await TriggerAsync(StaffDigestJobs.RunsId);
        var alert = Assert.Single(await _h.Telegram.WaitForMessagesAsync(760001)).PlainText;
        Assert.Contains("7-А · Сидоренко Андрій: 10 навч. дн. поспіль, 02.11–13.11", alert);

        await TriggerAsync(StaffDigestJobs.RunsId);
        await Task.Delay(500);
        Assert.Single(_h.Telegram.MessagesTo(760001));
        // The day's check left its mark (a cancelled row), so the evening's later runs load no class again.
        await using var check = _h.Db();
        var mark = await check.Outbox.AsNoTracking().SingleAsync(o => o.IdempotencyKey == StaffDigestJobs.RunsCheckedKey(S.School.Id, TestSchool.Today));
        Assert.Equal((OutboxState.Cancelled, OutboxReasons.RunsChecked), (mark.State, mark.LastError));
    }
}
