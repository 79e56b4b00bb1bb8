using Bot.Domain.Diary;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Bot.Fakes;
using Bot.Tests.Builders;
using Bot.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// Talking with the school (ADR 0044): through the fake Telegram and Viber servers. Friday 20.11, 10:00 in Kyiv, the 2nd lesson
/// (algebra, Коваленко) is under way in 7-А. Іваненко's mother is in her quiet hours (09:00–16:00, she works nights) and
/// has an evening diary waiting in the outbox; his father uses only Viber, which the school does not use for alerts.
/// Коваленко presses «Клас в укритті»: the mother gets the urgent notice first and the diary after it, the father gets it
/// in Viber; a second press sends nothing; a teacher of another class is refused (and a forged press changes nothing).
/// At 10:40 (3rd lesson) Коваленко presses «Відбій» → «Онлайн з 5 ур. синхронно»: the 2nd and 3rd lessons are held in the
/// shelter, the 4th is not held, the 5th is online; both parents are told; the diary shows it; and a roll call entered for
/// the 4th lesson counts for nobody's attendance.
/// </summary>
public sealed class ShelterThroughMessengersTests : IAsyncLifetime
{
    private const long Teacher = 910001, Other = 910002, Mother = 910101;
    private const string Father = "viber-father-1";
    private DeliveryHost _h = null!;
    private TestSchool S => _h.S;

