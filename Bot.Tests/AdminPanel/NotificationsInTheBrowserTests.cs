using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The director in Debian's Chromium: sets a diary time that is no time (refused next to the field), fixes it and saves
/// the school's notification rules, sees the preview follow them, then writes an announcement to 7-А and finds it in
/// the list with its recipients waiting. Screenshots go to TestResults/screenshots (rules-*, announcements-*).
/// </summary>
public sealed class NotificationsInTheBrowserTests
{
    [Fact]
    public async Task Director_SetsTheRules_AndWritesAnAnnouncement()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("director");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);

        await (await BrowserSession.OpenNavAsync(page, "Правила сповіщень")).ClickAsync();
        await page.GetByLabel("Час вечірнього щоденника").FillAsync("25:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Зберегти правила", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.DiaryTime']")).ToContainTextAsync("«25:00» — не час доби");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("rules-1-refused.png"), FullPage = true });

        await page.GetByLabel("Час вечірнього щоденника").FillAsync("19:00");
        await page.Locator("#marks-threshold").CheckAsync();
        await page.GetByLabel("Поріг (бал)").FillAsync("6");
        await page.GetByLabel("Надсилати сповіщення у Viber").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Зберегти правила", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Правила сповіщень збережено");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Оцінки 6 балів і нижче");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("щодня о 19:00");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("rules-2-saved.png"), FullPage = true });
        await using (var db = app.Database.NewContext())
            Assert.Equal(new TimeOnly(19, 0), (await db.NotificationRules.SingleAsync()).DiaryTime);

        await (await BrowserSession.OpenNavAsync(page, "Оголошення")).ClickAsync();
        await page.GetByLabel("Клас", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await page.GetByLabel("Текст оголошення").FillAsync("Шановні батьки!\nУ п'ятницю о 18:00 — батьківські збори в кабінеті 21.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Надіслати" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("поставлено в чергу: 2 батькам");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tbody tr")).ToContainTextAsync("батьківські збори");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("announcements-1-sent.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844); // a phone: the form above the list, the rules above their preview
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("announcements-2-phone.png"), FullPage = true });
        await page.GotoAsync("/Rules");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("rules-3-phone.png"), FullPage = true });
    }
}
