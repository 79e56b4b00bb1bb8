using System.Net;
using System.Text;
using Bot.Tests.Builders;
using Bot.Tests.Printing;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The panel's print page: a class teacher downloads their class's journal as PDF, CSV and XLSX; another class
/// is 403; a bad period is refused next to its field. In Chromium: the form, the download, a screenshot.
/// </summary>
public sealed class PrintPagesTests
{
    private static string Url(Guid classId, string period, string format) => $"/Print?handler=Download&ClassId={classId}&Period={period}&Format={format}";

    [Fact]
    public async Task ClassTeacher_DownloadsTheirClassJournal_AsPdfCsvXlsx_AndIsRefusedAnotherClass()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("classteacher");
        var s = app.School!;

        var pdf = await client.GetAsync(Url(s.Class7A.Id, "semester1", "pdf"));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using (var file = new PdfFile(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = await file.TextAsync();
            Assert.Contains("КЛАСНИЙ ЖУРНАЛ", text);
            Assert.Contains("Іваненко Олег", text);
            Assert.Contains($"сторінка 1 з {await file.PageCountAsync()}", text);
        }

        var csv = await client.GetAsync(Url(s.Class7A.Id, "semester1", "csv-attendance"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("№;Учень;вересень: уроків", Encoding.UTF8.GetString(bytes[3..]));

        var xlsx = await client.GetAsync(Url(s.Class7A.Id, "year", "xlsx"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url(s.Class3A.Id, "semester1", "pdf"))).StatusCode);
    }

    [Fact]
    public async Task BadPeriodOrFormat_IsRefusedNextToItsField_InUkrainian()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var s = app.School!;

        var period = await client.GetAsync(Url(s.Class7A.Id, "2027-08", "pdf"));
        Assert.Equal(HttpStatusCode.OK, period.StatusCode);
        Assert.Equal("text/html", period.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Місяць 2027-08 не входить у 2026-2027 навчальний рік", await PanelApp.TextAsync(period));

        var format = await PanelApp.TextAsync(await client.GetAsync(Url(s.Class7A.Id, "semester1", "docx")));
        Assert.Contains("Оберіть формат зі списку.", format);
    }

    [Fact]
    public async Task InChromium_ADeputyChoosesClassPeriodAndFormat_AndDownloadsThePdf()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        await using var session = await BrowserSession.StartAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions
            { BaseURL = app.BaseUrl(), IgnoreHTTPSErrors = true, Locale = "uk-UA", AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("deputy");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);

        await (await BrowserSession.OpenNavAsync(page, "Друк і експорт")).ClickAsync();
        // The page also offers the свідоцтва досягнень with a class of their own: the journal's form is the first.
        await page.Locator("#ClassId").SelectOptionAsync(new SelectOptionValue { Label = "7-А" });
        await page.GetByLabel("Період").SelectOptionAsync("semester1");
        await page.GetByLabel("Формат").SelectOptionAsync("pdf");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("print-01-form.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Завантажити", Exact = true }).ClickAsync());
        Assert.Equal("журнал-7-А-semester1.pdf", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"print-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        using var pdf = new PdfFile(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        Assert.Contains("7-А класу", await pdf.TextAsync(1, 1));
    }
}

/// <summary>A student's report for parents, downloaded from the panel.</summary>
public sealed class StudentReportPageTests
{
    [Fact]
    public async Task ClassTeacher_DownloadsTheirStudentsReport_AndIsRefusedAStudentOfAnotherClass()
    {
        await using var app = await PanelApp.StartAsync();
        var s = app.School!;
        await using (var db = app.Database.NewContext())
        {
            var journal = s.Journal(db);
            var lesson = (await journal.RecordLessonAsync(s.As(s.AlgebraTeacher), new Bot.Domain.Journal.LessonInput(s.Class7A.Id, s.Algebra.Id, null,
                TestSchool.Today, 2, "Лінійні рівняння"))).GetValueOrThrow();
            (await journal.SetCellAsync(s.As(s.AlgebraTeacher), new Bot.Domain.Journal.CellInput(s.Ivanenko.Id, s.Class7A.Id, s.Algebra.Id,
                Bot.Domain.Grading.MarkColumn.Current, "11", LessonId: lesson.Id))).GetValueOrThrow();
        }

        var client = await app.SignInAsync("classteacher");
        var report = await client.GetAsync($"/Print?handler=Report&studentId={s.Ivanenko.Id}&semester=1");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("application/pdf", report.Content.Headers.ContentType?.MediaType);
        using (var pdf = new PdfFile(await report.Content.ReadAsByteArrayAsync()))
        {
            var text = await pdf.TextAsync();
            Assert.Contains("Звіт про навчальні досягнення", text);
            Assert.Contains("Іваненко Олег, 7-А клас", text);
            Assert.Contains("Алгебра", text);
            Assert.Contains("11", text);
            Assert.Contains("сторінка 1 з 1", text);
            Assert.True(await pdf.InkAsync(1) > 0.002);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Print?handler=Report&studentId={s.Primary.Id}&semester=1")).StatusCode);
        Assert.Contains("Звіт про навчальні досягнення (PDF)", await PanelApp.TextAsync(await client.GetAsync($"/Roster/Student/{s.Ivanenko.Id}")));
    }
}