    public async Task InitializeAsync()
    {
        _h = await DeliveryHost.CreateAsync();
        await using var db = _h.Db();
        db.BellSlots.AddRange(
            new BellSlot(S.School.Id, 1, new TimeOnly(8, 30), new TimeOnly(9, 15)),
            new BellSlot(S.School.Id, 2, new TimeOnly(9, 25), new TimeOnly(10, 10)),
            new BellSlot(S.School.Id, 3, new TimeOnly(10, 20), new TimeOnly(11, 5)),
            new BellSlot(S.School.Id, 4, new TimeOnly(11, 15), new TimeOnly(12, 0)),
            new BellSlot(S.School.Id, 5, new TimeOnly(12, 10), new TimeOnly(12, 55)));
        // Friday in 7-А: 2 algebra (the builder's), 3 Ukrainian, 4 algebra, 5 Ukrainian.
        db.Timetable.AddRange(
            new TimetableEntry(S.School.Id, S.Class7A.Id, S.Ukrainian.Id, DayOfWeek.Friday, 3, S.ClassTeacher.Id),
            new TimetableEntry(S.School.Id, S.Class7A.Id, S.Algebra.Id, DayOfWeek.Friday, 4, S.AlgebraTeacher.Id),
            new TimetableEntry(S.School.Id, S.Class7A.Id, S.Ukrainian.Id, DayOfWeek.Friday, 5, S.ClassTeacher.Id));
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.AlgebraTeacher.Id, Teacher);
        await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Staff, S.OtherTeacher.Id, Other);
        var quiet = new RecipientPreferences(S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id);
        quiet.SetQuietHours(new TimeOnly(9, 0), new TimeOnly(16, 0));
        db.Preferences.Add(quiet);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ShelterReachesParentsThroughQuietHoursBeforeTheDiary_OnceOnly_OthersRefused_AllClearRecordsStatusesAndAttendance()
    {
        await _h.LinkAsync(S.IvanenkoMother, Mother);
        // A poll interval no test sits out: the notices go because the press wakes the sender, not because it polled. One
        // send at a time: the order a parent receives is the order the outbox takes its rows (two in flight to one chat race).
        await _h.StartAsync(new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:10:00", ["Delivery:MaxInFlight"] = "1" },
            telegramPace: false, viber: true);
        await _h.LinkViberAsync(S.IvanenkoFather, Father);
        await _h.SettledAsync();
        // The mother's evening diary, written earlier, is due at 10:01 (the host's clock is moved there just before the press,
        // which the sender does not notice: it sleeps its poll): due and waiting when the alert comes.
        await using (var db = _h.Db())
        {
            db.Outbox.Add(new OutboxMessage(S.School.Id, $"DailyDiary:{S.IvanenkoMother.Id:N}:20261120", RecipientKind.Guardian, S.IvanenkoMother.Id,
                NotificationKind.DailyDiary, """{"message":[[["b","Щоденник, 20 листопада"]],[["p","Іваненко Олег: 2. Алгебра — 10"]]]}""",
                TestSchool.Now.UtcDateTime.AddMinutes(-5), TestSchool.Now.UtcDateTime.AddMinutes(1)));
            await db.SaveChangesAsync();
        }

        var chat = TelegramDriver.Over(_h.Host!);
        var menu = await chat.SayAsync($"{Teacher}", "/help");
        Assert.NotNull(menu.Last().ButtonData("🛡 Клас в укритті"));
        var offer = Assert.Single(await chat.PressAsync($"{Teacher}", "sh"));
        Assert.Equal("Зараз 2 урок у 7-А.\nПозначити клас в укритті? Батьки учнів одразу отримають термінове повідомлення (навіть у тихі години).", offer.Text);
        var down = offer.ButtonData("🛡 7-А в укритті")!;
        _h.Clock!.Advance(TimeSpan.FromMinutes(1));
        var pressed = await chat.PressAsync($"{Teacher}", down);
        Assert.Equal("🛡 7-А в укритті. Батькам надіслано термінове повідомлення (2 адресати).\nПісля відбою натисніть «Відбій».", pressed.Last().Text);

        // The mother: the shelter notice first, then the diary that was waiting; the father in Viber.
        var toMother = await _h.Telegram.WaitForMessagesAsync(Mother, 2, TimeSpan.FromSeconds(20));
        Assert.Equal("❗ Клас в укритті · 7-А\nПовітряна тривога: 7-А з 10:01 в укритті (2 урок).\nІваненко Олег — разом із класом і вчителем.\nКоли буде відбій, ми одразу повідомимо.",
            toMother[0].PlainText);
        Assert.StartsWith("Щоденник, 20 листопада", toMother[1].PlainText);
        await FakeTelegramServer.WaitUntilAsync(() => _h.Viber!.MessagesTo(Father).Count >= 1, TimeSpan.FromSeconds(20), "the father's Viber notice");
        Assert.StartsWith("❗ Клас в укритті · 7-А", _h.Viber!.MessagesTo(Father)[0].Text);

        // Pressed twice: nothing more is sent.
        var again = await chat.PressAsync($"{Teacher}", down);
        Assert.Equal("🛡 7-А уже в укритті: повторно батькам нічого не надсилали.\nПісля відбою натисніть «Відбій».", again.Last().Text);
        // A teacher with no lesson in 7-А now: refused from the menu and for a forged press; nothing recorded or sent.
        const string NoLesson = "Зараз (2 урок) у вас за розкладом немає уроку. Позначити клас в укритті може вчитель, який веде в ньому урок, або адміністрація.";
        Assert.Equal(NoLesson, Assert.Single(await chat.PressForgedAsync($"{Other}", "sh")).Text);
        Assert.Equal(NoLesson, Assert.Single(await chat.PressForgedAsync($"{Other}", down)).Text);
        const string NotYours = "Позначити клас в укритті може лише вчитель, який зараз веде в ньому урок, або адміністрація школи.";
        Assert.Equal(NotYours, Assert.Single(await chat.PressForgedAsync($"{Other}", down.Replace("|in|", "|out|"))).Text);
        Assert.Equal("Позначити клас в укритті може лише вчитель, який зараз веде в ньому урок, або адміністрація школи.",
            Assert.Single(await chat.PressForgedAsync($"{Other}", $"sh|ok|{down.Split('|')[2]}|e")).Text);
        Assert.Equal("Ця кнопка вже неактуальна. Повторіть команду.", Assert.Single(await chat.PressForgedAsync($"{Other}", "sh|in|not-an-id")).Text);
        await _h.SettledAsync();
        Assert.Equal(2, _h.Telegram.MessagesTo(Mother).Count);
        Assert.Equal(2, (await _h.RowsAsync(NotificationKind.ShelterNotice)).Count);

        // 10:40, the 3rd lesson: the all-clear, online from the 5th.
        _h.Clock!.Advance(TimeSpan.FromMinutes(39));
        // No lesson of his now (the 3rd is Шевчук's): the menu's button offers his class's all-clear.
        var mine = Assert.Single(await chat.PressForgedAsync($"{Teacher}", "sh"));
        Assert.Equal("Ваш клас в укритті. Після відбою натисніть «Відбій».", mine.Text);
        var choices = await chat.PressAsync($"{Teacher}", mine.ButtonData("✅ Відбій")!);
        var options = choices.Last();
        Assert.StartsWith("✅ Відбій. Що далі?", options.Text);
        Assert.Equal(["Уроки тривають", "Онлайн з 4 ур. синхронно", "Онлайн з 4 ур. асинхронно", "Онлайн з 5 ур. синхронно", "Онлайн з 5 ур. асинхронно",
            "Завершити навчальний день"], options.Buttons.Select(b => b.Label));
        var done = await chat.PressAsync($"{Teacher}", options.ButtonData("Онлайн з 5 ур. синхронно")!);
        Assert.Equal("✅ Відбій для 7-А: з 5 уроку навчання онлайн, синхронно — за розкладом дзвінків. Батькам надіслано повідомлення (2 адресати); статуси уроків записано в журнал.",
            done.Last().Text);

        toMother = await _h.Telegram.WaitForMessagesAsync(Mother, 3, TimeSpan.FromSeconds(20));
        Assert.Equal("✅ Відбій · 7-А\n7-А о 10:40 вийшов з укриття (Іваненко Олег).\nДалі: з 5 уроку навчання онлайн, синхронно — за розкладом дзвінків.", toMother[2].PlainText);
        await FakeTelegramServer.WaitUntilAsync(() => _h.Viber!.MessagesTo(Father).Count >= 2, TimeSpan.FromSeconds(20), "the father's all-clear");
        Assert.StartsWith("✅ Відбій · 7-А", _h.Viber!.MessagesTo(Father)[1].Text);

        await using (var db = _h.Db())
        {
            var plan = await TimetablePlans.DayAsync(db, S.School.Id, S.Class7A.Id, TestSchool.Today, default);
            Assert.Equal(["2: HeldInShelter True", "3: HeldInShelter True", "4: NotHeldAlert False", "5: OnlineSync True"],
                plan.Lessons.Select(l => $"{l.Number}: {l.Status?.Kind} {l.IsHeld}"));
            // Attributed and audited: who pressed, each step.
            Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.EntityType == nameof(DayChange) && a.ActorId == S.AlgebraTeacher.Id));

            // A roll call entered for the 4th lesson anyway (Петренко "н") counts for nobody; the 2nd's (Іваненко "н") does.
            var journal = S.Journal(db);
            var second = (await journal.RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 2, "Рівняння"), notify: false))
                .GetValueOrThrow();
            var fourth = (await journal.RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, TestSchool.Today, 4, "Рівняння"), notify: false))
                .GetValueOrThrow();
            (await journal.SetCellAsync(S.As(S.AlgebraTeacher), new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, Bot.Domain.Grading.MarkColumn.Current, "н", second.Id)))
                .GetValueOrThrow();
            (await journal.SetCellAsync(S.As(S.AlgebraTeacher), new CellInput(S.Petrenko.Id, S.Class7A.Id, S.Algebra.Id, Bot.Domain.Grading.MarkColumn.Current, "н", fourth.Id)))
                .GetValueOrThrow();
            var attendance = (await new DiaryQueries(db, S.Clock).ClassAttendanceAsync(S.Class7A.Id, TestSchool.Today, TestSchool.Today)).GetValueOrThrow();
            Assert.Equal(1, attendance.Students.Single(s => s.StudentId == S.Ivanenko.Id).Totals.Lessons);
            Assert.Equal(0, attendance.Students.Single(s => s.StudentId == S.Petrenko.Id).Totals.Lessons);
        }

        // The mother's diary of today shows each lesson's status.
        var diary = string.Join("\n", (await chat.SayAsync($"{Mother}", "/diary")).Select(r => r.Text));
        Assert.Contains("проведено в укритті", diary);
        Assert.Contains("не проведено через повітряну тривогу", diary);
        Assert.Contains("онлайн (синхронно)", diary);
    }
}
