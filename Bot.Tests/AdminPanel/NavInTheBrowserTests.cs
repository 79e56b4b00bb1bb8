using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The director's top menu, the longest one, fits on one line at 1280 px: the links are grouped into dropdowns
/// (Контроль, Класи, Школа). On a phone the menu folds under its button and the dropdowns open inside it.
/// Screenshots: TestResults/screenshots/nav-*.png.
/// </summary>
public sealed class NavInTheBrowserTests
{
    [Fact]
    public async Task DirectorsMenu_FitsOnOneLineAt1280_AndItsDropdownsOpenOnAPhone()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        await using var session = await BrowserSession.StartAsync();

        var desktop = await SignInAsync(session, app, new ViewportSize { Width = 1280, Height = 800 }, phone: false);
        var items = desktop.Locator("#panel-nav > ul.navbar-nav > li.nav-item");
        Assert.True(await items.CountAsync() >= 7, "the director's menu: Огляд, Журнали, Контроль, Розклад, Класи, Школа and the name");
        var tops = new HashSet<double>();
        foreach (var item in await items.AllAsync()) tops.Add(Math.Round((await item.BoundingBoxAsync())!.Y));
        Assert.True(tops.Count == 1, $"the menu wraps: items at y = {string.Join(", ", tops)}");
        await desktop.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nav-1-director-1280.png") });
        await (await BrowserSession.OpenNavAsync(desktop, "Правила сповіщень")).WaitForAsync();
        await desktop.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nav-2-director-1280-school.png") });

        var phone = await SignInAsync(session, app, new ViewportSize { Width = 390, Height = 844 }, phone: true);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nav-3-director-phone.png") });
        var invites = await BrowserSession.OpenNavAsync(phone, "Запрошення");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nav-4-director-phone-classes.png"), FullPage = true });
        await invites.ClickAsync();
        // The navigation's commit, not the page's "load" event: a loaded run once saw "load" not come within 30 s though the
        // page was shown and the network idle (as OpenNavAsync notes); the page's heading then proves it opened.
        await phone.WaitForURLAsync("**/Invites**", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("Запрошення");
    }

    private static async Task<IPage> SignInAsync(BrowserSession session, PanelApp app, ViewportSize viewport, bool phone)
    {
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
            { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = viewport, IsMobile = phone, HasTouch = phone });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("director");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);
        return page;
    }
}
