using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// A newcomer starts the product with `--demo`, takes the password the log printed, and signs in as the director, a
/// deputy, a class teacher and a teacher: each sees what their role allows (README "Signing in to the demo").
/// </summary>
public sealed partial class DemoInTheBrowserTests
{
    [Fact]
    public async Task Demo_PrintsOnePassword_ThatSignsInAsEachRole_WithTheirOwnMenu()
    {
        await using var app = await PanelApp.StartEmptyAsync(b =>
        {
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Demo:DaysBack", "1");
        }, kestrel: true);
        var printed = Assert.Single(app.Log.Lines, l => l.StartsWith("Демо-входи до панелі", StringComparison.Ordinal));
        var password = DemoPassword().Match(printed).Groups[1].Value;
        await using var session = await BrowserSession.StartAsync();

        // "Класи та учні", "Імпорт і експорт", "Працівники" in the menu of each role.
        foreach (var (login, menu) in new[] { ("director", "111"), ("deputy", "111"), ("classteacher", "100"), ("teacher", "000") })
        {
            var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
                { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await page.GotoAsync("/");
            await page.GetByLabel("Логін").FillAsync(login);
            await page.GetByLabel("Пароль").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
            await BrowserSession.FirstPageAsync(page);
            Assert.Contains("Демонстраційний ліцей № 1", await page.InnerTextAsync("main"));
            var links = new[] { "Класи та учні", "Імпорт і експорт", "Працівники" };
            var shown = string.Concat(await Task.WhenAll(links.Select(async l => await BrowserSession.NavLinkCountAsync(page, l) > 0 ? "1" : "0")));
            Assert.True(menu == shown, $"{login}: menu {shown}, expected {menu}");

            if (login == "director")
            {
                await (await BrowserSession.OpenNavAsync(page, "Працівники")).ClickAsync();
                await page.Locator("details.staff-actions summary").Nth(2).ClickAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-1-staff.png") });
                await (await BrowserSession.OpenNavAsync(page, "Класи та учні")).ClickAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-2-classes.png"), FullPage = true });
            }

            if (login == "classteacher")
            {
                await (await BrowserSession.OpenNavAsync(page, "Класи та учні")).ClickAsync();
                await page.GetByRole(AriaRole.Link, new() { Name = "7-А" }).ClickAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-3-class-7A.png"), FullPage = true });
                await page.Locator("tbody a").First.ClickAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-4-student.png"), FullPage = true });
                await page.Locator("table a[href*='/Roster/Guardian/']").First.ClickAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-5-guardian.png"), FullPage = true });
            }

            await page.CloseAsync();
        }
    }

    [GeneratedRegex("пароль для всіх: ([a-z2-9-]{14})")]
    private static partial Regex DemoPassword();
}
