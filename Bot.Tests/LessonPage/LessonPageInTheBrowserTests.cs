using System.Text.Json;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Domain.Timetable;
using Bot.Fakes;
using Bot.Host.LessonPage;
using Bot.Tests.AdminPanel;
using Bot.Tests.Builders;
using Bot.Tests.Conversation;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bot.Tests.LessonPage;

/// <summary>
/// The lesson page (ADR 0046): in Debian's Chromium: the lesson page one tap from the chat. The teacher's lesson flow in
/// the (fake) Telegram carries a Mini App button; the page opened with launch data signed by the test bot token takes the
/// roll call and the marks of the class through the same journal as the chat; offline (Chromium's network emulation) it
/// queues five marks and the topic, reloads from its service worker, and on return sends each entry once — one refused
/// (the cell was filled meanwhile) and shown with the reason. Forged, stale and another person's launch data, a forged and
/// an expired Viber link are refused with a Ukrainian page. Screenshot: TestResults/screenshots/lesson-page-400.png.
/// </summary>
public sealed class LessonPageInTheBrowserTests
{
    private const long TeacherChat = 830_001;
    private const long MotherChat = 830_002;
    private const long EnglishChat = 830_003;
    private const string PublicBase = "https://school.example";

    private static readonly string[] BrowserArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--ignore-certificate-errors"]; // the test host's self-signed certificate: a service worker registers only over a trusted one

