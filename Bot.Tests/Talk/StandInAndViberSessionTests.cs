using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Bot.Domain.Talk;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Handlers;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Talk.TalkHost;

namespace Bot.Tests.Talk;

/// <summary>
/// A stand-in for an absent class teacher (ADR 0049) and Viber's free sessions, through the fake Telegram and Viber servers:
/// while the stand-in lasts the parent's message to the class teacher and her absence report reach the stand-in, who answers
/// and excuses, and the parent is told who receives it; the stand-in cannot open another class's thread; after the range the
/// class teacher gets the messages again and the stand-in's buttons are refused. A Viber parent's question opens the free
/// session: the answer inside it counts free, one after 24 hours paid.
/// </summary>
public sealed class StandInAndViberSessionTests
{
    /// <summary>Friday 20 November 2026, 10:00 in Kyiv.</summary>
    private static readonly DateTimeOffset FridayMorning = TestSchool.Now;

    [Fact]
    public async Task DuringTheStandIn_TheStandInReceivesAnswersAndExcuses_ForThatClassOnly_AfterItTheClassTeacherDoes()
    {
        await using var h = await TalkHost.StartAsync(FridayMorning);
        Guid otherClassThread;
        await using (var db = h.Database.NewContext())
        {
            // The deputy names Савчук Р. І. (a 3-А teacher) to stand in for 7-А's class teacher for Friday only.
            var deputy = new Actor(h.S.Deputy.Id, "Бондар Л. В.", h.S.Deputy.Roles, Channel.Web);
            var teacherActor = new Actor(h.S.ClassTeacher.Id, "Шевчук Н. О.", h.S.ClassTeacher.Roles, Channel.Web);
            var standIns = new StandInService(db, h.Clock);
            Assert.Equal(StandInService.NotAdministration, (await standIns.NameAsync(teacherActor, h.S.School.Id, h.S.Class7A.Id, h.ThirdGradeTeacher.Id,
                new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20))).Error);
            Assert.Equal("standin.self", (await standIns.NameAsync(deputy, h.S.School.Id, h.S.Class7A.Id, h.S.ClassTeacher.Id,
                new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20))).Error!.Code);
            Assert.True((await standIns.NameAsync(deputy, h.S.School.Id, h.S.Class7A.Id, h.ThirdGradeTeacher.Id, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20))).IsSuccess);
            Assert.Equal("standin.overlap", (await standIns.NameAsync(deputy, h.S.School.Id, h.S.Class7A.Id, h.S.OtherTeacher.Id,
                new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 21))).Error!.Code);
            // A thread of another class (3-А), between another family and another teacher.
            var thread = new TalkThread(h.S.School.Id, h.S.Year.Id, h.S.Primary.Id, Bot.Domain.Linking.PersonKind.Guardian, Guid.NewGuid(), h.S.AlgebraTeacher.Id,
                Channel.Telegram, FridayMorning.UtcDateTime);
            db.TalkThreads.Add(thread);
            await db.SaveChangesAsync();
            otherClassThread = thread.Id;
            var audit = await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(ClassTeacherStandIn));
            Assert.Equal("Бондар Л. В.", audit.ActorName);
            Assert.Equal("Савчук Роман Іванович, 20.11.2026–20.11.2026", audit.NewValue);
        }

        // The mother writes to the class teacher: the stand-in receives it, and she is told so truthfully.
        await h.SayAsync(MotherChat, "Коли контрольна з математики?");
        var sent = await h.PressAsync(MotherChat, h.Button(MotherChat, "Надіслати класному керівнику"));
        Assert.Equal("До 20.11 включно класного керівника (Шевчук Н. О.) заміщує Савчук Р. І. " +
                     "Надіслано: Савчук Р. І. отримає повідомлення зараз. Відповідь прийде сюди.", sent);
        await h.SettledAsync();
        Assert.Empty(h.Telegram.MessagesTo(TeacherChat));
        Assert.Equal("✉️ Нове повідомлення\nВід: Іваненко Галина (мама)\nПро: Іваненко Олег, 7-А\n" +
                     "Адресовано класному керівнику (Шевчук Наталія): до 20.11 включно заміщуєте ви.\n\nКоли контрольна з математики?",
            h.Telegram.MessagesTo(OtherTeacherChat).Last().PlainText);

        // The stand-in answers; the answer reaches the mother.
        Assert.StartsWith("Напишіть відповідь", await h.PressAsync(OtherTeacherChat, h.Button(OtherTeacherChat, "Відповісти")));
        var standInThreadButton = h.Button(OtherTeacherChat, "Відповісти");
        Assert.StartsWith("Відповідь надіслано: Іваненко Галина", await h.SayAsync(OtherTeacherChat, "У середу, третім уроком."));
        await h.SettledAsync();
        Assert.Equal("✉️ Відповідь від Савчук Р. І.\nПро: Іваненко Олег, 7-А\n\nУ середу, третім уроком.", h.Telegram.MessagesTo(MotherChat).Last().PlainText);

        // Her absence report reaches the stand-in too, who excuses it as the class teacher would.
        Assert.StartsWith("Дякуємо. Повідомлення надіслано: класного керівника зараз заміщує Савчук Роман.",
            await h.SayAsync(MotherChat, "/absent температура"));
        await h.SettledAsync();
        var report = h.Telegram.MessagesTo(OtherTeacherChat).Last();
        Assert.StartsWith("Повідомлення про відсутність\nІваненко Олег (7-А), 20.11", report.PlainText);
        Assert.Contains("Ви отримали це, бо замінюєте класного керівника (Шевчук Н. О.).", report.PlainText);
        var excuse = h.Button(OtherTeacherChat, AbsenceExcuseButton.Label);
        Assert.Contains("Поважна причина — визнано (Савчук Р. І.", await h.PressEditedAsync(OtherTeacherChat, excuse));
        await h.SettledAsync();
        Assert.StartsWith("Відсутність з поважної причини", h.Telegram.MessagesTo(MotherChat).Last().PlainText);
        Assert.Empty(h.Telegram.MessagesTo(TeacherChat));

        // Another class's thread, its id put into a button by hand: refused, nothing shown.
        Assert.Equal(TalkService.NotYourThread.Message, await h.PressAsync(OtherTeacherChat, ButtonData.Make(TalkHandler.ReplyVerb, ButtonData.Id(otherClassThread))));

        // Monday: the stand-in is over. The mother's next message goes to the class teacher; nothing more reaches the stand-in.
        h.Clock.Advance(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero) - h.Clock.GetUtcNow());
        var standInBefore = h.Telegram.MessagesTo(OtherTeacherChat).Count;
        await h.SayAsync(MotherChat, "/write");
        await h.PressAsync(MotherChat, h.Button(MotherChat, "Шевчук Н. О. — класний керівник"));
        Assert.Equal("Надіслано: Шевчук Н. О. отримає повідомлення зараз. Відповідь прийде сюди.", await h.SayAsync(MotherChat, "Дякую, Олег уже здоровий."));
        await h.SettledAsync();
        Assert.EndsWith("Дякую, Олег уже здоровий.", Assert.Single(h.Telegram.MessagesTo(TeacherChat)).PlainText);
        Assert.Equal(standInBefore, h.Telegram.MessagesTo(OtherTeacherChat).Count);

        // The stand-in's rights have ended: the old buttons are refused.
        Assert.Equal(TalkService.NotYourThread.Message, await h.PressAsync(OtherTeacherChat, standInThreadButton));
        Assert.Equal(AbsenceExcuseButton.NotAllowed, await h.PressAsync(OtherTeacherChat, excuse));
        await using var check = h.Database.NewContext();
        var standInThread = await check.TalkThreads.SingleAsync(t => t.StaffId == h.ThirdGradeTeacher.Id && t.StandInId != null);
        Assert.Equal(TalkService.StandInEnded, (await new TalkService(check, null!, h.Clock).FromStaffAsync(h.ThirdGradeTeacher.Id, standInThread.Id, "Ще одне")).Error);
        Assert.Equal(1, await check.TalkMessages.CountAsync(m => m.ThreadId == standInThread.Id && m.FromStaff));
    }

    [Fact]
    public async Task AFileIsRefusedInWords_AndUnlinkingClosesTheThread_TheTeachersNextAnswerIsRefused()
    {
        await using var h = await TalkHost.StartAsync(FridayMorning);
        // A file: refused with a clear message, nothing passed on or stored.
        Assert.Equal(Bot.Host.Channels.ChannelTexts.TextOnly, await h.SendFileAsync(MotherChat, "довідка.pdf"));
        await h.SettledAsync();
        Assert.Empty(h.Telegram.MessagesTo(TeacherChat));

        await h.SayAsync(MotherChat, "Чи буде завтра фізкультура?");
        await h.PressAsync(MotherChat, h.Button(MotherChat, "Надіслати класному керівнику"));
        await h.SettledAsync();
        var reply = h.Button(TeacherChat, "Відповісти");

        // The mother unlinks her chat: the thread closes for new messages, the answer is refused and nothing reaches her.
        await using (var db = h.Database.NewContext())
            await db.ChatLinks.Where(l => l.PersonId == h.S.IvanenkoMother.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.IsActive, false));
        var before = h.Telegram.MessagesTo(MotherChat).Count;
        await h.PressAsync(TeacherChat, reply);
        Assert.Equal(TalkService.Closed.Message, await h.SayAsync(TeacherChat, "Так, буде."));
        await h.SettledAsync();
        Assert.Equal(before, h.Telegram.MessagesTo(MotherChat).Count);
        await using var check = h.Database.NewContext();
        Assert.NotNull((await check.TalkThreads.SingleAsync()).ClosedAtUtc);
        Assert.Equal(1, await check.TalkMessages.CountAsync());
    }

    [Fact]
    public async Task AViberParentsQuestionOpensTheFreeSession_AnAnswerInsideCountsFree_OneAfter24HoursPaid()
    {
        await using var h = await TalkHost.StartAsync(FridayMorning);
        await h.ViberSayAsync(ViberMother, "написати вчителю");
        await h.ViberPressAsync(ViberMother, h.ViberButton(ViberMother, "Шевчук Н. О. — класний керівник"));
        await h.ViberSayAsync(ViberMother, "Чи можна Марії пересісти ближче до дошки?");
        await h.SettledAsync();

        // An hour later the class teacher answers: inside the session.
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.PressAsync(TeacherChat, h.Button(TeacherChat, "Відповісти"));
        await h.SayAsync(TeacherChat, "Так, пересаджу з понеділка.");
        await h.SettledAsync();
        // A day and more later she adds a word: outside it.
        h.Clock.Advance(TimeSpan.FromHours(25));
        await h.PressAsync(TeacherChat, h.Button(TeacherChat, "Відповісти"));
        await h.SayAsync(TeacherChat, "Пересадила, як домовлялися.");
        await h.SettledAsync();
        Assert.Equal(2, h.Viber.Viber.MessagesTo(ViberMother).Count(m => m.Text.StartsWith("✉️ Відповідь від Шевчук Н. О.", StringComparison.Ordinal)));

        await using var db = h.Database.NewContext();
        var months = await ViberSessions.MonthsAsync(db, h.S.School.Id, SchoolTime.Resolve(h.S.School.TimeZone), h.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(new ViberMonth(new DateOnly(2026, 11, 1), Free: 1, Paid: 1), months[0]);
        Assert.Equal(new ViberMonth(new DateOnly(2026, 10, 1), 0, 0), months[1]);
    }
}
