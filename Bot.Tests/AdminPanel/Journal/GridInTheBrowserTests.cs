using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel.Journal;

using static GridBrowser;

/// <summary>
/// The journal grid in Debian's Chromium as a teacher keeps it: records today's lesson, types a row of marks with the
/// keyboard (saved without a reload; a reload shows them), is refused a 13 in grade 7 (M-1) and a mark on a future date
/// (J-7), confirms a proposed thematic mark with one key (M-5). Screenshots at laptop and phone size.
/// </summary>
public sealed class GridInTheBrowserTests
{
    [Fact]
    public async Task Teacher_RecordsALesson_TypesARowOfMarks_IsRefusedBadOnes_AndConfirmsAThematicMark()
    {
        var (app, _) = await JournalPanel.StartAsync(kestrel: true);
        await using var _app = app;
        var s = app.School!;
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "teacher");

        await (await BrowserSession.OpenNavAsync(page, "Журнали")).ClickAsync();
        await page.Locator("#journal-pages [data-class='7-А']").GetByRole(AriaRole.Link, new() { Name = "Алгебра" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "7-А · Алгебра" }).WaitForAsync();

        // Today's lesson from the form beside the grid (J-6): it becomes the third column.
        await page.GetByLabel("Тема уроку").FillAsync("Квадрат суми і різниці");
        await page.GetByLabel("Домашнє завдання").FillAsync("§ 5, № 120, 121");
        await page.GetByRole(AriaRole.Button, new() { Name = "Записати урок" }).ClickAsync();
        Assert.True(await page.Locator("#lessons").CountAsync() == 1, string.Join("\n", app.Log.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal))));
        await Assertions.Expect(page.Locator("#lessons tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#lessons")).ToContainTextAsync("Квадрат суми і різниці");
        await Assertions.Expect(page.Locator("#lessons")).ToContainTextAsync("Тема 2. Одночлени й многочлени");

        // A row of marks with the keyboard: Sydorenko, 16.11 → 8, Tab, 18.11 → н, Tab, 20.11 → 11, Enter.
        await Cell(page, s.Sydorenko.Id, 0).ClickAsync();
        await page.Keyboard.TypeAsync("8");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("н");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("11");
        await page.Keyboard.PressAsync("Enter");
        // ... and down the day's column with Enter and arrows: Ivanenko 12.
        await Cell(page, s.Ivanenko.Id, 2).ClickAsync();
        await page.Keyboard.TypeAsync("12");
        await page.Keyboard.PressAsync("ArrowDown");
        await SavedAsync(page);
        await Assertions.Expect(page.Locator("#grid-status")).ToContainTextAsync("Збережено");
        Assert.Equal("", await Cell(page, s.Petrenko.Id, 2).InputValueAsync()); // the arrow went down to Petrenko
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("grid-01-typed.png"), FullPage = true });

        await page.ReloadAsync();
        Assert.Equal("8", await Cell(page, s.Sydorenko.Id, 0).InputValueAsync());
        Assert.Equal("н", await Cell(page, s.Sydorenko.Id, 1).InputValueAsync());
        Assert.Equal("11", await Cell(page, s.Sydorenko.Id, 2).InputValueAsync());
        Assert.Equal("12", await Cell(page, s.Ivanenko.Id, 2).InputValueAsync());
        var audit = JournalPanel.WebAudit(app);
        Assert.Contains(audit, r => r.EntityType == "Absence" && r.NewValue == "н" && r.Context!.Contains("Сидоренко Андрій"));
        Assert.Contains(audit, r => r.EntityType == "Mark" && r.NewValue == "11" && r.Context!.Contains("Сидоренко Андрій"));

        // A 13 in grade 7 is refused as it is typed (M-1), and nothing is sent.
        await Cell(page, s.Petrenko.Id, 2).ClickAsync();
        await page.Keyboard.TypeAsync("13");
        await Assertions.Expect(page.Locator("#grid-status")).ToContainTextAsync("від 1 до 12");
        await page.Keyboard.PressAsync("Enter");
        await SavedAsync(page);
        await Assertions.Expect(page.Locator($"tr[data-student='{s.Petrenko.Id}'] td.bad-cell")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("grid-02-thirteen.png") });
        await Cell(page, s.Petrenko.Id, 2).PressAsync("Escape");

        // A thematic column dated tomorrow: the journal refuses a mark there (J-7).
        await page.GetByLabel("Нова колонка без дати").SelectOptionAsync("Thematic");
        await page.GetByLabel("після уроку").FillAsync("2026-11-21");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати колонку" }).ClickAsync();
        var thematic = await page.Locator("thead th[data-col]").CountAsync() - 3; // before І семестр, Скоригована
        await Assertions.Expect(page.Locator($"thead th[data-col] >> nth={thematic}")).ToContainTextAsync("Тематична");
        await Cell(page, s.Sydorenko.Id, thematic).FillAsync("9");
        await Cell(page, s.Sydorenko.Id, thematic).PressAsync("Enter");
        await SavedAsync(page);
        await Assertions.Expect(page.Locator("#grid-status")).ToContainTextAsync("наперед не можна");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("grid-03-future.png") });

        // Today's thematic column proposes Ivanenko's mark from the theme's marks (9, 10, 12 → 10,33 → 10); "=" confirms it.
        await page.GetByLabel("після уроку").FillAsync("2026-11-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Додати колонку" }).ClickAsync();
        var proposed = Cell(page, s.Ivanenko.Id, thematic);
        Assert.Equal("10", await proposed.GetAttributeAsync("placeholder"));
        await proposed.ClickAsync();
        await page.Keyboard.PressAsync("=");
        await SavedAsync(page);
        Assert.Equal("10", await proposed.InputValueAsync());
        await page.ReloadAsync();
        Assert.Equal("10", await Cell(page, s.Ivanenko.Id, thematic).InputValueAsync());
        await using (var db = app.Database.NewContext())
        {
            var mark = await db.Marks.SingleAsync(m => m.StudentId == s.Ivanenko.Id && m.Column == MarkColumn.Thematic);
            Assert.Equal(new DateOnly(2026, 11, 20), mark.Date);
            Assert.Equal(10, mark.Value.Points);
            Assert.False(await db.Marks.AnyAsync(m => m.StudentId == s.Sydorenko.Id && m.Column == MarkColumn.Thematic));
        }

        Assert.Contains(JournalPanel.WebAudit(app), r => r.Channel == Channel.Web && r.NewValue == "10" && r.Context!.Contains("Тематична"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("grid-04-thematic.png"), FullPage = true });

        var phone = await SignInAsync(session, app, "teacher", new BrowserNewPageOptions
        {
            IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        await phone.GotoAsync(JournalPanel.GridUrl(app));
        await Cell(phone, s.Newcomer.Id, 0).TapAsync();
        await phone.Keyboard.TypeAsync("6");
        await phone.Keyboard.PressAsync("Enter");
        await SavedAsync(phone);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("grid-05-phone.png") });
        Assert.Equal("6", await Cell(phone, s.Newcomer.Id, 0).InputValueAsync());
    }
}

/// <summary>Signing in and finding cells in the grid, for the browser tests of the journal pages.</summary>
public static class GridBrowser
{
    public static BrowserNewPageOptions Laptop() => new() { IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1366, Height = 800 } };

    public static async Task<IPage> SignInAsync(BrowserSession session, PanelApp app, string login, BrowserNewPageOptions? options = null)
    {
        var o = options ?? Laptop();
        o.BaseURL = app.BaseUrl();
        var page = await session.Browser.NewPageAsync(o);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);
        return page;
    }

    public static ILocator Cell(IPage page, Guid studentId, int column) => page.Locator($"tr[data-student='{studentId}'] input[data-c='{column}']");

    public static async Task SavedAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.getElementById('grid').dataset.pending === '0' && !document.querySelector('td.saving')");

}