    [Fact]
    public async Task MiniApp_MarksTheClass_QueuesOffline_AndSendsEachEntryOnce()
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
        await LessonWalk.GrowClassTo30Async(app.Database, s);
        await using (var db = app.Database.NewContext())
        {
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Staff, s.AlgebraTeacher.Id, TeacherChat);
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Guardian, s.IvanenkoMother.Id, MotherChat);
            await DeliveryHost.LinkAsync(db, s.School.Id, PersonKind.Staff, s.EnglishTeacher.Id, EnglishChat);
            await db.SaveChangesAsync();
        }

        // The chat: the day's list offers the page, and the lesson flow carries the Mini App button of its lesson.
        telegram.UserSends(TeacherChat, TeacherChat, "/lesson");
        await telegram.WaitForMessagesAsync(TeacherChat, 1, TimeSpan.FromSeconds(30));
        var list = telegram.MessagesTo(TeacherChat).Last();
        Assert.Equal($"{PublicBase}/lesson/today", list.Keyboard.SelectMany(r => r).Single(b => b.WebAppUrl is not null).WebAppUrl);
        var open = list.Keyboard.SelectMany(r => r).First(b => b.Text.StartsWith("2. 7-А", StringComparison.Ordinal));
        telegram.UserPresses(TeacherChat, TeacherChat, open.CallbackData!, list.MessageId);
        string? pageUrl = null;
        await FakeTelegramServer.WaitUntilAsync(() => (pageUrl = telegram.MessagesTo(TeacherChat).SelectMany(m => m.Keyboard).SelectMany(r => r)
            .FirstOrDefault(b => b.WebAppUrl is { } u && u != $"{PublicBase}/lesson/today")?.WebAppUrl) is not null, TimeSpan.FromSeconds(30), "the lesson's Mini App button");
        Assert.Matches("^https://school.example/lesson/[0-9a-f]{32}$", pageUrl!);
        var lessonId = Guid.ParseExact(pageUrl![^32..], "N");
        var path = new Uri(pageUrl).AbsolutePath;
        var baseUrl = app.BaseUrl(); // the reverse proxy's upstream: the same path at the test host

        string InitData(long user, DateTimeOffset at, string token = FakeTelegramServer.Token) => TelegramInitData.Sign(token, user, at);
        string MiniApp(string initData) => $"{baseUrl}{path}#tgWebAppData={Uri.EscapeDataString(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=android";

        var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserSession.Chromium, Headless = true, Args = BrowserArgs });
        try
        {
            // ---- refusals, each in a fresh browser (no session) ----
            async Task<string> RefusalAsync(string url)
            {
                await using var ctx = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 400, Height = 800 } });
                var p = await ctx.NewPageAsync();
                await p.GotoAsync(url);
                var refusal = p.Locator("main.refusal");
                await Assertions.Expect(refusal).ToBeVisibleAsync();
                return await refusal.InnerTextAsync();
            }

            var now = clock.GetUtcNow();
            Assert.Contains("Дані Telegram не пройшли перевірку", await RefusalAsync(MiniApp(InitData(TeacherChat, now, "654321:FORGED"))));
            Assert.Contains("Дані входу з Telegram застаріли", await RefusalAsync(MiniApp(InitData(TeacherChat, now.AddHours(-2)))));
            Assert.Contains("не пов’язано з працівником школи", await RefusalAsync(MiniApp(InitData(MotherChat, now))));
            Assert.Contains("Це не ваш урок", await RefusalAsync(MiniApp(InitData(EnglishChat, now))));
            // Tampered: the teacher's launch data with another user put in.
            var tampered = InitData(EnglishChat, now).Replace(Uri.EscapeDataString($"\"id\":{EnglishChat}"), Uri.EscapeDataString($"\"id\":{TeacherChat}"), StringComparison.Ordinal);
            Assert.Contains("Дані Telegram не пройшли перевірку", await RefusalAsync(MiniApp(tampered)));

            // ---- the teacher's Mini App ----
            await using var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 400, Height = 860 } });
            var page = await context.NewPageAsync();
            var cspViolations = await BrowserSession.WatchCspAsync(page);
            var opened = await page.GotoAsync(MiniApp(InitData(TeacherChat, now)));
            Assert.Contains("script-src 'self'", await opened!.HeaderValueAsync("content-security-policy"));
            await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("7-А · Алгебра");
            await Assertions.Expect(page.Locator("#sub")).ToContainTextAsync("20.11.2026, урок 2");
            Assert.DoesNotContain("tgWebAppData", page.Url, StringComparison.Ordinal); // the launch data leaves the address

            // Roll call: two absent.
            await page.Locator("#rollcall-open").ClickAsync();
            var everyone = await page.Locator("#rollcall button.row").CountAsync();
            await page.Locator("#rollcall button.row", new() { HasText = "Петренко Марія" }).ClickAsync();
            await page.Locator("#rollcall button.row", new() { HasText = "Учень05 Євгенія" }).ClickAsync();
            await page.Locator("#rollcall-save").ClickAsync();
            await Assertions.Expect(page.Locator("#rollcall-state")).ToHaveTextAsync("Відсутні (2): Петренко М., Учень05 Є.");
            var present = await page.Locator("#marks button.row").CountAsync();
            Assert.Equal(everyone - 2, present);
            Assert.True(present >= 20, $"{present} present");

            // A mark of 13 (sent as the page would) is refused in the journal's words, and nothing is written.
            var thirteen = await PostEntryAsync(page, lessonId, new { key = Guid.NewGuid(), at = now, kind = "mark", student = s.Ivanenko.Id, value = "13", was = "" });
            Assert.Equal(422, thirteen.Status);
            Assert.Contains("від 1 до 12", thirteen.Message);

            // Marks of the class but the last six (each on one tap: the keypad moves on to the next student).
            await page.Locator("#marks button.row").First.ClickAsync();
            for (var i = 0; i < present - 6; i++)
            {
                var who = await page.Locator("#keys b").InnerTextAsync();
                await page.Locator($"#keys button.k[data-value='{7 + i % 5}']").ClickAsync();
                await Assertions.Expect(page.Locator("#marks button.row", new() { HasText = who }).Locator(".cell")).ToHaveTextAsync($"{7 + i % 5}");
            }

            await WaitForAsync(async () => await MarksAsync(app, lessonId) == present - 6, "the marks to be written");
            await Assertions.Expect(page.Locator("#pending-count")).ToHaveCountAsync(0);

            // ---- offline: five marks and the topic, one of the marks pre-empted by the deputy meanwhile ----
            await page.EvaluateAsync("() => navigator.serviceWorker.ready.then(() => true)");
            await context.SetOfflineAsync(true);
            var offlineNames = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                offlineNames.Add(await page.Locator("#keys b").InnerTextAsync());
                await page.Locator("#keys button.k[data-value='10']").ClickAsync();
            }

            await page.Locator("#topic").FillAsync("Квадратні рівняння");
            await page.Locator("#topic-save").ClickAsync();
            await Assertions.Expect(page.Locator("#pending-count")).ToHaveTextAsync("Не надіслано: 6");
            await Assertions.Expect(page.Locator("#marks .pending")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("#net")).ToContainTextAsync("Немає зв’язку");
            await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("lesson-page-400.png") });
            Assert.True(cspViolations.Count == 0, string.Join("\n", cspViolations)); // its own policy breaks nothing of the page

            // The deputy puts a mark into the third offline student's cell while the phone is away.
            var preempted = offlineNames[2];
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Bot.Domain.Persistence.JournalDbContext>();
                var studentId = await StudentIdAsync(db, preempted);
                var journal = scope.ServiceProvider.GetRequiredService<JournalService>();
                (await journal.SetCellAsync(s.As(s.Deputy), new CellInput(studentId, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, "4", lessonId, Reason: "Усна відповідь на заміні"))).GetValueOrThrow();
            }

            // Closed and opened again without network: the service worker gives the page, the phone its lesson and queue.
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("7-А · Алгебра");
            await Assertions.Expect(page.Locator("#pending-count")).ToHaveTextAsync("Не надіслано: 6");
            await Assertions.Expect(page.Locator("#marks .pending")).ToHaveCountAsync(5);

            // Back online: everything goes, once; the pre-empted mark is refused and shown with its reason.
            await context.SetOfflineAsync(false);
            await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
            await Assertions.Expect(page.Locator("#pending-count")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            var refused = page.Locator("#queue .refused");
            await Assertions.Expect(refused).ToHaveCountAsync(1);
            await Assertions.Expect(refused).ToContainTextAsync("у клітинці з’явилася оцінка «4»");
            await Assertions.Expect(refused).ToContainTextAsync(ShortLabel(preempted));

            var phoneDay = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);
            await using (var db = app.Database.NewContext())
            {
                var lesson = await db.Lessons.SingleAsync(l => l.Id == lessonId);
                Assert.Equal("Квадратні рівняння", lesson.Topic);
                var teacherMarks = await db.AuditRecords.Where(a => a.LessonId == lessonId && a.EntityType == "Mark" && a.ActorId == s.AlgebraTeacher.Id).ToListAsync();
                // Every student's mark written once, by the teacher; the four offline ones carry the phone's time.
                Assert.Equal(present - 6 + 4, teacherMarks.Count);
                Assert.Equal(teacherMarks.Count, teacherMarks.Select(a => a.StudentId).Distinct().Count());
                foreach (var name in offlineNames.Where(n => n != preempted))
                {
                    var id = await StudentIdAsync(db, name);
                    var record = teacherMarks.Single(a => a.StudentId == id);
                    Assert.Equal("10", record.NewValue);
                    // Both times: the record's own is the server's (the test school's Friday), the phone's is the browser's real clock.
                    Assert.Contains($"сторінка уроку, час на телефоні {phoneDay}", record.Context);
                    Assert.Equal(TestSchool.Today, DateOnly.FromDateTime(record.AtUtc));
                }

                var preemptedId = await StudentIdAsync(db, preempted);
                Assert.Equal("4", (await db.AuditRecords.SingleAsync(a => a.LessonId == lessonId && a.StudentId == preemptedId && a.EntityType == "Mark")).NewValue);
                Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.LessonId == lessonId && a.EntityType == "Lesson" && a.ActorId == s.AlgebraTeacher.Id
                    && a.Context != null && a.Context.Contains("сторінка уроку, час на телефоні")));
            }

            // The same entry sent twice (a lost answer): written once.
            var key = Guid.NewGuid();
            var last = await page.Locator("#marks button.row").Last.GetAttributeAsync("data-student");
            var first = await PostEntryAsync(page, lessonId, new { key, at = now, kind = "mark", student = last, value = "12", was = await page.Locator("#marks button.row").Last.Locator(".cell").InnerTextAsync() == "·" ? "" : "?" });
            var again = await PostEntryAsync(page, lessonId, new { key, at = now, kind = "mark", student = last, value = "12", was = "" });
            Assert.Equal((200, 200), (first.Status, again.Status));
            Assert.Contains("уже внесено", again.Message);
            await using (var db = app.Database.NewContext())
                Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.LessonId == lessonId && a.StudentId == Guid.Parse(last!) && a.EntityType == "Mark"));

            // Undo of the last entry, as /undo: the last mark goes.
            await page.ReloadAsync();
            await page.Locator("#undo").ClickAsync();
            await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Скасовано");
            await using (var db = app.Database.NewContext())
                Assert.False(await db.Marks.AnyAsync(m => m.LessonId == lessonId && m.StudentId == Guid.Parse(last!)));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task ViberLink_OpensThePage_ForgedAndExpiredAreRefused()
    {
        var clock = new ShiftedClock(TestSchool.Now);
        await using var app = await PanelApp.StartAsync(b =>
        {
            b.UseSetting("Files:PublicBaseUrl", PublicBase);
            b.UseSetting("Files:SigningKey", "test-signing-key-for-the-lesson-page");
            b.UseSetting("Jobs:InMemory", "true");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }, kestrel: true);
        var s = app.School!;
        Guid lessonId;
        await using (var db = app.Database.NewContext())
        {
            var invite = new Invite(s.School.Id, PersonKind.Staff, s.AlgebraTeacher.Id, TestSchool.Now.UtcDateTime, TimeSpan.FromDays(30), null);
            db.AddRange(invite, new ChatLink(s.School.Id, Channel.Viber, "viber-teacher==", "viber-teacher==", PersonKind.Staff, s.AlgebraTeacher.Id, invite.Id, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
            var journal = s.Journal(db);
            lessonId = (await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, 2, "Лінійні рівняння"))).GetValueOrThrow().Id;
        }

        var links = app.Services.GetRequiredService<LessonPageLinks>();
        var link = links.ViberLink(LessonPageLinks.PageOf(lessonId), s.AlgebraTeacher.Id)!;
        Assert.StartsWith($"{PublicBase}/lesson/{lessonId:N}?staff={s.AlgebraTeacher.Id:N}&expires=", link);
        var local = app.BaseUrl() + new Uri(link).PathAndQuery;

        await using var session = await BrowserSession.StartAsync();
        await using var context = await session.Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 400, Height = 800 } });
        var page = await context.NewPageAsync();

        var forged = await page.GotoAsync(local[..^4] + "0000");
        Assert.Equal(403, forged!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Посилання недійсне");

        var opened = await page.GotoAsync(local);
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("7-А · Алгебра");
        Assert.Equal($"{app.BaseUrl()}/lesson/{lessonId:N}", page.Url); // the signed link is gone from the address
        await page.Locator("#marks button.row", new() { HasText = "Іваненко Олег" }).ClickAsync();
        await page.Locator("#keys button.k[data-value='11']").ClickAsync();
        await Assertions.Expect(page.Locator("#marks button.row", new() { HasText = "Іваненко Олег" }).Locator(".cell")).ToHaveTextAsync("11");
        await WaitForAsync(async () => await MarksAsync(app, lessonId) == 1, "the mark to be written");
        await using (var db = app.Database.NewContext())
        {
            var record = await db.AuditRecords.SingleAsync(a => a.LessonId == lessonId && a.EntityType == "Mark");
            Assert.Equal((s.AlgebraTeacher.Id, Channel.Viber, "11"), (record.ActorId!.Value, record.Channel, record.NewValue));
        }

        // Past its quarter of an hour the link opens nothing, in a browser without the session.
        clock.Advance(TimeSpan.FromMinutes(16));
        await using var other = await session.Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true });
        var late = await other.NewPageAsync();
        var expired = await late.GotoAsync(local);
        Assert.Equal(410, expired!.Status);
        await Assertions.Expect(late.Locator("h1")).ToHaveTextAsync("Посилання застаріло");
        Assert.Equal(401, (await PostEntryAsync(late, lessonId, new { key = Guid.NewGuid(), kind = "mark", student = s.Petrenko.Id, value = "9" })).Status);
    }

    /// <summary>
    /// M-11 on the page: a physical education lesson's keypad offers «зв» and «зар» after 1–12, as the chat does, and a tap
    /// stores «зв» under the teacher's name; an algebra lesson's keypad has neither, a forged «зв» posted for it is the
    /// journal's refusal in its words, and one that reaches the queue (the tap's body rewritten on the way) is shown as
    /// refused — nothing is written to algebra.
    /// </summary>
    [Fact]
    public async Task SpecialMarks_OnAPhysicalEducationLesson_AreKeys_AndElsewhereAreRefused_M11()
    {
        var clock = new ShiftedClock(TestSchool.Now); // Friday 20.11.2026, 10:00 in Kyiv
        await using var app = await PanelApp.StartAsync(b =>
        {
            b.UseSetting("Files:PublicBaseUrl", PublicBase);
            b.UseSetting("Files:SigningKey", "test-signing-key-for-the-lesson-page");
            b.UseSetting("Jobs:InMemory", "true");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }, kestrel: true);
        var s = app.School!;
        Guid peLessonId, algebraLessonId;
        await using (var db = app.Database.NewContext())
        {
            var pe = new Subject(s.School.Id, "Фізична культура", traits: new SubjectTraits(IsPhysicalEducation: true), aliases: "фізра");
            db.Add(pe);
            db.Add(new TeachingAssignment(s.School.Id, s.AlgebraTeacher.Id, s.Class7A.Id, pe.Id));
            db.Add(new TimetableEntry(s.School.Id, s.Class7A.Id, pe.Id, DayOfWeek.Friday, 4, s.AlgebraTeacher.Id));
            var invite = new Invite(s.School.Id, PersonKind.Staff, s.AlgebraTeacher.Id, TestSchool.Now.UtcDateTime, TimeSpan.FromDays(30), null);
            db.AddRange(invite, new ChatLink(s.School.Id, Channel.Viber, "viber-teacher==", "viber-teacher==", PersonKind.Staff, s.AlgebraTeacher.Id, invite.Id, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
            var journal = s.Journal(db);
            algebraLessonId = (await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, s.Algebra.Id, null, TestSchool.Today, 2, "Лінійні рівняння"))).GetValueOrThrow().Id;
            peLessonId = (await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new LessonInput(s.Class7A.Id, pe.Id, null, TestSchool.Today, 4, "Естафета"))).GetValueOrThrow().Id;
        }

        var links = app.Services.GetRequiredService<LessonPageLinks>();
        var local = app.BaseUrl() + new Uri(links.ViberLink(LessonPageLinks.PageOf(peLessonId), s.AlgebraTeacher.Id)!).PathAndQuery;
        await using var session = await BrowserSession.StartAsync();
        await using var context = await session.Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 400, Height = 800 } });
        var page = await context.NewPageAsync();
        var cspViolations = await BrowserSession.WatchCspAsync(page);

        // Physical education: 1–12, then «зв» and «зар» (no «н/а» among current marks); a tap on «зв» stores it.
        Assert.Equal(200, (await page.GotoAsync(local))!.Status);
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("7-А · Фізична культура");
        await page.Locator("#marks button.row", new() { HasText = "Іваненко Олег" }).ClickAsync();
        await Assertions.Expect(page.Locator("#keys button.k")).ToHaveTextAsync(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "зв", "зар"]);
        await page.Locator("#keys button.k[data-value='зв']").ClickAsync();
        await Assertions.Expect(page.Locator("#marks button.row", new() { HasText = "Іваненко Олег" }).Locator(".cell")).ToHaveTextAsync("зв");
        await WaitForAsync(async () => await MarksAsync(app, peLessonId) == 1, "«зв» to be written");
        await Assertions.Expect(page.Locator("#pending-count")).ToHaveCountAsync(0);
        await using (var db = app.Database.NewContext())
        {
            var stored = await db.Marks.SingleAsync(m => m.LessonId == peLessonId);
            Assert.Equal((s.Ivanenko.Id, "зв", MarkColumn.Current), (stored.StudentId, stored.Value.Text, stored.Column));
            var record = await db.AuditRecords.SingleAsync(a => a.LessonId == peLessonId && a.EntityType == "Mark");
            Assert.Equal((s.AlgebraTeacher.Id, Channel.Viber, "зв"), (record.ActorId!.Value, record.Channel, record.NewValue));
        }

        // Algebra, the same teacher's lesson of today in the same session: the plain keypad only.
        await page.GotoAsync($"{app.BaseUrl()}/lesson/{algebraLessonId:N}");
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("7-А · Алгебра");
        await page.Locator("#marks button.row", new() { HasText = "Іваненко Олег" }).ClickAsync();
        await Assertions.Expect(page.Locator("#keys button.k")).ToHaveTextAsync(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);

        // A forged «зв» for algebra: the journal's refusal in its words, nothing written.
        const string refusal = "«зв» ставлять лише з фізичної культури та «Захисту України», а з інших предметів — тільки в колонку «ДПА».";
        var forged = await PostEntryAsync(page, algebraLessonId, new { key = Guid.NewGuid(), kind = "mark", student = s.Ivanenko.Id, value = "зв", was = "" });
        Assert.Equal((422, refusal), (forged.Status, forged.Message));
        // One that reaches the page's queue (the tap of «11» rewritten to «зв» on the way) is shown as refused, with the reason.
        await page.RouteAsync("**/lesson/api/*/entries", async route =>
        {
            var body = route.Request.PostData!.Replace("\"value\":\"11\"", "\"value\":\"зв\"", StringComparison.Ordinal);
            await route.ContinueAsync(new() { PostData = System.Text.Encoding.UTF8.GetBytes(body) });
        });
        await page.Locator("#keys button.k[data-value='11']").ClickAsync();
        await Assertions.Expect(page.Locator("#queue .refused")).ToContainTextAsync(refusal);
        await page.UnrouteAsync("**/lesson/api/*/entries");
        Assert.Equal(0, await MarksAsync(app, algebraLessonId));
        await using (var db = app.Database.NewContext())
            Assert.Equal(0, await db.AuditRecords.CountAsync(a => a.LessonId == algebraLessonId && a.EntityType == "Mark"));
        Assert.Empty(cspViolations);
    }

    private static string ShortLabel(string fullName)
    {
        var parts = fullName.Split(' ');
        return $"{parts[0]} {parts[1][0]}.";
    }

    private static async Task<Guid> StudentIdAsync(Bot.Domain.Persistence.JournalDbContext db, string fullName) =>
        (await db.Students.AsNoTracking().ToListAsync()).Single(x => x.FullName == fullName).Id;

    private static async Task<int> MarksAsync(PanelApp app, Guid lessonId)
    {
        await using var db = app.Database.NewContext();
        return await db.Marks.CountAsync(m => m.LessonId == lessonId);
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

    private sealed record Posted(int Status, string Message);

    private static async Task<Posted> PostEntryAsync(IPage page, Guid lessonId, object entry)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            "async ([url, body]) => { const r = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body }); " +
            "let j = {}; try { j = await r.json(); } catch (e) {} return { status: r.status, message: j.message || '' }; }",
            new object[] { $"/lesson/api/{lessonId:N}/entries", JsonSerializer.Serialize(entry) });
        return new Posted(result.GetProperty("status").GetInt32(), result.GetProperty("message").GetString() ?? "");
    }
}
