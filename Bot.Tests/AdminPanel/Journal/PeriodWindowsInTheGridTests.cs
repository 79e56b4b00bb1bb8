using System.Net;
using System.Text.Json;
using Bot.Domain.Grading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel.Journal;

using static GridBrowser;

/// <summary>
/// Period marks in their time in the web grid (M-6, M-7, M-8; ADR 0033): on 20 November the teacher's "І семестр" and
/// "Скоригована" columns are read-only with a title saying when they open, a keystroke writes nothing and the status line
/// says the dates; the save endpoint refuses the same write (the write path's rule, not the page's); on 14 December the
/// column is open and the mark is saved. The deputy sets the school's window on the year page.
/// </summary>
public sealed class PeriodWindowsInTheGridTests
{
    private const string Semester1Window = "Семестрову оцінку за І семестр можна виставити з 13.12.2026 до 11.01.2027.";

    [Fact]
    public async Task SaveEndpoint_RefusesASemesterMarkBeforeItsWindow_WithTheDates_AndSavesItInTheWindow_M6()
    {
        var (app, clock) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        var teacher = await app.SignInAsync("teacher");
        var url = JournalPanel.GridUrl(app);
        var html = await PanelApp.TextAsync(await teacher.GetAsync(url + "?period=Semester1"));
        Assert.Contains($"data-closed=\"{Semester1Window}\"", html);
        Assert.Contains("readonly", html);

        var token = await PanelApp.TokenAsync(teacher, url);
        var refused = await teacher.PostAsync(url + "?handler=Cell",
            PanelApp.Form(token, ("StudentId", s.Ivanenko.Id.ToString()), ("Column", "Semester1"), ("Text", "9")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var answer = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Semester1Window, answer.GetProperty("error").GetString());
        await using (var db = app.Database.NewContext())
        {
            Assert.False(await db.Marks.AnyAsync(m => m.Column == MarkColumn.Semester1));
            Assert.False(await db.Outbox.AnyAsync());
        }

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));
        teacher = await app.SignInAsync("teacher"); // 24 days on, the sign-in has expired
        html = await PanelApp.TextAsync(await teacher.GetAsync(url + "?period=Semester1"));
        Assert.DoesNotContain("data-closed=\"Семестрову", html);
        token = await PanelApp.TokenAsync(teacher, url);
        var saved = await teacher.PostAsync(url + "?handler=Cell",
            PanelApp.Form(token, ("StudentId", s.Ivanenko.Id.ToString()), ("Column", "Semester1"), ("Text", "9")));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await using (var db = app.Database.NewContext())
            Assert.Equal("9", (await db.Marks.SingleAsync(m => m.Column == MarkColumn.Semester1)).Value.Text);

        // M-8: in semester II's window the annual cells of students without both semester marks stay read-only, saying what is missing.
        clock.SetUtcNow(new DateTimeOffset(2027, 5, 17, 8, 0, 0, TimeSpan.Zero));
        teacher = await app.SignInAsync("teacher");
        html = await PanelApp.TextAsync(await teacher.GetAsync(url + "?period=Semester2"));
        Assert.Contains("Річну оцінку можна виставити, коли є оцінки за обидва семестри", html);
        Assert.Contains("немає за ІІ семестр.", html); // Іваненко
        Assert.Contains("немає за І і ІІ семестри.", html); // the others
        token = await PanelApp.TokenAsync(teacher, url);
        var annual = await teacher.PostAsync(url + "?handler=Cell",
            PanelApp.Form(token, ("StudentId", s.Ivanenko.Id.ToString()), ("Column", "Annual"), ("Text", "9")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, annual.StatusCode);
        Assert.Equal("mark.annual_without_semesters", JsonDocument.Parse(await annual.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Grid_ShowsTheSemesterColumnReadOnlyWithWhenItOpens_ThenOpenInItsWindow_AndTheDeputySetsTheWindow_M6()
    {
        var (app, clock) = await JournalPanel.StartAsync(kestrel: true);
        await using var _app = app;
        var s = app.School!;
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "teacher");
        await page.GotoAsync(JournalPanel.GridUrl(app) + "?period=Semester1");
        var semester = page.Locator("thead th[data-col='Semester1']");
        Assert.Equal($"І семестр. {Semester1Window}", await semester.GetAttributeAsync("title"));
        var index = await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('thead th[data-col]')).findIndex(th => th.dataset.col === 'Semester1')");
        var cell = Cell(page, s.Ivanenko.Id, index);
        await Assertions.Expect(cell).ToHaveAttributeAsync("readonly", "");
        Assert.Equal(Semester1Window, await page.Locator($"tr[data-student='{s.Ivanenko.Id}'] td").Nth(index + 1).GetAttributeAsync("title"));

        await cell.ClickAsync();
        await page.Keyboard.TypeAsync("9");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#grid-status")).ToHaveTextAsync(Semester1Window);
        Assert.Equal("", await cell.InputValueAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("period-01-grid-shut.png"), FullPage = true });

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));
        page = await SignInAsync(session, app, "teacher"); // 24 days on, the sign-in has expired
        await page.GotoAsync(JournalPanel.GridUrl(app) + "?period=Semester1");
        semester = page.Locator("thead th[data-col='Semester1']");
        Assert.Equal("І семестр", await semester.GetAttributeAsync("title"));
        cell = Cell(page, s.Ivanenko.Id, index);
        Assert.Null(await cell.GetAttributeAsync("readonly"));
        await cell.ClickAsync();
        await page.Keyboard.TypeAsync("9");
        await page.Keyboard.PressAsync("Enter");
        await SavedAsync(page);
        await Assertions.Expect(page.Locator("#grid-status")).ToContainTextAsync("Збережено: 9.");
        await using (var db = app.Database.NewContext())
            Assert.Equal("9", (await db.Marks.SingleAsync(m => m.Column == MarkColumn.Semester1)).Value.Text);

        // The deputy sets a three-day window on the year page: it shows the dates it makes.
        var deputy = await SignInAsync(session, app, "deputy");
        await deputy.GotoAsync("/School/Year");
        await Assertions.Expect(deputy.Locator("#period-windows")).ToContainTextAsync("Семестрову оцінку за ІІ семестр можна виставити з 17.05.2027 до 10.06.2027.");
        await deputy.GetByLabel("Скільки останніх днів семестру можна виставляти семестрові оцінки").FillAsync("3");
        await deputy.Locator("#period-marks").GetByRole(AriaRole.Button, new() { Name = "Зберегти" }).ClickAsync();
        await Assertions.Expect(deputy.GetByRole(AriaRole.Status)).ToContainTextAsync("Строки семестрових і річних оцінок збережено.");
        await Assertions.Expect(deputy.Locator("#period-windows")).ToContainTextAsync("Семестрову оцінку за ІІ семестр можна виставити з 28.05.2027 до 10.06.2027.");
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("period-02-year.png"), FullPage = true });
        await using (var db = app.Database.NewContext())
            Assert.Equal(3, (await db.Schools.SingleAsync()).PeriodMarkDays);
    }
}
