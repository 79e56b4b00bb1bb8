using Bot.Domain.Audit;
using System.Text.RegularExpressions;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// «Повідомлення» in Debian's Chromium (ADR 0038): a mother writes to the class teacher in Telegram; the
/// class teacher finds the thread in the panel (unanswered, the child and class, "мама" — no phone, no chat id, no
/// internal id on the page), answers there, and the mother receives the answer through the fake Bot API exactly as an
/// answer from the chat. A subject teacher and the director do not read it (the director sees the counts).
/// Screenshots: TestResults/screenshots/talk-*.png (one at 400 px).
/// </summary>
public sealed partial class TalkInTheBrowserTests
{
    private const long TeacherChat = 820_001;
    private const long MotherChat = 820_002;
    private const string MotherPhone = "+380501112233";

    [Fact]
    public async Task ClassTeacher_AnswersInThePanel_AndTheMotherReceivesItInTelegram()
    {
        var clock = new ShiftedClock(TestSchool.Now); // Friday 20.11.2026, 10:00 in Kyiv: working hours, no quiet hours
        await using var telegram = await FakeTelegramServer.StartAsync(clock);
        telegram.Limits.PerChatPerSecond = 1000;
        telegram.Limits.GlobalPerSecond = 1000;
        await using var app = await PanelApp.StartAsync(b =>
        {
            b.UseSetting("Telegram:Token", FakeTelegramServer.Token);
            b.UseSetting("Telegram:ApiBaseUrl", telegram.BaseUrl);
            b.UseSetting("Delivery:PollInterval", "00:00:00.100");
            b.UseSetting("Delivery:PerChatPerSecond", "1000");
            b.UseSetting("Jobs:InMemory", "true");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }, kestrel: true);
        var s = app.School!;
        await using (var db = app.Database.NewContext())
        {
            (await db.Guardians.FindAsync(s.IvanenkoMother.Id))!.ChangePhone(MotherPhone);
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Guardian, s.IvanenkoMother.Id, MotherChat);
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Staff, s.ClassTeacher.Id, TeacherChat);
            db.Consents.Add(new Consent(s.School.Id, s.IvanenkoMother.Id, new DateOnly(2026, 9, 1), s.ClassTeacher.Id, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }

        // The mother writes in Telegram: a plain sentence offered to the class teacher, sent on one press.
        telegram.UserSends(MotherChat, MotherChat, "Коли батьківські збори?");
        await telegram.WaitForMessagesAsync(MotherChat, 1, TimeSpan.FromSeconds(30));
        var send = telegram.MessagesTo(MotherChat).Last().Keyboard.SelectMany(r => r).First(b => b.Text == "Надіслати класному керівнику").CallbackData!;
        telegram.UserPresses(MotherChat, MotherChat, send, telegram.MessagesTo(MotherChat).Last().MessageId);
        await telegram.WaitForMessagesAsync(MotherChat, 2, TimeSpan.FromSeconds(30));
        Assert.StartsWith("Надіслано: Шевчук Н. О.", telegram.MessagesTo(MotherChat).Last().PlainText);
        await telegram.WaitForMessagesAsync(TeacherChat, 1, TimeSpan.FromSeconds(30));

        await using var session = await BrowserSession.StartAsync();
        var teacher = await SignInAsync(session, app, "classteacher", 1280);
        await (await BrowserSession.OpenNavAsync(teacher, "Повідомлення")).ClickAsync();
        var row = teacher.Locator("#threads a");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Іваненко Галина (мама)");
        await Assertions.Expect(row).ToContainTextAsync("Іваненко Олег, 7-А");
        await Assertions.Expect(row).ToContainTextAsync("без відповіді");
        await row.ClickAsync();
        await Assertions.Expect(teacher.Locator("#messages")).ToContainTextAsync("Коли батьківські збори?");
        var threadUrl = new Uri(teacher.Url).PathAndQuery;

        // Nothing to send: refused next to the box, nothing queued.
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Надіслати відповідь" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#answer-error")).ToHaveTextAsync("Повідомлення порожнє: напишіть, будь ласка, текст.");

        await teacher.GetByLabel("Ваша відповідь").FillAsync("У четвер о 18:00, кабінет 12.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Надіслати відповідь" }).ClickAsync();
        await Assertions.Expect(teacher.Locator(".alert-success")).ToContainTextAsync("Відповідь надіслано: Іваненко Галина");
        await Assertions.Expect(teacher.Locator("#messages .talk-message")).ToHaveCountAsync(2);
        await Assertions.Expect(teacher.Locator("#threads")).Not.ToContainTextAsync("без відповіді");

        // The mother gets it in Telegram, as an answer from the chat would come.
        await telegram.WaitForMessagesAsync(MotherChat, 3, TimeSpan.FromSeconds(30));
        Assert.Equal("✉️ Відповідь від Шевчук Н. О.\nПро: Іваненко Олег, 7-А\n\nУ четвер о 18:00, кабінет 12.", telegram.MessagesTo(MotherChat).Last().PlainText);

        // What the page shows: no phone, no chat id, no internal id.
        var text = await teacher.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(MotherPhone, text);
        Assert.DoesNotContain("501112233", text);
        Assert.DoesNotContain(MotherChat.ToString(), text);
        Assert.DoesNotContain(TeacherChat.ToString(), text);
        Assert.False(Guid().IsMatch(text), "the page shows an internal id");
        await teacher.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("talk-1-answered-1280.png"), FullPage = true });
        await teacher.SetViewportSizeAsync(400, 860);
        await teacher.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("talk-2-answered-400.png"), FullPage = true });

        // A subject teacher of the class and the director: not their thread, not its text; the director sees counts.
        var algebra = await SignInAsync(session, app, "teacher", 1280);
        await algebra.GotoAsync("/Talk");
        await Assertions.Expect(algebra.Locator("#no-threads")).ToBeVisibleAsync();
        Assert.Equal(404, (await algebra.GotoAsync(threadUrl))!.Status);
        var director = await SignInAsync(session, app, "director", 1280);
        await director.GotoAsync("/Talk");
        await Assertions.Expect(director.Locator("#talk-overview")).ToContainTextAsync("Усього: 1 · відкритих: 1 · без відповіді: 0");
        Assert.DoesNotContain("Коли батьківські збори?", await director.ContentAsync());
        Assert.Equal(404, (await director.GotoAsync(threadUrl))!.Status);
        await director.GotoAsync("/Talk");
        await Assertions.Expect(director.Locator("#no-passed")).ToBeVisibleAsync();

        // «Передати адміністрації» from the mother's chat: the teacher is told; now the director reads it, and closes it.
        var teacherBefore = telegram.MessagesTo(TeacherChat).Count;
        var pass = telegram.MessagesTo(MotherChat).Last().Keyboard.SelectMany(r => r).First(b => b.Text == "Передати адміністрації").CallbackData!;
        telegram.UserPresses(MotherChat, MotherChat, pass, telegram.MessagesTo(MotherChat).Last().MessageId);
        await telegram.WaitForMessagesAsync(MotherChat, 4, TimeSpan.FromSeconds(30));
        Assert.Equal("Розмову передано адміністрації школи: її прочитає директор або заступник директора. Учителя теж повідомлено.", telegram.MessagesTo(MotherChat).Last().PlainText);
        await telegram.WaitForMessagesAsync(TeacherChat, teacherBefore + 1, TimeSpan.FromSeconds(30));
        Assert.Equal("Розмову про Іваненко Олег, 7-А передано адміністрації школи на прохання батьків: її прочитає директор або заступник директора.",
            telegram.MessagesTo(TeacherChat).Last().PlainText);
        await director.GotoAsync("/Talk");
        var passed = director.Locator("#passed a");
        await Assertions.Expect(passed).ToHaveCountAsync(1);
        await Assertions.Expect(passed).ToContainTextAsync("Іваненко Олег, 7-А · Шевчук Н. О.");
        await passed.ClickAsync();
        await Assertions.Expect(director.Locator("#messages")).ToContainTextAsync("Коли батьківські збори?");
        Assert.Equal(0, await director.Locator("#answer-form").CountAsync()); // the administration reads and closes; it does not answer
        await director.GetByRole(AriaRole.Button, new() { Name = "Закрити для нових повідомлень" }).ClickAsync();
        await Assertions.Expect(director.Locator(".alert-success")).ToContainTextAsync("Розмову закрито для нових повідомлень");
        await Assertions.Expect(director.Locator("#thread")).ToContainTextAsync("Розмову закрито: нові повідомлення в ній неможливі.");
        Assert.False(Guid().IsMatch(await director.Locator("body").InnerTextAsync()), "the page shows an internal id");
        await director.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("talk-3-director-closed.png"), FullPage = true });
        const string closedText = "Адміністрація школи закрила розмову про Іваненко Олег, 7-А: нові повідомлення в ній неможливі.";
        await telegram.WaitForMessagesAsync(MotherChat, 5, TimeSpan.FromSeconds(30));
        await telegram.WaitForMessagesAsync(TeacherChat, teacherBefore + 2, TimeSpan.FromSeconds(30));
        Assert.Equal(closedText, telegram.MessagesTo(MotherChat).Last().PlainText);
        Assert.Equal(closedText, telegram.MessagesTo(TeacherChat).Last().PlainText);
        // The teacher's answer form is gone; an answer posted anyway is refused.
        await teacher.SetViewportSizeAsync(1280, 900);
        await teacher.ReloadAsync();
        Assert.Equal(0, await teacher.Locator("#answer-form").CountAsync());

        await using var check = app.Database.NewContext();
        var answer = await check.Outbox.SingleAsync(o => o.Kind == NotificationKind.StaffAnswer);
        Assert.Equal(OutboxState.Sent, answer.State);
        Assert.Equal(2, await check.TalkMessages.CountAsync());
        var audit = await check.AuditRecords.Where(r => r.EntityType == "TalkThread").InWrittenOrder().ToListAsync();
        Assert.Equal(["передано адміністрації", "закрито"], audit.Select(r => r.NewValue));
        Assert.Equal(["батьки", "Гребенюк О. А."], audit.Select(r => r.ActorName));
        Assert.All(audit, r => Assert.DoesNotContain("збори", r.Context ?? ""));
    }

    private static async Task<IPage> SignInAsync(BrowserSession session, PanelApp app, string login, int width)
    {
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
            { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);
        return page;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();
}
