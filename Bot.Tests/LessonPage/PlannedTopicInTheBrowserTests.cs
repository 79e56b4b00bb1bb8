using System.Net;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Timetable;
using Bot.Fakes;
using Bot.Host.LessonPage;
using Bot.Tests.AdminPanel;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bot.Tests.LessonPage;

/// <summary>
/// The calendar-thematic plan end to end (docs/decisions/0050-calendar-plan.md): the algebra teacher checks and imports 7-А's
/// plan on the panel's plan page (a bad line imports nothing and is named; another page's plan is 403); the lesson page in
/// Chromium proposes the first planned topic and takes it with one tap; the lesson flow in the (fake) Telegram proposes
/// 11-А's and writes it on a tap; the grid offers the next line for today only; the deputy's «Виконання програм» counts them.
/// </summary>
public sealed class PlannedTopicInTheBrowserTests
{
    private const long TeacherChat = 840_001;
    private const string PublicBase = "https://school.example";

    private static readonly string[] BrowserArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--ignore-certificate-errors"];

    [Fact]
    public async Task ThePlan_IsImportedWhole_AndItsTopicsAreTakenOnTheDay_OnThePage_InTheChat_AndInTheGrid()
    {
        var clock = new ShiftedClock(TestSchool.Now); // Friday 20.11.2026, 10:00 in Kyiv
        await using var telegram = await FakeTelegramServer.StartAsync(clock);
        telegram.Limits.PerChatPerSecond = 1000;
        telegram.Limits.GlobalPerSecond = 1000;
        await using var app = await PanelApp.StartAsync(b =>
        {
            b.UseSetting("Telegram:Token", FakeTelegramServer.Token);
            b.UseSetting("Telegram:ApiBaseUrl", telegram.BaseUrl);
            b.UseSetting("Files:PublicBaseUrl", PublicBase);
            b.UseSetting("Jobs:InMemory", "true");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }, kestrel: true);
        var s = app.School!;
        await using (var db = app.Database.NewContext())
        {
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Staff, s.AlgebraTeacher.Id, TeacherChat);
            db.Add(new TimetableEntry(s.School.Id, s.Class11A.Id, s.Geometry.Id, DayOfWeek.Friday, 4, s.AlgebraTeacher.Id));
            await db.SaveChangesAsync();
        }

