using Bot.Domain.Notifications;
using Bot.Domain.Timetable;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// "Укриття" (ADR 0044) in Debian's Chromium as a deputy uses it: with nothing chosen the page says so and
/// records nothing; 7-А to the shelter (the families' urgent rows written, the class marked "в укритті з 10:00"); pressed
/// again, nothing more is written; then the all-clear with "the day ends": the day's lesson is not held, the families told.
/// </summary>
public sealed class ShelterInTheBrowserTests
{
    [Fact]
    public async Task Deputy_TakesSevenAToTheShelter_Once_ThenGivesTheAllClear_TheDayEnds()
    {
        var clock = new ShiftedClock(TestSchool.Now);
        await using var app = await PanelApp.StartAsync(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)), kestrel: true);
        var s = app.School!;

        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("deputy");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);

        await (await BrowserSession.OpenNavAsync(page, "Укриття")).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Укриття" }).WaitForAsync();
        // Nothing chosen: told so, nothing recorded.
        await page.GetByRole(AriaRole.Button, new() { Name = "🛡 Клас в укритті" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Оберіть класи або «Уся школа».");

        await page.GetByLabel("7-А").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "🛡 Клас в укритті" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("В укритті: 7-А. Батькам надіслано термінове повідомлення (2).");
        await Assertions.Expect(page.Locator(".shelter-state")).ToHaveTextAsync("в укритті з 10:00");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("shelter-1-in.png"), FullPage = true });

        // Again: nothing more is sent.
        await page.GetByLabel("7-А").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "🛡 Клас в укритті" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Уже були в укритті (повторно не надсилали): 7-А.");

        clock.Advance(TimeSpan.FromMinutes(30));
        await page.GetByLabel("7-А").CheckAsync();
        await page.GetByLabel("Навчання на сьогодні завершено").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "✅ Відбій" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Відбій: 7-А — навчання на сьогодні завершено.");
        await Assertions.Expect(page.Locator(".shelter-state")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("shelter-2-all-clear.png"), FullPage = true });

        await using var db = app.Database.NewContext();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Kind == NotificationKind.ShelterNotice).ToListAsync();
        Assert.Equal(4, rows.Count); // Іваненко's mother and father, at each step
        Assert.All(rows, r => Assert.Equal(OutboxPriority.Urgent, r.Priority));
        var plan = await TimetablePlans.DayAsync(db, s.School.Id, s.Class7A.Id, TestSchool.Today, default);
        Assert.Equal(DayChangeKind.NotHeldAlert, Assert.Single(plan.Lessons).Status?.Kind);
        Assert.Contains(await db.DayChanges.AsNoTracking().ToListAsync(), c => c.Kind == DayChangeKind.AllClear && c.CreatedById == s.Deputy.Id);
    }
}
