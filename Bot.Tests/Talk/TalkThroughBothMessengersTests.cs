using Bot.Domain.Notifications;
using Bot.Domain.Talk;
using Bot.Host.Conversation;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Talk.TalkHost;

namespace Bot.Tests.Talk;

/// <summary>
/// Talking with the school (ADR 0038): as people live them, through the fake Telegram and Viber servers: a parent's
/// question reaches the class teacher and the answer comes back to the parent's own messenger — Viber too, with the
/// school's Viber alerts off — without either side ever seeing the other's id, username or phone; a message written at
/// 21:00 on a Friday reaches the teacher at 8:00 on Monday and the parent is told so at once; plain words are commands;
/// forged buttons and a teacher of another class are refused in words, and nothing is stored.
/// </summary>
public sealed class TalkThroughBothMessengersTests
{
    /// <summary>Friday 20 November 2026, 10:00 in Kyiv: working hours.</summary>
    private static readonly DateTimeOffset FridayMorning = TestSchool.Now;

    /// <summary>Friday 20 November 2026, 21:00 in Kyiv.</summary>
    private static readonly DateTimeOffset FridayNight = new(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ParentsAskInTelegramAndInViber_TheClassTeacherAnswers_EachAnswerComesBackToTheParentsMessenger_WithNoIdOfTheOtherSide()
    {
        await using var h = await TalkHost.StartAsync(FridayMorning);

        // A Telegram mother types a plain sentence: it is offered to the class teacher, and goes on one press.
        var offer = await h.SayAsync(MotherChat, "Коли батьківські збори?");
        Assert.Contains("Надіслати ваш текст класному керівнику?", offer);
        var sent = await h.PressAsync(MotherChat, h.Button(MotherChat, "Надіслати класному керівнику"));
        Assert.Equal("Надіслано: Шевчук Н. О. отримає повідомлення зараз. Відповідь прийде сюди.", sent);
        await h.SettledAsync();
        var question = h.Telegram.MessagesTo(TeacherChat).Single();
        Assert.Equal("✉️ Нове повідомлення\nВід: Іваненко Галина (мама)\nПро: Іваненко Олег, 7-А\n\nКоли батьківські збори?", question.PlainText);

        // The class teacher answers from the message: the answer reaches the mother's Telegram.
        Assert.StartsWith("Напишіть відповідь", await h.PressAsync(TeacherChat, h.Button(TeacherChat, "Відповісти")));
        Assert.StartsWith("Відповідь надіслано: Іваненко Галина", await h.SayAsync(TeacherChat, "У четвер о 18:00, кабінет 12."));
        await h.SettledAsync();
        Assert.Equal("✉️ Відповідь від Шевчук Н. О.\nПро: Іваненко Олег, 7-А\n\nУ четвер о 18:00, кабінет 12.", h.Telegram.MessagesTo(MotherChat).Last().PlainText);

        // A Viber guardian writes from the menu: "Написати" in plain words, the class teacher by a button.
        Assert.Contains("Кому написати про Петренко Марія?", await h.ViberSayAsync(ViberMother, "написати вчителю"));
        Assert.Contains("Напишіть повідомлення для Шевчук Н. О.", await h.ViberPressAsync(ViberMother, h.ViberButton(ViberMother, "Шевчук Н. О. — класний керівник")));
        Assert.Contains("Надіслано: Шевчук Н. О. отримає повідомлення зараз.", await h.ViberSayAsync(ViberMother, "Марія завтра піде після 4 уроку, до лікаря."));
        await h.SettledAsync();
        Assert.Equal("✉️ Нове повідомлення\nВід: Петренко Ольга (опікунка)\nПро: Петренко Марія, 7-А\n\nМарія завтра піде після 4 уроку, до лікаря.",
            h.Telegram.MessagesTo(TeacherChat).Last().PlainText);
        await h.PressAsync(TeacherChat, h.Button(TeacherChat, "Відповісти"));
        await h.SayAsync(TeacherChat, "Добре, відпущу після 4 уроку.");
        await h.SettledAsync();
        // The school's Viber alerts are off (the default): the answer to her own question goes over Viber all the same.
        Assert.Equal("✉️ Відповідь від Шевчук Н. О.\nПро: Петренко Марія, 7-А\n\nДобре, відпущу після 4 уроку.", h.Viber.Viber.MessagesTo(ViberMother).Last().Text);

        // Nobody sees the other side's messenger id, username or phone in any message or button.
        var toTeacher = string.Join("\n", h.TelegramTextsTo(TeacherChat));
        foreach (var secret in new[] { MotherChat.ToString(), ViberMother, MotherPhone, ViberMotherPhone, "501112233", "674445566", "Оля" })
            Assert.DoesNotContain(secret, toTeacher);
        var toParents = string.Join("\n", h.TelegramTextsTo(MotherChat).Concat(h.ViberTextsTo(ViberMother)));
        Assert.DoesNotContain(TeacherChat.ToString(), toParents);
        Assert.Empty(h.Telegram.MessagesTo(OtherTeacherChat));

        // The Viber guardian withdraws her consent: her thread is closed for new messages, and nothing more reaches her.
        await using (var withdraw = h.Database.NewContext())
        {
            (await withdraw.Consents.SingleAsync(c => c.GuardianId == h.PetrenkoMother.Id)).Withdraw(new DateOnly(2026, 11, 20));
            await withdraw.SaveChangesAsync();
        }

        var viberBefore = h.Viber.Viber.MessagesTo(ViberMother).Count;
        await h.PressAsync(TeacherChat, h.Button(TeacherChat, "Відповісти"));
        Assert.Equal(TalkService.Closed.Message, await h.SayAsync(TeacherChat, "І ще одне."));
        Assert.Equal(TalkService.Closed.Message, await h.PressAsync(TeacherChat, h.Button(TeacherChat, "Відповісти")));
        await h.SettledAsync();
        Assert.Equal(viberBefore, h.Viber.Viber.MessagesTo(ViberMother).Count);

        // A parent's absence report reaches the class teacher with «Відповісти»: the answer goes in the thread with that
        // guardian about that child.
        Assert.StartsWith("Дякуємо. Класного керівника повідомлено", await h.SayAsync(MotherChat, "/absent температура"));
        await h.SettledAsync();
        var report = h.Telegram.MessagesTo(TeacherChat).Last();
        Assert.StartsWith("Повідомлення про відсутність\nІваненко Олег (7-А), 20.11", report.PlainText);
        Assert.Equal(["Поважна причина", "Відповісти"], report.Keyboard.SelectMany(r => r).Select(b => b.Text));
        Assert.StartsWith("Напишіть відповідь батькам", await h.PressAsync(TeacherChat, h.Button(TeacherChat, "Відповісти")));
        await h.SayAsync(TeacherChat, "Одужуйте! Домашнє надішлю ввечері.");
        await h.SettledAsync();
        Assert.Equal("✉️ Відповідь від Шевчук Н. О.\nПро: Іваненко Олег, 7-А\n\nОдужуйте! Домашнє надішлю ввечері.", h.Telegram.MessagesTo(MotherChat).Last().PlainText);

        // Stored as two threads (the mother's answer went into her open one), unanswered none; the director's view is counts and ages only.
        await using var db = h.Database.NewContext();
        Assert.Equal(2, await db.TalkThreads.CountAsync(t => t.UnansweredSinceUtc == null));
        Assert.Equal(5, await db.TalkMessages.CountAsync());
        var overview = await new TalkService(db, null!, h.Clock).OverviewAsync(h.S.School.Id);
        Assert.Equal(new TalkOverview(2, 1, 0, null), overview);
    }

    [Fact]
    public async Task AMessageAt21OnFriday_IsDeliveredAt8OnMonday_AndTheParentIsToldWhenAtOnce()
    {
        await using var h = await TalkHost.StartAsync(FridayNight);

        await h.SayAsync(MotherChat, "/write");
        await h.PressAsync(MotherChat, h.Button(MotherChat, "Шевчук Н. О. — класний керівник"));
        var told = await h.SayAsync(MotherChat, "Олег забув зошит з української в класі.");
        Assert.Equal("Зараз неробочий час (Шевчук Н. О.). Повідомлення буде доставлено в понеділок о 8:00. Відповідь прийде сюди.", told);
        await h.SettledAsync();
        Assert.Empty(h.Telegram.MessagesTo(TeacherChat));

        // Sunday evening: still nothing; Monday 8:00 in Kyiv (6:00 UTC): it arrives.
        h.Clock.Advance(new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero) - h.Clock.GetUtcNow());
        await h.SettledAsync();
        Assert.Empty(h.Telegram.MessagesTo(TeacherChat));
        h.Clock.Advance(new DateTimeOffset(2026, 11, 23, 6, 0, 1, TimeSpan.Zero) - h.Clock.GetUtcNow());
        await h.SettledAsync();
        Assert.EndsWith("Олег забув зошит з української в класі.", Assert.Single(h.Telegram.MessagesTo(TeacherChat)).PlainText);

        // The teacher's working hours are hers to change in /settings.
        var settings = await h.SayAsync(TeacherChat, "/settings");
        Assert.Contains("🕗 З 8:00 до 17:00 у навчальні дні.", settings);
        Assert.Contains("🕗 З 8:00 до 19:00 у навчальні дні.", await h.PressEditedAsync(TeacherChat, h.Button(TeacherChat, "до 19:00")));

        await using var db = h.Database.NewContext();
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(19, 0)), (await db.Staff.SingleAsync(x => x.Id == h.S.ClassTeacher.Id)).WorkingHours);
        var row = await db.Outbox.SingleAsync(o => o.Kind == NotificationKind.FamilyMessage);
        Assert.Equal(new DateTime(2026, 11, 23, 6, 0, 0), row.NotBeforeUtc);
        Assert.Equal(OutboxState.Sent, row.State);
    }

    [Fact]
    public async Task PlainWords_AreCommands_ForgedButtonsAndATeacherOfAnotherClassAreRefused_AndNothingIsStored()
    {
        await using var h = await TalkHost.StartAsync(FridayMorning);

        // Plain words, both messengers: the same answer as the command.
        Assert.Equal(await h.SayAsync(MotherChat, "/timetable завтра"), await h.SayAsync(MotherChat, "Розклад завтра"));
        Assert.Equal(await h.SayAsync(MotherChat, "/marks"), await h.SayAsync(MotherChat, "оцінки"));
        Assert.Equal(await h.ViberSayAsync(ViberMother, "/attendance"), await h.ViberSayAsync(ViberMother, "Пропуски"));
        Assert.Equal(await h.ViberSayAsync(ViberMother, "/diary тиждень"), await h.ViberSayAsync(ViberMother, "тиждень"));

        // A teacher of 3-А only, put into the button by hand: refused.
        var child = ButtonData.Id(h.S.Ivanenko.Id);
        Assert.Equal(TalkService.NotYourTeacher.Message, await h.PressAsync(MotherChat, ButtonData.Make("tw", child, ButtonData.Id(h.ThirdGradeTeacher.Id))));
        // Another family's child; a broken id; a thread that is not hers; an absence report to answer as a parent.
        Assert.Equal(TalkService.NotYourChild.Message, await h.PressAsync(MotherChat, ButtonData.Make("tw", ButtonData.Id(h.S.Sydorenko.Id))));
        Assert.Equal(Bot.Host.Conversation.Handlers.TalkHandler.Forged, await h.PressAsync(MotherChat, "tr|not-an-id"));
        Assert.Equal(TalkService.NotYourThread.Message, await h.PressAsync(MotherChat, ButtonData.Make("tr", ButtonData.Id(Guid.NewGuid()))));
        Assert.Equal("Відповісти на це повідомлення може лише класний керівник дитини.", await h.PressAsync(OtherTeacherChat, ButtonData.Make("ta", ButtonData.Id(Guid.NewGuid()))));

        // Too long a text is refused with its length, and the question stands for a shorter one.
        await h.SayAsync(MotherChat, "/write");
        await h.PressAsync(MotherChat, h.Button(MotherChat, "Шевчук Н. О. — класний керівник"));
        Assert.Equal(TalkService.TooLong(2001).Message, await h.SayAsync(MotherChat, new string('а', 2001)));

        await using var db = h.Database.NewContext();
        Assert.Equal(0, await db.TalkMessages.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync(o => o.Kind == NotificationKind.FamilyMessage));
        Assert.Empty(h.Telegram.MessagesTo(TeacherChat));
        Assert.DoesNotContain(h.Telegram.MessagesTo(OtherTeacherChat), m => m.PlainText.Contains("Нове повідомлення"));
    }
}
