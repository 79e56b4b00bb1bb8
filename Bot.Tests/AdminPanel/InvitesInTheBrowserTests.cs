using Bot.Domain.Linking;
using Bot.Tests.Printing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// Debian's Chromium as a class teacher and the director use the panel: create the parents' codes of 7-А (the linked
/// mother left out, and said so), download the sheet for the parents' meeting and read it back; the operations page.
/// Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class InvitesInTheBrowserTests
{
    private static async Task<IPage> SignInAsync(BrowserSession session, PanelApp app, string login)
    {
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);
        return page;
    }

    [Fact]
    public async Task ClassTeacher_CreatesTheClassesInvites_AndDownloadsTheSheet()
    {
        await using var app = await PanelApp.StartAsync(b =>
        {
            b.UseSetting("Telegram:BotUsername", "school_test_bot");
            b.UseSetting("Viber:ChatUri", "schooljournal");
            b.UseSetting("Host:Roles", "admin");
        }, kestrel: true);
        await InvitePagesTests.LinkMotherAsync(app);
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "classteacher");

        await (await BrowserSession.OpenNavAsync(page, "Запрошення")).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Запрошення до бота" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("19-invites-classes.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "7-А" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Створити коди" }).ClickAsync();
        await Assertions.Expect(page.Locator("#already-linked")).ToContainTextAsync("Уже приєднані й нових кодів не отримали (1): Іваненко Галина");
        await Assertions.Expect(page.Locator("#invite-people tr[data-person^='Іваненко Петро'] code")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("20-invites-class.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844); // a class teacher's phone: the table scrolls sideways, the buttons stay in reach
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("20-invites-class-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Аркуш для друку (PDF)" }).ClickAsync());
        Assert.Equal("Запрошення 7-А (батьки).pdf", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"browser-sheet-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        try
        {
            var text = await InviteSheetTests.RunAsync("pdftotext", file, "-");
            await using var db = app.Database.NewContext();
            var father = await db.Invites.SingleAsync(i => i.PersonId == app.School!.IvanenkoFather.Id);
            Assert.Contains("Іваненко Петро", text);
            Assert.Contains($"https://t.me/school_test_bot?start={father.Code}", text);
            Assert.DoesNotContain("Іваненко Галина", text); // linked already: no slip
            var png = Path.Combine(Path.GetTempPath(), $"browser-sheet-{Guid.NewGuid():N}");
            await InviteSheetTests.RunAsync("pdftoppm", "-r", "100", "-png", "-singlefile", file, png);
            File.Move(png + ".png", BrowserSession.ScreenshotPath("21-invites-sheet.png"), overwrite: true);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Director_SeesOperations_AndRetriesADeadRow()
    {
        await using var app = await OperationsPageTests.StartAsync(kestrel: true);
        var (dead, _, _) = await OperationsPageTests.SeedAsync(app);
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "director");
        await (await BrowserSession.OpenNavAsync(page, "Операції")).ClickAsync();
        await Assertions.Expect(page.Locator("#outbox tbody tr")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("22-operations.png"), FullPage = true });
        await page.Locator($"#outbox tr[data-row='{dead.Id}']").GetByRole(AriaRole.Button, new() { Name = "Повторити" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Повідомлення знову в черзі");
        await Assertions.Expect(page.Locator($"#outbox tr[data-row='{dead.Id}']")).ToContainTextAsync("очікують");
    }
}
