using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The timetable in Debian's Chromium as a deputy uses it: put algebra into a cell of 7-А's grid, record a substitution
/// for that lesson on the day's changes, and see it in the class's timetable; the same pages at a phone's width.
/// Screenshots go to TestResults/screenshots (timetable-*.png).
/// </summary>
public sealed class TimetableInTheBrowserTests
{
    [Fact]
    public async Task Deputy_FillsACell_RecordsASubstitution_AndSeesItInTheClassTimetable()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        var s = app.School!;
        // The next Monday that is a school day of the test school's year (the panel runs on the real clock).
        var monday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (monday.DayOfWeek != DayOfWeek.Monday || !s.Year.IsSchoolDay(monday)) monday = monday.AddDays(1);
        var week = monday.ToString("yyyy-MM-dd");

        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("deputy");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);

        // The grid of 7-А for that week: put algebra with its teacher into Monday, lesson 2.
        await (await BrowserSession.OpenNavAsync(page, "Розклад")).ClickAsync();
        await page.GetByLabel("Клас").SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await page.GetByLabel("Тиждень з").FillAsync(week);
        await page.GetByRole(AriaRole.Button, new() { Name = "Показати" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Змінити: понеділок, 2 урок" }).ClickAsync();
        var form = page.Locator("#cell-form");
        await form.GetByLabel("Предмет").SelectOptionAsync(new SelectOptionValue { Label = "Алгебра" });
        await form.GetByLabel("Учитель").SelectOptionAsync(new SelectOptionValue { Label = "Коваленко І. П." });
        await form.GetByRole(AriaRole.Button, new() { Name = "Зберегти клітинку" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("7-А: понеділок, 2 урок — збережено");
        var cell = page.Locator($"#timetable td[data-day='{week}'][data-number='2']");
        await Assertions.Expect(cell).ToContainTextAsync("Алгебра");
        await Assertions.Expect(cell).ToContainTextAsync("Коваленко І. П.");

        // The day's changes: the algebra teacher is away, Ткаченко stands in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Зміни на день" }).ClickAsync();
        await page.GetByLabel("Дата").FillAsync(week);
        await page.GetByLabel("Клас").SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Показати" }).ClickAsync();
        var lesson = page.Locator("#day-lessons li[data-number='2']");
        await lesson.Locator("summary").ClickAsync();
        await lesson.GetByLabel("Заміна: учитель").SelectOptionAsync(new SelectOptionValue { Label = "Ткаченко А. М." });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("timetable-1-changes-form.png"), FullPage = true });
        await lesson.GetByRole(AriaRole.Button, new() { Name = "Записати заміну" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Записано: заміна");
        await Assertions.Expect(page.Locator("#recorded-changes")).ToContainTextAsync("7-А · Заміна: 2 урок, Алгебра: замінює Ткаченко А. М.");
        await Assertions.Expect(lesson).ToContainTextAsync("заміна: Ткаченко А. М.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("timetable-2-changes-recorded.png"), FullPage = true });

        // The class's timetable shows the substitution in its cell.
        await page.GotoAsync($"/School/Timetable?classId={s.Class7A.Id}&week={week}");
        await Assertions.Expect(cell).ToContainTextAsync("заміна: Ткаченко А. М.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("timetable-3-grid-desktop.png"), FullPage = true });

        await using (var db = app.Database.NewContext())
        {
            var change = await db.DayChanges.SingleAsync();
            Assert.Equal((DayChangeKind.Substitution, monday, 2, s.OtherTeacher.Id), (change.Kind, change.Date, change.LessonNumber!.Value, change.TeacherId!.Value));
        }

        // At a phone's width: the grid scrolls sideways inside its box; the page does not.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/School/Timetable?classId={s.Class7A.Id}&week={week}");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("timetable-4-grid-phone.png"), FullPage = true });
        await page.GotoAsync($"/School/Changes?date={week}&classId={s.Class7A.Id}");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the changes page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("timetable-5-changes-phone.png"), FullPage = true });
        await page.GotoAsync("/School/Year");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("timetable-6-year-phone.png"), FullPage = true });
    }
}
