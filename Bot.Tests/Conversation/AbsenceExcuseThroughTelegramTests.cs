using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Bot.Host.Conversation.Handlers;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation;

/// <summary>
/// Talking with the school (ADR 0039): as the people live it through the fake Telegram server: Іваненко's mother reports him ill for
/// three school days (Mon 23 – Wed 25 November); the algebra teacher's roll call on day 1 shows the report and records "н";
/// a forged "Поважна причина" from the algebra teacher and one from another class's class teacher are refused and change
/// nothing; the class teacher presses it: the report is edited to say so, day 1's "н" is "хв", the mother is told; on day 2
/// the algebra teacher's roll call shows the excused report and her "н" is saved as "хв".
/// </summary>
public sealed class AbsenceExcuseThroughTelegramTests : IAsyncLifetime
{
    /// <summary>Monday 23 November 2026, 10:00 in Kyiv.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private Staff _otherClassTeacher = null!;
    private readonly ShiftedClock _clock = new(Monday);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        db.Add(new TimetableEntry(S.School.Id, S.Class7A.Id, S.Algebra.Id, DayOfWeek.Monday, 2, S.AlgebraTeacher.Id));
        db.Add(new TimetableEntry(S.School.Id, S.Class7A.Id, S.Algebra.Id, DayOfWeek.Tuesday, 2, S.AlgebraTeacher.Id));
        _otherClassTeacher = new Staff(S.School.Id, "Олійник", "Марта", "Ігорівна", StaffRoles.Teacher | StaffRoles.ClassTeacher);
        db.Add(_otherClassTeacher);
        (await db.Classes.SingleAsync(c => c.Id == S.Class3A.Id)).AssignClassTeacher(_otherClassTeacher.Id);
        db.Add(new Consent(S.School.Id, S.IvanenkoMother.Id, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task LinkAsync(PersonKind kind, Guid id, string chat)
    {
        await using var db = _database.NewContext();
        await DeliveryHost.LinkAsync(db, S.School.Id, kind, id, long.Parse(chat));
        await db.SaveChangesAsync();
    }

    private static string All(IEnumerable<ChatReply> replies) => string.Join("\n", replies.Select(r => r.Text));

    [Fact]
    public async Task ARangeOfThreeDays_ExcusedByOneButton_TurnsDayOnesNIntoKhv_AndDayTwosNewNIsSavedAsKhv_ForgedPressesRefused()
    {
        await using var bot = await TelegramDriver.StartAsync(_database, S, clock: _clock,
            settings: new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:00:00.100" });
        var (mother, classTeacher, other) = (bot.ChatOf("mother"), bot.ChatOf("class-teacher"), bot.ChatOf("other-class-teacher"));
        await LinkAsync(PersonKind.Guardian, S.IvanenkoMother.Id, mother);
        await LinkAsync(PersonKind.Staff, S.ClassTeacher.Id, classTeacher);
        await LinkAsync(PersonKind.Staff, _otherClassTeacher.Id, other);
        var algebra = await LessonWalk.LinkAsync(bot, _database, S, S.AlgebraTeacher.Id, "algebra");

        // The parent reports three school days; the class teacher gets ONE message for them, with the button.
        var reported = All(await bot.SayAsync(mother, "/absent з 23.11 по 25.11 хворіє"));
        Assert.StartsWith("Дякуємо. Класного керівника повідомлено: Іваненко Олег", reported);
        Assert.Contains("3 навчальні дні: 23.11, 24.11, 25.11, причина — «хворіє»", reported);
        var report = (await bot.Telegram.WaitForMessagesAsync(long.Parse(classTeacher), 1, TimeSpan.FromSeconds(20))).Single();
        Assert.Equal("Повідомлення про відсутність\nІваненко Олег (7-А), 23.11, 24.11, 25.11 (3 навчальні дні)\nПричина: хворіє\nВід: Іваненко Галина", report.PlainText);
        var excuse = report.Keyboard.SelectMany(r => r).Single(b => b.Text == AbsenceExcuseButton.Label).CallbackData!;

        // Day 1: the algebra teacher's roll call shows the report beside the name, the student already marked absent in the draft.
        var list = (await bot.SayAsync(algebra, "/lesson")).Last();
        var rollCall = (await bot.PressAsync(algebra, list.ButtonData("2. 7-А")!)).Last();
        Assert.Contains("📝 Іваненко О. — повідомили батьки: хворіє", rollCall.Text);
        Assert.DoesNotContain("поважна причина", rollCall.Text);
        Assert.Contains("Відсутні (1): Іваненко О.", rollCall.Text);
        Assert.Contains(rollCall.Buttons, b => b.Label == "н · 📝 Іваненко О.");
        var marks = (await bot.PressAsync(algebra, rollCall.ButtonData("Готово (відсутні: 1)")!)).Last();
        Assert.Contains("Відсутні (1): Іваненко О. (н)", marks.Text);

        // Forged: the subject teacher and another class's class teacher press the button they were never sent; the parent too.
        Assert.Equal(AbsenceExcuseButton.NotAllowed, All(await bot.PressForgedAsync(algebra, excuse)));
        Assert.Equal(AbsenceExcuseButton.NotAllowed, All(await bot.PressForgedAsync(other, excuse)));
        Assert.Equal(AbsenceExcuseButton.NotAllowed, All(await bot.PressForgedAsync(mother, excuse)));
        Assert.Equal(Replies.Expired, All(await bot.PressForgedAsync(other, "ax|" + new string('A', 22))));
        await using (var db = _database.NewContext())
        {
            Assert.False(await db.AbsenceNotices.AnyAsync(n => n.ExcusedAtUtc != null));
            Assert.Equal(AbsenceKind.Absent, (await db.Absences.SingleAsync()).Kind);
            Assert.False(await db.Outbox.AnyAsync(o => o.Kind == NotificationKind.AbsenceExcused));
        }

        // The class teacher presses it: the report is edited in place, the press answered with a toast.
        var edited = (await bot.PressAsync(classTeacher, excuse)).Single();
        Assert.StartsWith("Повідомлення про відсутність\nІваненко Олег (7-А), 23.11, 24.11, 25.11 (3 навчальні дні)\nПричина: хворіє\nВід: Іваненко Галина\n"
            + "✅ Поважна причина — визнано (Шевчук Н. О., 23.11 10:", edited.Text);
        Assert.EndsWith("Змінено «н» на «хв»: 1. Поставлені згодом за ці дні теж запишуться як «хв».", edited.Text);
        Assert.DoesNotContain(edited.Buttons, b => b.Label == AbsenceExcuseButton.Label);
        Assert.Contains(edited.Buttons, b => b.Label == "Відповісти"); // the report stays answerable (ADR 0038)
        Assert.Contains(bot.Telegram.CallbackAnswers, a => a.Text == "Причину визнано поважною");

        // The parent is told.
        const string Told = "Відсутність з поважної причини\nІваненко Олег, 23.11, 24.11, 25.11 (3 навчальні дні): причину відсутності визнано поважною (Шевчук Н. О.).\n"
            + "У журналі ці пропуски позначено «хв» (з поважної причини).";
        await Bot.Fakes.FakeTelegramServer.WaitUntilAsync(() => bot.Telegram.MessagesTo(long.Parse(mother)).Any(m => m.PlainText == Told),
            TimeSpan.FromSeconds(20), "the parent to be told");

        // A second press changes nothing and says so.
        var again = bot.Telegram.UserPresses(long.Parse(classTeacher), long.Parse(classTeacher), excuse, report.MessageId);
        await Bot.Fakes.FakeTelegramServer.WaitUntilAsync(() => bot.Telegram.CallbackAnswers.Any(a => a.QueryId == again), TimeSpan.FromSeconds(20), "the second press");
        Assert.Equal("Причину вже визнано поважною", bot.Telegram.CallbackAnswers.Single(a => a.QueryId == again).Text);

        await using (var db = _database.NewContext())
        {
            var dayOne = await db.Absences.SingleAsync();
            Assert.Equal((new DateOnly(2026, 11, 23), AbsenceKind.Ill), (dayOne.Date, dayOne.Kind));
            var audit = await db.AuditRecords.Where(a => a.EntityType == "Absence" && a.EntityId == dayOne.Id).InWrittenOrder().ToListAsync();
            Assert.Equal(new (string, string?, string?)[] { ("Коваленко І. П.", null, "н"), ("Шевчук Н. О.", "н", "хв") },
                audit.Select(a => (a.ActorName, a.OldValue, a.NewValue)));
            Assert.Equal(S.ClassTeacher.Id, audit[1].ActorId);
            Assert.Equal("Поважна причина: повідомлення батьків (Іваненко Галина) — «хворіє»", audit[1].Reason);
            var notices = await db.AbsenceNotices.OrderBy(n => n.Date).ToListAsync();
            Assert.Equal(3, notices.Count);
            Assert.All(notices, n => Assert.Equal((S.ClassTeacher.Id, "Шевчук Н. О."), (n.ExcusedById, n.ExcusedBy)));
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.Kind == NotificationKind.AbsenceExcused));
        }

        // Day 2: the roll call shows the excused report; the teacher's "н" is saved as "хв", the audit says why.
        _clock.Advance(TimeSpan.FromDays(1));
        list = (await bot.SayAsync(algebra, "/lesson")).Last();
        rollCall = (await bot.PressAsync(algebra, list.ButtonData("2. 7-А")!)).Last();
        Assert.Contains("24.11.2026, урок 2", rollCall.Text);
        Assert.Contains("📝 Іваненко О. — повідомили батьки: хворіє (поважна причина: «н» запишеться як «хв»)", rollCall.Text);
        marks = (await bot.PressAsync(algebra, rollCall.ButtonData("Готово (відсутні: 1)")!)).Last();
        Assert.Contains("Відсутні (1): Іваненко О. (хв)", marks.Text);
        await using (var db = _database.NewContext())
        {
            var dayTwo = await db.Absences.SingleAsync(a => a.Date == new DateOnly(2026, 11, 24));
            Assert.Equal(AbsenceKind.Ill, dayTwo.Kind);
            var record = await db.AuditRecords.SingleAsync(a => a.EntityId == dayTwo.Id);
            Assert.Equal(("Коваленко І. П.", "хв"), (record.ActorName, record.NewValue));
            Assert.StartsWith("Введено «н», записано «хв»: поважну причину підтверджено (Шевчук Н. О., 23.11.2026) за повідомленням батьків", record.Reason);
        }
    }
}

/// <summary>
/// ADR 0039 in Viber: a press there is a message with the button's tracking data; the same data typed by hand (a forged
/// "button") is only text, answered as such, and excuses nothing. (The class teacher's own press in Viber gets one short new
/// message instead of an edit: <see cref="AbsenceExcuseButton.ButtonAsync"/>; reports reach a Viber chat only when the school
/// sends alerts over Viber.)
/// </summary>
public sealed class AbsenceExcuseThroughViberTests : IAsyncLifetime
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
    public async Task TheButtonsDataTypedByHand_ExcusesNothing()
    {
        Guid report;
        await using (var db = _database.NewContext())
            report = (await new Bot.Domain.Attendance.AbsenceNoticeService(db, S.Clock).ReportAsync(S.IvanenkoMother.Id, S.Ivanenko.Id, "хворіє", Channel.Telegram))
                .GetValueOrThrow().ReportId;
        await using var bot = await ViberDriver.StartAsync(_database, S);
        var classTeacher = await LessonWalk.LinkAsync(bot, _database, S, S.ClassTeacher.Id, "class-teacher");

        var typed = string.Join("\n", (await bot.TypeAsync(classTeacher, AbsenceExcuseButton.For(report).Data)).Select(r => r.Text));
        Assert.DoesNotContain("поважн", typed, StringComparison.OrdinalIgnoreCase);
        await using var check = _database.NewContext();
        Assert.Null((await check.AbsenceNotices.SingleAsync()).ExcusedAtUtc);
    }
}
