using Bot.Tests.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The panel in Debian's Chromium as a deputy uses it: sign in, import a roster whose one row is bad (nothing is
/// imported, the row is named), fix it and import; the class list shows the result; the layout works on a phone.
/// Screenshots of each step go to TestResults/screenshots.
/// </summary>
public sealed class ImportInTheBrowserTests
{
    [Fact]
    public async Task Deputy_SignsIn_ImportsARosterWithABadRow_FixesIt_AndImports()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url);
        await page.GetByLabel("Логін").FillAsync("deputy");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("01-sign-in.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("02-overview.png"), FullPage = true });

        await (await BrowserSession.OpenNavAsync(page, "Імпорт і експорт")).ClickAsync();
        var rows = RosterImportTests.GoodRows.Select(r => r.ToArray()).ToList();
        rows[3][4] = "31.02.2015"; // line 5: a date that does not exist
        var before = await StudentsAsync(app);
        await UploadAsync(page, RosterImportTests.Csv(rows));
        var problems = page.Locator("#import-problems li");
        await Assertions.Expect(problems).ToHaveCountAsync(1);
        Assert.Contains("Рядок 5 (Бережна Софія): дата народження «31.02.2015» — не дата у форматі дд.мм.рррр", await problems.InnerTextAsync());
        Assert.Contains("Нічого не імпортовано", await page.Locator("#import-result").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Імпортувати" }).CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("03-import-bad-row.png"), FullPage = true });
        Assert.Equal(before, await StudentsAsync(app));

        await UploadAsync(page, RosterImportTests.Csv(RosterImportTests.GoodRows));
        Assert.Contains("Нових учнів: 4", await page.Locator("#import-summary").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("04-import-preview.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Імпортувати" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result .alert-success")).ToContainTextAsync("нових учнів — 4");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("05-imported.png"), FullPage = true });
        Assert.Equal(before + 4, await StudentsAsync(app));

        await (await BrowserSession.OpenNavAsync(page, "Класи та учні")).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "5-Б" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("06-class-5B.png"), FullPage = true });
    }

    [Fact]
    public async Task OnAPhone_TheMenuFolds_AndATeacherIsRefusedTheStaffPage()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("classteacher");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);
        var classes = page.GetByRole(AriaRole.Link, new() { Name = "Класи та учні" });
        Assert.False(await classes.IsVisibleAsync()); // folded under the menu button
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("07-phone-overview.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Меню" }).ClickAsync();
        await page.Locator("#panel-nav.show").WaitForAsync(); // the unfolding has finished
        await page.GetByRole(AriaRole.Button, new() { Name = "Класи", Exact = true }).ClickAsync(); // the dropdown inside the unfolded menu
        await Assertions.Expect(classes).ToBeVisibleAsync();
        Assert.Equal(0, await BrowserSession.NavLinkCountAsync(page, "Працівники")); // not a class teacher's, not even folded away
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("08-phone-menu.png") });
        await classes.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "7-А" }).ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("09-phone-class.png"), FullPage = true });

        var denied = await page.GotoAsync("/Roster/Staff");
        Assert.Equal(403, denied!.Status);
        Assert.Contains("Немає доступу", await page.InnerTextAsync("main"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("10-phone-403.png") });
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "учні.csv", MimeType = "text/csv", Buffer = RosterImportTests.Bytes(csv, bom: true).ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Перевірити файл" }).ClickAsync();
        await page.Locator("#import-result").WaitForAsync();
    }

    private static async Task<int> StudentsAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        return await db.Students.CountAsync();
    }
}
