using Bot.Tests.AdminPanel;
using Bot.Tests.AdminPanel.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.Archive;

using static GridBrowser;

/// <summary>
/// In Debian's Chromium: the director finds the archive in the menu, confirms closing the year early, watches the page
/// until the journals are written, downloads 7-А's PDF (the stored bytes) and verifies the checksums. Screenshots in
/// TestResults/screenshots.
/// </summary>
public sealed class ArchiveInTheBrowserTests
{
    [Fact]
    public async Task Director_ClosesTheYear_InTheBrowser_AndDownloadsAJournal()
    {
        var (app, _) = await JournalPanel.StartAsync(kestrel: true);
        await using var _app = app;
        var s = app.School!;
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "director");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "Закрити … навчальний рік?"

        await (await BrowserSession.OpenNavAsync(page, "Архів журналів")).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Архів журналів" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("archive-01-open-year.png"), FullPage = true });

        // Without the box ticked the year (still going on 20 November) is not closed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Закрити рік і заархівувати журнали" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Close-error")).ToContainTextAsync("ще не закінчився");
        await page.GetByLabel("Я розумію, що рік ще не закінчився").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Закрити рік і заархівувати журнали" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.archive-journals tbody tr")).ToHaveCountAsync(4, new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#close-form")).ToHaveCountAsync(0);

        var row = page.Locator("table.archive-journals tbody tr", new() { HasText = "7-А" });
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"archive-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        await using (var db = app.Database.NewContext())
        {
            var stored = await db.ArchivedJournals.AsNoTracking().SingleAsync(j => j.ClassId == s.Class7A.Id);
            Assert.Equal(stored.FileName, download.SuggestedFilename);
            Assert.Equal(stored.Content, await File.ReadAllBytesAsync(path));
        }

        File.Delete(path);
        await page.GetByRole(AriaRole.Link, new() { Name = "Перевірити контрольні суми" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verify-result")).ToContainTextAsync("Усі контрольні суми збігаються");
        await Assertions.Expect(page.Locator("td.checksum", new() { HasText = "збігається" })).ToHaveCountAsync(4);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("archive-02-closed-year.png"), FullPage = true });

        // The next year, from the same page: the year's page opens with what was carried over.
        await page.GetByRole(AriaRole.Button, new() { Name = "Відкрити 2027-2028 навчальний рік" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Відкрито 2027-2028 навчальний рік. Переведено класів: 3, учнів: 6; випускників: 1.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Навчальний рік 2027-2028" })).ToBeVisibleAsync(); // closed early: the new one is current
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("archive-03-next-year.png"), FullPage = true });
        await using (var db = app.Database.NewContext())
            Assert.Contains("8-А", (await db.Classes.AsNoTracking().ToListAsync()).Select(k => k.Name.ToString()));
    }
}
