using Bot.Domain.Grading;
using Bot.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel.Journal;

using static GridBrowser;

/// <summary>
/// НУШ in Debian's Chromium (docs/rules.md N-1, N-6, N-7): the deputy fills the year's typical groups of results from the
/// menu and renames one of mathematics'; the teacher of the НУШ 6-А types a mark per group in the grid (the group columns
/// before "І семестр", their titles in the header's tooltip and the legend), is refused a 13, and takes the proposed
/// semester mark — the groups' mean — with one key; the audit says it was the proposal. Screenshots at laptop size and
/// 400 px wide.
/// </summary>
public sealed class ResultGroupsInTheBrowserTests
{
    [Fact]
    public async Task Deputy_SeedsAndEditsTheGroups_Teacher_MarksThemInTheGrid_AndTakesTheProposedSemesterMark()
    {
        var (app, clock) = await JournalPanel.StartAsync(kestrel: true);
        await using var _app = app;
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero)); // the semester's marks are open (M-6, ADR 0033)
        NusClass nus;
        await using (var db = app.Database.NewContext()) nus = await NusClass.AddAsync(db, app.School!);
        await using var session = await BrowserSession.StartAsync();

        var deputy = await SignInAsync(session, app, "deputy");
        await (await BrowserSession.OpenNavAsync(deputy, "Групи результатів (НУШ)")).ClickAsync();
        await deputy.GetByRole(AriaRole.Heading, new() { Name = "Групи результатів", Exact = true }).WaitForAsync();
        await Assertions.Expect(deputy.Locator("#subjects-groups tr[data-subject='Математика']")).ToContainTextAsync("не задано");
        await Assertions.Expect(deputy.Locator("#nus-classes")).ToContainTextAsync("6-А");
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Додати типові групи предметам, які їх ще не мають" }).ClickAsync();
        await Assertions.Expect(deputy.GetByRole(AriaRole.Status)).ToContainTextAsync("Типові групи результатів додано для предметів: 6");
        var ukrainian = deputy.Locator("#subjects-groups tr[data-subject='Українська мова']");
        await Assertions.Expect(ukrainian).ToContainTextAsync("ГР4 Дослідження мовлення, мовна творчість");

        await deputy.Locator("#subjects-groups tr[data-subject='Математика']").GetByRole(AriaRole.Link, new() { Name = "Змінити" }).ClickAsync();
        await deputy.GetByLabel("Назва групи результатів 2").FillAsync("Моделювання процесів і ситуацій");
        await deputy.GetByLabel("Назва групи результатів 4").FillAsync("Застосування математики в житті");
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nus-01-groups-edit.png"), FullPage = true });
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Зберегти групи" }).ClickAsync();
        await Assertions.Expect(deputy.GetByRole(AriaRole.Status)).ToContainTextAsync("Групи результатів предмета «Математика» на 2026-2027 збережено.");
        var maths = deputy.Locator("#subjects-groups tr[data-subject='Математика']");
        await Assertions.Expect(maths).ToContainTextAsync("ГР2 Моделювання процесів і ситуацій");
        await Assertions.Expect(maths).ToContainTextAsync("ГР4 Застосування математики в житті");
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nus-02-groups.png"), FullPage = true });

        var narrow = await SignInAsync(session, app, "deputy", new BrowserNewPageOptions
        {
            IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 400, Height = 860 }, IsMobile = true, HasTouch = true,
        });
        await narrow.GotoAsync($"/School/ResultGroups?subject={nus.Mathematics.Id}");
        await Assertions.Expect(narrow.GetByLabel("Назва групи результатів 2")).ToHaveValueAsync("Моделювання процесів і ситуацій");
        Assert.True(await narrow.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 400"), "the page scrolls sideways at 400 px");
        await narrow.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nus-03-groups-400.png"), FullPage = true });

        // The teacher's grid of 6-А mathematics, І semester: ГР1–ГР4 before "І семестр".
        var page = await SignInAsync(session, app, "teacher");
        await page.GotoAsync($"/Journal/Grid/{nus.Class6A.Id}/{nus.Mathematics.Id}?period=Semester1");
        await page.GetByRole(AriaRole.Heading, new() { Name = "6-А · Математика" }).WaitForAsync();
        var heads = page.Locator("thead th[data-col]");
        Assert.Equal(["ГР1 І сем.", "ГР2 І сем.", "ГР3 І сем.", "ГР4 І сем.", "І семестр", "Скоригована (І семестр)"],
            (await heads.AllInnerTextsAsync()).Select(t => t.Replace("\n", " ", StringComparison.Ordinal).Trim()));
        Assert.Equal("ГР2 — Моделювання процесів і ситуацій (І семестр)", await heads.Nth(1).GetAttributeAsync("title"));
        await Assertions.Expect(page.Locator("#result-groups")).ToContainTextAsync("ГР4 Застосування математики в житті");

        // Кравчук: 8, 9, 7, 9 with the keyboard; then a 13 for Мороз is refused as it is typed.
        await Cell(page, nus.Kravchuk.Id, 0).ClickAsync();
        foreach (var mark in new[] { "8", "9", "7", "9" })
        {
            await page.Keyboard.TypeAsync(mark);
            await page.Keyboard.PressAsync("Tab");
        }

        await SavedAsync(page);
        await Cell(page, nus.Moroz.Id, 0).ClickAsync();
        await page.Keyboard.TypeAsync("13");
        await Assertions.Expect(page.Locator("#grid-status")).ToContainTextAsync("від 1 до 12");
        await Cell(page, nus.Moroz.Id, 0).PressAsync("Escape");

        // The semester cell proposes the mean 8,25 → 8; "=" takes it.
        await page.ReloadAsync();
        Assert.Equal(["8", "9", "7", "9"], [await Cell(page, nus.Kravchuk.Id, 0).InputValueAsync(), await Cell(page, nus.Kravchuk.Id, 1).InputValueAsync(),
            await Cell(page, nus.Kravchuk.Id, 2).InputValueAsync(), await Cell(page, nus.Kravchuk.Id, 3).InputValueAsync()]);
        var semester = Cell(page, nus.Kravchuk.Id, 4);
        Assert.Equal("8", await semester.GetAttributeAsync("placeholder"));
        Assert.Contains("Середнє 8,25 з 4 оцінок за групами результатів", await page.Locator($"tr[data-student='{nus.Kravchuk.Id}'] td").Nth(4 + 1).GetAttributeAsync("title"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nus-04-grid.png"), FullPage = true });
        await semester.ClickAsync();
        await page.Keyboard.PressAsync("=");
        await SavedAsync(page);
        Assert.Equal("8", await semester.InputValueAsync());

        await using (var db = app.Database.NewContext())
        {
            var marks = await db.Marks.Where(m => m.StudentId == nus.Kravchuk.Id).ToListAsync();
            Assert.Equal(4, marks.Count(m => m.Column == MarkColumn.ResultGroup1));
            Assert.Equal("8", marks.Single(m => m.Column == MarkColumn.Semester1).Value.Text);
            Assert.False(await db.Marks.AnyAsync(m => m.StudentId == nus.Moroz.Id));
        }

        var audit = JournalPanel.WebAudit(app);
        Assert.Contains(audit, r => r.EntityType == "Mark" && r.NewValue == "8" && r.Reason == "запропоновано середнє ГР: 8" && r.Context!.Contains("І семестр", StringComparison.Ordinal));
        Assert.Contains(audit, r => r.EntityType == "ResultGroup" && r.NewValue!.Contains("ГР2 — Моделювання процесів і ситуацій", StringComparison.Ordinal));

        var phone = await SignInAsync(session, app, "teacher", new BrowserNewPageOptions
        {
            IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 400, Height = 860 }, IsMobile = true, HasTouch = true,
        });
        await phone.GotoAsync($"/Journal/Grid/{nus.Class6A.Id}/{nus.Mathematics.Id}?period=Semester1");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("nus-05-grid-400.png"), FullPage = true });
    }
}
