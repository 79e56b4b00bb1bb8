using Bot.Domain.Audit;
using Bot.Domain.Forms;
using Bot.Domain.Notifications;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Printing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// «Дозволи й опитування» in Debian's Chromium (ADR 0045): the class teacher of 7-А asks the parents of the
/// whole class when they can come to a meeting (a poll); one option too few is refused next to the field and nothing is sent;
/// the form goes as one outbox row per guardian and child; once Олег's mother has answered, the results page shows per child
/// who answered what and who did not, and the PDF (read back with pdftotext) and the CSV (a formula-like option marked as
/// text) say the same. Another class's teacher does not read it. Screenshot: TestResults/screenshots/forms-results.png.
/// </summary>
public sealed class FormsInTheBrowserTests
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
    public async Task ClassTeacher_AsksAPoll_TheResultsShowWhoAnsweredWhat_AndPrintAndExport()
    {
        var clock = new ShiftedClock(TestSchool.Now); // Friday 20.11.2026, 10:00 in Kyiv
        await using var app = await PanelApp.StartAsync(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)), kestrel: true);
        var s = app.School!;
        await using var session = await BrowserSession.StartAsync();
        var page = await SignInAsync(session, app, "classteacher");

        await (await BrowserSession.OpenNavAsync(page, "Дозволи й опитування")).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Нова форма батькам 7-А" }).WaitForAsync();
        await page.GetByLabel("опитування — свої варіанти відповіді (від 2 до 6)").CheckAsync();
        await page.GetByLabel("Питання").FillAsync("Коли вам зручно прийти на батьківські збори?");
        await page.GetByLabel("Варіант 1", new() { Exact = true }).FillAsync("Вівторок, 18:00");
        await page.GetByLabel("Відповісти до").FillAsync("2026-11-24T18:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Надіслати батькам" }).ClickAsync();
        // Refused next to the form (waited for as long as a page load may take on a loaded machine).
        await page.Locator("#new-form").GetByText("Опитування має від 2 до 6 варіантів відповіді (зараз 1).").WaitForAsync();
        await using (var db = app.Database.NewContext())
            Assert.False(await db.FamilyForms.AnyAsync());

        await page.GetByLabel("Варіант 2", new() { Exact = true }).FillAsync("Четвер, 18:00");
        await page.GetByLabel("Варіант 3", new() { Exact = true }).FillAsync("=інший день");
        await page.GetByRole(AriaRole.Button, new() { Name = "Надіслати батькам" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Опитування · 7-А" }).WaitForAsync();
        await Assertions.Expect(page.Locator("#form-deadline")).ToHaveTextAsync("Відповіді приймаються до 24.11.2026 18:00.");
        FamilyForm form;
        string motherAt, fatherAt;
        await using (var db = app.Database.NewContext())
        {
            form = await db.FamilyForms.SingleAsync();
            // Олег's two guardians, a row each about him (the other children of the test school's 7-А have no guardians).
            Assert.Equal(new[] { s.IvanenkoFather.Id, s.IvanenkoMother.Id }.Order(),
                (await db.Outbox.Where(o => o.Kind == NotificationKind.FormRequest).Select(o => o.RecipientId).ToListAsync()).Order());
            // The father answers «=інший день» in Viber, the mother «Четвер, 18:00» five minutes later in Telegram (as their presses
            // would: FormsThroughBothMessengersTests presses them); Олег's answer is the latest.
            var forms = new FormService(db, clock);
            Assert.IsType<FormAnswerOutcome.Recorded>(await forms.AnswerAsync(form.Id, s.Ivanenko.Id, 2, [s.IvanenkoFather.Id], Channel.Viber));
            clock.Advance(TimeSpan.FromMinutes(5));
            Assert.IsType<FormAnswerOutcome.Recorded>(await forms.AnswerAsync(form.Id, s.Ivanenko.Id, 1, [s.IvanenkoMother.Id], Channel.Telegram));
            // The panel's clock runs on from 10:00 (a loaded machine may pass a minute): the times as recorded.
            var kyiv = Bot.Domain.Schools.SchoolTime.Resolve(s.School.TimeZone);
            var at = await db.FamilyFormAnswers.ToDictionaryAsync(a => a.GuardianId, a => FormService.Local(a.AnsweredAtUtc, kyiv));
            (motherAt, fatherAt) = (at[s.IvanenkoMother.Id], at[s.IvanenkoFather.Id]);
        }

        await page.ReloadAsync();
        foreach (var total in new[] { "Вівторок, 18:00: 0", "Четвер, 18:00: 1", "=інший день: 0", "немає відповіді: 3" })
            await Assertions.Expect(page.Locator("#form-totals")).ToContainTextAsync(total);
        var oleh = page.Locator("#form-children tr[data-student='Іваненко Олег']");
        await Assertions.Expect(oleh.Locator(".form-answer")).ToHaveTextAsync("Четвер, 18:00");
        await Assertions.Expect(oleh.Locator(".form-guardian")).ToHaveTextAsync([$"Іваненко Г.: Четвер, 18:00, {motherAt} (Telegram)", $"Іваненко П.: =інший день, {fatherAt} (Viber)"]);
        await Assertions.Expect(page.Locator("#form-children tr[data-student='Петренко Марія'] .form-answer")).ToHaveTextAsync("немає відповіді");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("forms-results.png"), FullPage = true });

        var pdf = Path.Combine(Path.GetTempPath(), $"browser-form-{Guid.NewGuid():N}.pdf");
        await (await page.RunAndWaitForDownloadAsync(() => page.Locator("#form-pdf").ClickAsync())).SaveAsAsync(pdf);
        try
        {
            var text = System.Text.RegularExpressions.Regex.Replace(await InviteSheetTests.RunAsync("pdftotext", pdf, "-"), @"\s+", " ");
            Assert.Contains("Опитування · 7-А", text);
            Assert.Contains("Коли вам зручно прийти на батьківські збори?", text);
            Assert.Contains("Вівторок, 18:00: 0 · Четвер, 18:00: 1 · =інший день: 0 · немає відповіді: 3", text);
            Assert.Contains($"Іваненко Олег Четвер, 18:00 Іваненко Г. — Четвер, 18:00, {motherAt} (Telegram); Іваненко П. — =інший день, {fatherAt} (Viber)", text);
            Assert.Contains("Петренко Марія немає відповіді", text);
        }
        finally
        {
            File.Delete(pdf);
        }

        var csvFile = Path.Combine(Path.GetTempPath(), $"browser-form-{Guid.NewGuid():N}.csv");
        await (await page.RunAndWaitForDownloadAsync(() => page.Locator("#form-csv").ClickAsync())).SaveAsAsync(csvFile);
        try
        {
            var csv = (await File.ReadAllTextAsync(csvFile)).TrimStart('\uFEFF');
            Assert.StartsWith("Клас;Учень;Відповідь;Батьки;Відповідь батьків;Коли;Месенджер\r\n", csv);
            Assert.Contains($"7-А;Іваненко Олег;Четвер, 18:00;Іваненко Г.;Четвер, 18:00;{motherAt};Telegram\r\n", csv);
            // The option typed in the panel looks like a formula: marked as text for the spreadsheet.
            Assert.Contains($"7-А;Іваненко Олег;Четвер, 18:00;Іваненко П.;'=інший день;{fatherAt};Viber\r\n", csv);
            Assert.Contains("7-А;Петренко Марія;немає відповіді;;;;\r\n", csv);
        }
        finally
        {
            File.Delete(csvFile);
        }

        // The list links it; a teacher of no class of it does not read it.
        await page.GotoAsync("/Forms");
        await Assertions.Expect(page.Locator("#forms-list")).ToContainTextAsync("1 з 4");
        var teacher = await SignInAsync(session, app, "teacher");
        var other = await teacher.GotoAsync($"/Forms/Results/{form.Id}");
        Assert.NotEqual(200, other!.Status);
    }
}
