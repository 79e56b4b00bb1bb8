using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The demo school's setup as a deputy and a teacher see it in Debian's Chromium: the year and its bells, the subjects,
/// 7-А's groups and assignments, 7-А's weekly grid, and the teacher's own week. Screenshots: TestResults/screenshots/demo-school-*.png.
/// </summary>
public sealed partial class DemoSchoolPagesInTheBrowserTests
{
    [Fact]
    public async Task DemoSchool_YearSubjectsAssignmentsAndTimetable_AreFilledIn()
    {
        await using var app = await PanelApp.StartEmptyAsync(b =>
        {
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Demo:DaysBack", "1");
        }, kestrel: true);
        var password = DemoPassword().Match(Assert.Single(app.Log.Lines, l => l.StartsWith("Демо-входи до панелі", StringComparison.Ordinal))).Groups[1].Value;
        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
            { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await SignInAsync(page, "deputy", password);

        await (await BrowserSession.OpenNavAsync(page, "Рік, предмети, призначення")).ClickAsync();
        await Assertions.Expect(page.Locator("#bells input[type=time]").First).Not.ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#holidays li")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-school-1-year.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Предмети" }).ClickAsync();
        Assert.True(await page.Locator("#subjects tbody tr").CountAsync() >= 15);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-school-2-subjects.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Групи й призначення" }).ClickAsync();
        await page.GetByLabel("Клас").SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Показати" }).ClickAsync();
        Assert.True(await page.Locator("#assignments tr").CountAsync() >= 10);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-school-3-assignments.png"), FullPage = true });

        // A student leaves a group as of today (J-5: the group's lessons before stay theirs).
        var group = page.Locator("details").First;
        await group.Locator("summary").ClickAsync();
        var members = await group.Locator("input[type=checkbox]:checked").CountAsync();
        await group.Locator("input[type=checkbox]:checked").First.UncheckAsync();
        await Assertions.Expect(group.GetByLabel("Зміни діють з")).Not.ToHaveValueAsync("");
        await group.ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-school-3b-group-members.png") });
        await group.GetByRole(AriaRole.Button, new() { Name = "Зберегти склад" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToHaveTextAsync($"Склад групи збережено: учнів — {members - 1}.");

        await (await BrowserSession.OpenNavAsync(page, "Розклад")).ClickAsync();
        await page.GetByLabel("Клас").SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Показати" }).ClickAsync();
        Assert.True(await page.Locator("#timetable .lesson").CountAsync() >= 25, "7-А has a full week");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-school-4-timetable-7A.png"), FullPage = true });

        var teacher = await session.Browser.NewPageAsync(new BrowserNewPageOptions
            { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await SignInAsync(teacher, "teacher", password);
        await (await BrowserSession.OpenNavAsync(teacher, "Розклад")).ClickAsync();
        await Assertions.Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Мій розклад" })).ToBeVisibleAsync();
        Assert.True(await teacher.Locator("#timetable .lesson").CountAsync() >= 5, "the teacher has lessons this week");
        Assert.Equal(0, await teacher.GetByRole(AriaRole.Button, new() { Name = "Зберегти клітинку" }).CountAsync());
        await teacher.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("demo-school-5-teacher-week.png"), FullPage = true });
    }

    private static async Task SignInAsync(IPage page, string login, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Логін").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);
    }

    [GeneratedRegex("пароль для всіх: ([a-z2-9-]{14})")]
    private static partial Regex DemoPassword();
}
