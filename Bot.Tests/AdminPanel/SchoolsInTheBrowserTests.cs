using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The installation's operator adds a school in Chromium (ADR 0022): the menu's "Школи інсталяції", a refused time zone
/// shown by its field, then the new school with its director's one-time password; the operator then chooses it on the
/// overview. Screenshots: TestResults/screenshots/schools-*.png.
/// </summary>
public sealed class SchoolsInTheBrowserTests
{
    [Fact]
    public async Task Operator_AddsASchool_AndChoosesItOnTheOverview()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
            { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("admin");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.BootstrapPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);

        await (await BrowserSession.OpenNavAsync(page, "Школи інсталяції")).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Школи інсталяції" }).WaitForAsync();
        Assert.Equal("Europe/Kyiv", await page.GetByLabel("Часовий пояс (IANA)").InputValueAsync());
        await page.GetByLabel("Назва школи").FillAsync("Гімназія № 2 ім. Лесі Українки");
        await page.GetByLabel("Коротка назва").FillAsync("Гімназія 2");
        await page.GetByLabel("Часовий пояс (IANA)").FillAsync("Europe/Kiyv");
        await page.GetByLabel("Перший адміністратор (ПІБ)").FillAsync("Мороз Ганна Іванівна");
        await page.GetByLabel("Логін адміністратора").FillAsync("moroz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати школу" }).ClickAsync();
        var refusal = page.Locator("[data-valmsg-for='NewSchool.TimeZone']");
        await Assertions.Expect(refusal).ToContainTextAsync("Невідомий часовий пояс «Europe/Kiyv»");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("schools-1-refused-zone.png"), FullPage = true });

        await page.GetByLabel("Часовий пояс (IANA)").FillAsync("Europe/Warsaw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати школу" }).ClickAsync();
        await Assertions.Expect(page.Locator(".one-time-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Гімназія № 2 ім. Лесі Українки");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("schools-2-added.png"), FullPage = true });

        await page.GotoAsync("/");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("schools-3-overview.png"), FullPage = true });
        Assert.Contains("Гімназія № 2 ім. Лесі Українки", await page.Locator("main").InnerTextAsync());
        // Adding a school does not move the operator to it (it comes first by name): they still work on the test school.
        var current = page.Locator("tr").Filter(new() { HasText = "поточна" });
        await Assertions.Expect(current).ToContainTextAsync("Ліцей № 1 (тест)");
        await page.Locator("tr").Filter(new() { HasText = "Гімназія № 2" }).GetByRole(AriaRole.Button, new() { Name = "Працювати з цією школою" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr").Filter(new() { HasText = "поточна" })).ToContainTextAsync("Гімназія № 2");
        await page.GotoAsync("/School/Year");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("schools-4-new-year.png"), FullPage = true });
    }
}
