using System.Net;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Host.Conversation.Handlers;
using Bot.Tests.AdminPanel;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversation;

/// <summary>
/// Talking with the school (ADR 0043): through the panel and the fake Telegram server: the class teacher of 7-А writes an announcement
/// asking for acknowledgement; Іваненко's mother and Петренко's mother press «✅ Ознайомились» (their messages are edited to
/// say when, without the button), Сидоренко's father does not; a forged press (another announcement's id, and this one's from a
/// chat that was never sent it) is refused and records nothing; the panel's page lists who has and who has not, per class; the
/// one reminder reaches only Сидоренко's father (not Іваненко's father: his family acknowledged), once, with the same button.
/// </summary>
public sealed class AnnouncementAcknowledgementTests
{
    [Fact]
    public async Task TwoFamiliesAcknowledge_OneDoesNot_ThePanelListsThem_TheReminderReachesOnlyTheOne_Once_ForgedPressesRefused()
    {
        var clock = new ShiftedClock(TestSchool.Now);
        await using var app = await PanelApp.StartAsync(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var S = app.School!;
        Guardian petrenkoMother, sydorenkoFather, outsiderMother;
        await using (var db = app.Database.NewContext())
        {
            petrenkoMother = new Guardian(S.School.Id, "Петренко", "Оксана");
            sydorenkoFather = new Guardian(S.School.Id, "Сидоренко", "Ігор");
            outsiderMother = new Guardian(S.School.Id, "Ґудзь", "Ірина");
            db.AddRange(petrenkoMother, sydorenkoFather, outsiderMother);
            db.Add(new GuardianStudent(petrenkoMother.Id, S.Petrenko.Id, "мати"));
            db.Add(new GuardianStudent(sydorenkoFather.Id, S.Sydorenko.Id, "батько"));
            db.Add(new GuardianStudent(outsiderMother.Id, S.Primary.Id, "мати"));
            foreach (var g in new[] { S.IvanenkoMother.Id, petrenkoMother.Id, sydorenkoFather.Id, outsiderMother.Id })
            {
                db.Add(new Consent(S.School.Id, g, new DateOnly(2026, 9, 1), S.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
            }

            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id, 701);
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, petrenkoMother.Id, 702);
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, sydorenkoFather.Id, 703);
            await DeliveryHost.LinkAsync(db, S.School.Id, PersonKind.Guardian, outsiderMother.Id, 709);
            await db.SaveChangesAsync();
        }

        // The class teacher writes to 7-А and asks for acknowledgement.
        var teacher = await app.SignInAsync("classteacher");
        var form = await PanelApp.TextAsync(await teacher.GetAsync("/Announcements"));
        Assert.Contains("Просити підтвердити ознайомлення", form);
        var token = await PanelApp.TokenAsync(teacher, "/Announcements");
        var posted = await teacher.PostAsync("/Announcements", PanelApp.Form(token,
        [
            ("Form.Audience", "Class"), ("Form.ClassId", S.Class7A.Id.ToString()), ("Form.Grade", ""),
            ("Form.Text", "Батьківські збори в четвер о 18:00, кабінет 12."), ("Form.Urgent", "false"), ("Form.AskAcknowledgement", "true"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Guid announcementId;
        await using (var db = app.Database.NewContext())
            announcementId = (await db.Announcements.SingleAsync()).Id;

        await using var bot = await TelegramDriver.StartAsync(app.Database, S, clock: clock,
            settings: new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:00:00.100" });
        const string Sent = "📢 Оголошення · 7-А\nБатьківські збори в четвер о 18:00, кабінет 12.\n— Шевчук Н. О., класний керівник 7-А\nПідтвердіть, будь ласка, що ознайомились.";
        var messages = new Dictionary<long, Bot.Fakes.SentMessage>();
        foreach (var chat in new long[] { 701, 702, 703 })
        {
            var m = (await bot.Telegram.WaitForMessagesAsync(chat, 1, TimeSpan.FromSeconds(20))).Single();
            Assert.Equal(Sent, m.PlainText);
            Assert.Equal([AnnouncementAckButton.Label], m.Keyboard.SelectMany(r => r).Select(b => b.Text));
            messages[chat] = m;
        }

        var ack = messages[701].Keyboard.Single().Single().CallbackData!;

        // Forged: another announcement's id; this one's from a chat never sent it (a 3-А parent). Nothing recorded.
        Assert.Equal(AnnouncementAckButton.NotAllowed, string.Join("\n", (await bot.PressForgedAsync("709", "ak|" + new string('A', 22))).Select(r => r.Text)));
        Assert.Equal(AnnouncementAckButton.NotAllowed, string.Join("\n", (await bot.PressForgedAsync("709", ack)).Select(r => r.Text)));
        await using (var db = app.Database.NewContext())
            Assert.False(await db.AnnouncementAcknowledgements.AnyAsync());

        // Two families acknowledge: the message is edited to say when, without the button; the press is answered.
        var edited = (await bot.PressAsync("701", ack)).Single();
        Assert.Equal("📢 Оголошення · 7-А\nБатьківські збори в четвер о 18:00, кабінет 12.\n— Шевчук Н. О., класний керівник 7-А\n"
            + "✅ Ви підтвердили ознайомлення 20.11 о 10:", edited.Text[..^3]);
        Assert.Empty(edited.Buttons);
        Assert.Contains(bot.Telegram.CallbackAnswers, a => a.Text == "Дякуємо, ознайомлення підтверджено");
        Assert.Empty((await bot.PressAsync("702", messages[702].Keyboard.Single().Single().CallbackData!)).Single().Buttons);

        // A second press of the same (stale) button records nothing new and says so.
        var again = bot.Telegram.UserPresses(701, 701, ack, messages[701].MessageId);
        await Bot.Fakes.FakeTelegramServer.WaitUntilAsync(() => bot.Telegram.CallbackAnswers.Any(a => a.QueryId == again), TimeSpan.FromSeconds(20), "the second press");
        Assert.Equal("Ви вже підтвердили ознайомлення", bot.Telegram.CallbackAnswers.Single(a => a.QueryId == again).Text);
        await using (var db = app.Database.NewContext())
        {
            var rows = await db.AnnouncementAcknowledgements.ToListAsync();
            Assert.Equal(new[] { S.IvanenkoMother.Id, petrenkoMother.Id }.Order(), rows.Select(r => r.GuardianId).Order());
            Assert.All(rows, r => Assert.Equal(Bot.Domain.Audit.Channel.Telegram, r.AcknowledgedVia));
        }

        // The panel: per class, who has and who has not.
        var list = await PanelApp.TextAsync(await teacher.GetAsync("/Announcements"));
        Assert.Contains($"/Announcements/Acknowledgements/{announcementId}", list);
        var page = await PanelApp.TextAsync(await teacher.GetAsync($"/Announcements/Acknowledgements/{announcementId}"));
        // Per child: Олег is acknowledged by his mother — his father, who has not pressed, is not "ще не підтвердили" for him.
        Assert.Contains("Підтвердили: <strong>2</strong> · лише переглянули: <strong>0</strong> · ще ні: <strong>1</strong>", page);
        Assert.DoesNotContain("Іваненко П.", page);
        Assert.Matches(@"Іваненко Олег</td>\s*<td>Іваненко Г\.</td>\s*<td class=""ack-state"">✅ підтвердили 20\.11 10:\d\d \(Telegram\)", page);
        Assert.Matches(@"Петренко Марія</td>\s*<td>Петренко О\.</td>\s*<td class=""ack-state"">✅ підтвердили", page);
        Assert.Matches(@"Сидоренко Андрій</td>\s*<td>Сидоренко І\.</td>\s*<td class=""ack-state"">ще не підтвердили", page);
        Assert.Contains("Нагадати тим, хто не підтвердив", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("teacher")).GetAsync($"/Announcements/Acknowledgements/{announcementId}")).StatusCode);

        // The one reminder: only Сидоренко's father (Іваненко's father is not reminded: the mother acknowledged for Олег).
        var pageToken = await PanelApp.TokenAsync(teacher, $"/Announcements/Acknowledgements/{announcementId}");
        var reminded = await teacher.PostAsync($"/Announcements/Acknowledgements/{announcementId}?handler=Remind", PanelApp.Form(pageToken, []));
        Assert.Equal(HttpStatusCode.Redirect, reminded.StatusCode);
        var after = await PanelApp.TextAsync(await teacher.GetAsync($"/Announcements/Acknowledgements/{announcementId}"));
        Assert.Contains("Нагадування поставлено в чергу: 1 родині.", after);
        Assert.DoesNotContain("Нагадати тим, хто не підтвердив", after);
        Assert.Contains("Нагадування надіслано 20.11", after);
        var again2 = await teacher.PostAsync($"/Announcements/Acknowledgements/{announcementId}?handler=Remind", PanelApp.Form(pageToken, []));
        Assert.Contains("Нагадування вже надіслано: воно буває лише одне.", await PanelApp.TextAsync(await teacher.GetAsync(again2.Headers.Location!.ToString())));

        var reminder = (await bot.Telegram.WaitForMessagesAsync(703, 2, TimeSpan.FromSeconds(20)))[1];
        Assert.Equal("🔔 Нагадування: підтвердіть, що ознайомились з оголошенням\n" + Sent, reminder.PlainText);
        Assert.Equal([AnnouncementAckButton.Label], reminder.Keyboard.SelectMany(r => r).Select(b => b.Text));
        await Task.Delay(1500); // a second reminder, or one to the others, would have gone by now
        Assert.Single(bot.Telegram.MessagesTo(701));
        Assert.Single(bot.Telegram.MessagesTo(702));
        Assert.Equal(2, bot.Telegram.MessagesTo(703).Count);
        await using (var db = app.Database.NewContext())
        {
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.IdempotencyKey.EndsWith(AcknowledgementService.ReminderKey)));
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.IdempotencyKey.EndsWith(AcknowledgementService.ReminderKey) && o.RecipientId == sydorenkoFather.Id));
        }

        // The reminder's button works like the first.
        var late = (await bot.PressAsync("703", reminder.Keyboard.Single().Single().CallbackData!)).Single();
        Assert.Contains("✅ Ви підтвердили ознайомлення 20.11", late.Text);
        var final = await PanelApp.TextAsync(await teacher.GetAsync($"/Announcements/Acknowledgements/{announcementId}"));
        Assert.Contains("Підтвердили: <strong>3</strong>", final);
    }
}
