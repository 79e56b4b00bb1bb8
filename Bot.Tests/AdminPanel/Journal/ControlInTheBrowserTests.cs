using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel.Journal;

using static GridBrowser;

/// <summary>
/// In Debian's Chromium: the class teacher sees a parent's report and turns "н" into "хв"; the deputy corrects a
/// mark, asked for the reason; writes a remark (J-13) the teacher acknowledges; and the audit page shows each change.
/// </summary>
public sealed class ControlInTheBrowserTests
{
    [Fact]
    public async Task ClassTeacherFlips_DeputyCorrectsWithAReason_WritesARemark_TeacherAcknowledges_AuditShowsAll()
    {
        var (app, clock) = await JournalPanel.StartAsync(kestrel: true);
        await using var _app = app;
        var s = app.School!;
        await using (var db = app.Database.NewContext())
            (await new AbsenceNoticeService(db, clock).ReportAsync(s.IvanenkoMother.Id, s.Ivanenko.Id, "Застуда, лікар до понеділка", Channel.Telegram)).GetValueOrThrow();
        await using var session = await BrowserSession.StartAsync();

        // The class teacher: the parent's report on the page, and 18.11's "н" of Petrenko becomes "хв".
        var ct = await SignInAsync(session, app, "classteacher");
        await ct.GotoAsync(JournalPanel.GridUrl(app));
        await Assertions.Expect(ct.Locator("#notices")).ToContainTextAsync("Застуда, лікар до понеділка");
        await Assertions.Expect(ct.Locator("#class-teacher-note")).ToBeVisibleAsync();
        Assert.Equal(0, await ct.Locator("#lesson-form").CountAsync()); // not their subject: no lessons, no columns
        var cell = Cell(ct, s.Petrenko.Id, 1);
        Assert.Equal("н", await cell.InputValueAsync());
        await cell.ClickAsync();
        await ct.Keyboard.TypeAsync("хв");
        await ct.Keyboard.PressAsync("Enter");
        await SavedAsync(ct);
        await Assertions.Expect(ct.Locator("#grid-status")).ToContainTextAsync("Збережено: хв");
        await ct.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("control-01-class-teacher.png"), FullPage = true });
        await ct.ReloadAsync();
        Assert.Equal("хв", await Cell(ct, s.Petrenko.Id, 1).InputValueAsync());
        // Their class's page: the month's attendance counts the "хв".
        await (await BrowserSession.OpenNavAsync(ct, "Класне керівництво")).ClickAsync();
        var petrenko = ct.Locator("#attendance-table tbody tr", new() { HasText = "Петренко Марія" });
        await Assertions.Expect(petrenko.Locator("td").Nth(5)).ToHaveTextAsync("1");
        await ct.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("control-00-class-teacher-page.png"), FullPage = true });

        // The deputy corrects Ivanenko's 9 of 16.11: the journal asks for the reason, Enter in the reason box saves.
        var deputy = await SignInAsync(session, app, "deputy");
        await deputy.GotoAsync(JournalPanel.GridUrl(app));
        await Cell(deputy, s.Ivanenko.Id, 0).ClickAsync();
        await deputy.Keyboard.TypeAsync("8");
        await deputy.Keyboard.PressAsync("Enter");
        await SavedAsync(deputy);
        await Assertions.Expect(deputy.Locator("#grid-status")).ToContainTextAsync("потребує причини");
        await Assertions.Expect(deputy.Locator("#grid-reason")).ToBeFocusedAsync();
        await deputy.Keyboard.TypeAsync("Заява батьків від 19.11, перевірено роботу");
        await deputy.Keyboard.PressAsync("Enter");
        await SavedAsync(deputy);
        await Assertions.Expect(deputy.Locator("#grid-status")).ToContainTextAsync("Збережено: 8");
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("control-02-deputy-reason.png") });

        // A remark on the journal of 7-А algebra (J-13).
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Контроль" }).ClickAsync();
        await deputy.GetByRole(AriaRole.Link, new() { Name = "Зауваження" }).ClickAsync();
        await deputy.GetByLabel("Клас").SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await deputy.GetByLabel("Предмет (журнал)").SelectOptionAsync(new SelectOptionValue { Label = "Алгебра" });
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Записати зауваження" }).ClickAsync();
        await Assertions.Expect(deputy.Locator("#remark-form")).ToContainTextAsync("Напишіть зауваження."); // nothing written without text
        await deputy.GetByLabel("Зауваження", new() { Exact = true }).FillAsync("Не записано домашнє завдання до уроку 16.11.");
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Записати зауваження" }).ClickAsync();
        await Assertions.Expect(deputy.Locator("#remarks")).ToContainTextAsync("Не записано домашнє завдання до уроку 16.11.");
        await Assertions.Expect(deputy.Locator("#remarks")).ToContainTextAsync("очікує відповіді");

        // The teacher sees it on the journal and answers "Ознайомлена(ий)", dated today.
        var teacher = await SignInAsync(session, app, "teacher");
        await teacher.GotoAsync(JournalPanel.GridUrl(app));
        await Assertions.Expect(teacher.Locator("#open-remarks")).ToContainTextAsync("Не записано домашнє завдання до уроку 16.11.");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Відповісти на сторінці зауважень" }).ClickAsync();
        await teacher.GetByLabel("Відповідь").SelectOptionAsync(new SelectOptionValue { Label = "Ознайомлена(ий)" });
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Відповісти" }).ClickAsync();
        await Assertions.Expect(teacher.Locator(".alert-success")).ToContainTextAsync("Ознайомлена(ий)");
        await teacher.GotoAsync("/Journal/Remarks?all=true");
        await Assertions.Expect(teacher.Locator("#remarks")).ToContainTextAsync("Ознайомлена(ий), 20.11.2026");
        await teacher.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("control-03-remark-answered.png"), FullPage = true });

        // The audit page: 7-А's changes through the panel; the stored verdict (no check has run yet: a view never verifies).
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Контроль" }).ClickAsync();
        await deputy.GetByRole(AriaRole.Link, new() { Name = "Журнал змін" }).ClickAsync();
        await deputy.GetByLabel("Клас").SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await deputy.GetByLabel("Канал").SelectOptionAsync(new SelectOptionValue { Label = "панель" });
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Показати" }).ClickAsync();
        await Assertions.Expect(deputy.Locator("#chain")).ToContainTextAsync("Остання перевірка: ще не перевірявся");
        var rows = deputy.Locator("#audit tbody tr");
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("control-04-audit.png"), FullPage = true });
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Ознайомлена(ий) (20.11.2026)");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Не записано домашнє завдання до уроку 16.11.");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Заява батьків від 19.11, перевірено роботу");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Іваненко Олег");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("Шевчук Н. О.");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("хв");
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("control-04-audit.png"), FullPage = true });

        await using var check = app.Database.NewContext();
        Assert.Equal(4, await check.AuditRecords.CountAsync(r => r.Channel == Channel.Web));
    }
}