        // ---- the plan page: a bad line imports nothing; the good plan imports whole ----
        var teacher = await SignInAsync(app, "teacher");
        var planUrl = $"/Journal/Plan/{s.Class7A.Id}/{s.Algebra.Id}";
        var token = await PanelApp.TokenAsync(teacher, planUrl);
        var bad = await PanelApp.TextAsync(await teacher.PostAsync(planUrl + "?handler=Preview",
            PanelApp.Form(token, ("Text", "1; Повторення: дроби; Вступ\n3; Раціональні числа"))));
        Assert.Contains("Рядок 2: номер 3, а за порядком має бути 2 (уроки нумеруються підряд від 1).", bad);
        Assert.Contains("Нічого не завантажено", bad);
        Assert.DoesNotContain("Завантажити план", bad.Replace("<h2 class=\"h5\">Завантажити план</h2>", "", StringComparison.Ordinal));
        var good = await PanelApp.TextAsync(await teacher.PostAsync(planUrl + "?handler=Preview",
            PanelApp.Form(token, ("Text", "1; Повторення: дроби; Вступ\n2; Раціональні числа; Розділ 1. Раціональні вирази\n3; Степінь"))));
        Assert.Contains("Уроків у плані: 3.", good);
        var forged = await teacher.PostAsync($"/Journal/Plan/{s.Class7A.Id}/{s.English.Id}?handler=Import", PanelApp.Form(token, ("content", "1\tЧужий план")));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync($"/Journal/Plan/{s.Class3A.Id}/{s.Reading.Id}")).StatusCode);
        var imported = await teacher.PostAsync(planUrl + "?handler=Import",
            PanelApp.Form(token, ("content", "1\tПовторення: дроби\tВступ\n2\tРаціональні числа\tРозділ 1. Раціональні вирази\n3\tСтепінь")));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var shown = await PanelApp.TextAsync(await teacher.GetAsync(planUrl));
        Assert.Contains("План завантажено: уроків — 3.", shown);
        Assert.Contains("Уроків у плані: 3; тем уже проведено: 0.", shown);
        await using (var db = app.Database.NewContext())
        {
            Assert.Equal(3, await db.CalendarPlan.CountAsync());
            var plans = new CalendarPlanService(db, new JournalService(db, clock, new JournalSettings()), clock);
            (await plans.ImportAsync(Actor.For(s.AlgebraTeacher, Bot.Domain.Audit.Channel.Web), s.Class11A.Id, s.Geometry.Id, null,
                CalendarPlanFile.ReadText("1; Аксіоми стереометрії; Вступ до стереометрії\n2; Наслідки з аксіом"))).GetValueOrThrow();
        }

        // ---- the lesson page: the first planned topic, one tap ----
        telegram.UserSends(TeacherChat, TeacherChat, "/lesson");
        await telegram.WaitForMessagesAsync(TeacherChat, 1, TimeSpan.FromSeconds(30));
        var list = telegram.MessagesTo(TeacherChat).Last();
        telegram.UserPresses(TeacherChat, TeacherChat, list.Keyboard.SelectMany(r => r).First(b => b.Text.StartsWith("2. 7-А", StringComparison.Ordinal)).CallbackData!, list.MessageId);
        string? pageUrl = null;
        await FakeTelegramServer.WaitUntilAsync(() => (pageUrl = telegram.EditsTo(TeacherChat).Concat<object>(telegram.MessagesTo(TeacherChat))
            .SelectMany(m => m is MessageEdit e ? e.Keyboard : ((SentMessage)m).Keyboard).SelectMany(r => r)
            .FirstOrDefault(b => b.WebAppUrl is { } u && u != $"{PublicBase}/lesson/today")?.WebAppUrl) is not null, TimeSpan.FromSeconds(30), "the lesson's Mini App button");
        var lessonId = Guid.ParseExact(pageUrl![^32..], "N");
        var initData = TelegramInitData.Sign(FakeTelegramServer.Token, TeacherChat, clock.GetUtcNow());
        var miniApp = $"{app.BaseUrl()}{new Uri(pageUrl).AbsolutePath}#tgWebAppData={Uri.EscapeDataString(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=android";

        var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserSession.Chromium, Headless = true, Args = BrowserArgs });
        await using var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 400, Height = 860 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(miniApp);
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("7-А · Алгебра");
        await Assertions.Expect(page.Locator("#planned")).ToContainTextAsync("За планом (урок № 1): Повторення: дроби — розділ «Вступ»");
        await page.Locator("#planned-accept").ClickAsync();
        await Assertions.Expect(page.Locator("#topic")).ToHaveValueAsync("Повторення: дроби");
        await Assertions.Expect(page.Locator("#planned")).ToHaveCountAsync(0);
        await WaitForAsync(async () =>
        {
            await using var db = app.Database.NewContext();
            return await db.Lessons.AnyAsync(l => l.Id == lessonId && l.Topic == "Повторення: дроби" && l.ThemeTitle == "Вступ");
        }, "the planned topic to be written");
        await Assertions.Expect(page.Locator("#pending-count")).ToHaveCountAsync(0);

        // Keyboard users: Enter and Space on a focused key each set one mark, written once.
        await page.Locator("#marks button.row").First.ClickAsync();
        var first = await page.Locator("#keys b").InnerTextAsync();
        await page.Locator("#keys button.k[data-value='9']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#marks button.row", new() { HasText = first }).Locator(".cell")).ToHaveTextAsync("9");
        var next = await page.Locator("#keys b").InnerTextAsync();
        Assert.NotEqual(first, next);
        await Assertions.Expect(page.Locator("#keys button.k[data-value='9']")).ToBeFocusedAsync();
        await page.Locator("#keys button.k[data-value='8']").FocusAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.Locator("#marks button.row", new() { HasText = next }).Locator(".cell")).ToHaveTextAsync("8");
        await WaitForAsync(async () =>
        {
            await using var db = app.Database.NewContext();
            return await db.Marks.CountAsync(m => m.LessonId == lessonId) == 2;
        }, "the two marks");
        await using (var db = app.Database.NewContext())
            Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.EntityType == "Mark"));

        // Offline, a notice about undo does not take the next tap meant for the undo button under it.
        await context.SetOfflineAsync(true);
        await page.Locator("#undo").ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToHaveTextAsync("Без зв’язку можна скасувати лише ще не надісланий запис.");
        Assert.True(await page.EvaluateAsync<bool>("() => { const t = document.getElementById('toast'); const r = t.getBoundingClientRect(); " +
            "const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !!e && e !== t && !t.contains(e); }"),
            "a tap on the notice reaches the page beneath it");
        await page.Locator("#undo").ClickAsync(new() { Timeout = 5000 });
        await context.SetOfflineAsync(false);

        // ---- the lesson flow in the chat: 11-А's first planned topic, one tap ----
        var edits = telegram.EditsTo(TeacherChat).Count;
        telegram.UserSends(TeacherChat, TeacherChat, "/lesson");
        await telegram.WaitForMessagesAsync(TeacherChat, 2, TimeSpan.FromSeconds(30));
        var second = telegram.MessagesTo(TeacherChat).Last();
        telegram.UserPresses(TeacherChat, TeacherChat, second.Keyboard.SelectMany(r => r).First(b => b.Text.StartsWith("4. 11-А", StringComparison.Ordinal)).CallbackData!, second.MessageId);
        var screen = await EditAsync(telegram, edits, e => e.Keyboard.SelectMany(r => r).Any(b => b.Text == "Усі присутні"));
        telegram.UserPresses(TeacherChat, TeacherChat, screen.Keyboard.SelectMany(r => r).First(b => b.Text == "Усі присутні").CallbackData!, second.MessageId);
        screen = await EditAsync(telegram, edits, e => e.Keyboard.SelectMany(r => r).Any(b => b.Text == "Тема і д/з"));
        telegram.UserPresses(TeacherChat, TeacherChat, screen.Keyboard.SelectMany(r => r).First(b => b.Text == "Тема і д/з").CallbackData!, second.MessageId);
        screen = await EditAsync(telegram, edits, e => e.PlainText.Contains("Надішліть тему уроку", StringComparison.Ordinal));
        Assert.Contains("За планом (урок № 1): Аксіоми стереометрії", screen.PlainText);
        var accept = screen.Keyboard.SelectMany(r => r).Single(b => b.Text == "✓ Аксіоми стереометрії");
        telegram.UserPresses(TeacherChat, TeacherChat, accept.CallbackData!, second.MessageId);
        screen = await EditAsync(telegram, edits, e => e.PlainText.Contains("Тему записано: Аксіоми стереометрії", StringComparison.Ordinal));
        Assert.Contains("домашнє завдання", screen.PlainText);
        await using (var db = app.Database.NewContext())
        {
            var held = await db.Lessons.SingleAsync(l => l.ClassId == s.Class11A.Id && l.SubjectId == s.Geometry.Id);
            Assert.Equal(("Аксіоми стереометрії", "Вступ до стереометрії", TestSchool.Today, 4), (held.Topic, held.ThemeTitle, held.Date, held.Slot));
        }

        // ---- the grid: today's lesson has its topic, so nothing is offered; the next line goes to another lesson of today only ----
        var gridUrl = $"/Journal/Grid/{s.Class7A.Id}/{s.Algebra.Id}";
        var grid = await PanelApp.TextAsync(await teacher.GetAsync(gridUrl));
        Assert.DoesNotContain("id=\"plan-topic\"", grid);
        var gridToken = await PanelApp.TokenAsync(teacher, gridUrl);
        var taken = await teacher.PostAsync(gridUrl + "?handler=PlanTopic", PanelApp.Form(gridToken, ("number", "2"), ("slot", "6")));
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        await using (var db = app.Database.NewContext())
        {
            var sixth = await db.Lessons.SingleAsync(l => l.ClassId == s.Class7A.Id && l.Slot == 6);
            Assert.Equal(("Раціональні числа", "Розділ 1. Раціональні вирази", TestSchool.Today), (sixth.Topic, sixth.ThemeTitle, sixth.Date));
        }

        Assert.Contains("Уроків у плані: 3; тем уже проведено: 2.", await PanelApp.TextAsync(await teacher.GetAsync(planUrl)));

        // ---- the deputy's programmes ----
        var deputy = await SignInAsync(app, "deputy");
        var programmes = await PanelApp.TextAsync(await deputy.GetAsync("/Journal/Programmes"));
        Assert.Contains("Виконання навчальних програм", programmes);
        Assert.Matches(@"7-А\s*Алгебра\s*3\s*2\s*2\s*66%", System.Text.RegularExpressions.Regex.Replace(programmes, "<[^>]+>", " "));
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/Journal/Programmes")).StatusCode);
    }

    /// <summary>A signed-in client of the panel served by Kestrel (the page's host here), as a browser would be.</summary>
    private static async Task<HttpClient> SignInAsync(PanelApp app, string login)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false, UseCookies = true, CookieContainer = new(),
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        var client = new HttpClient(handler) { BaseAddress = app.BrowserAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(client, login, PanelApp.Password)).StatusCode);
        return client;
    }

    /// <summary>The latest edit of the chat after the first <paramref name="skip"/> that shows what <paramref name="shows"/> looks for.</summary>
    private static async Task<MessageEdit> EditAsync(FakeTelegramServer telegram, int skip, Func<MessageEdit, bool> shows)
    {
        MessageEdit? found = null;
        await FakeTelegramServer.WaitUntilAsync(() => (found = telegram.EditsTo(TeacherChat).Skip(skip).LastOrDefault(shows)) is not null,
            TimeSpan.FromSeconds(30), "the flow's screen");
        return found!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited 20 s for {what}.");
            await Task.Delay(100);
        }
    }
}
