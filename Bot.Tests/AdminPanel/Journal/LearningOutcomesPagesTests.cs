using System.Net;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Tests.Printing;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel.Journal;

/// <summary>
/// The primary grades' year results in the panel (docs/rules.md N-13, N-20, N-21, N-8): the 1st grade's grid offers no
/// per-lesson mark; the deputy adds the typical educational
/// fields on "Очікувані результати"; the 1-А class teacher's grid of a field is read-only until the annual window, then
/// takes a level per student and outcome; the свідоцтво досягнень PDF of the 1st-grader (read back with pdftotext, one page
/// rendered to PNG) lists the outcomes with the levels under the school's name, the year and the class teacher; the 7-А
/// one has the subjects' semester marks and the class teacher's description of the learning activity (N-8), written on
/// the results page for a class of any grade, audited, refused for another class; another class's certificate is 403.
/// </summary>
public sealed class LearningOutcomesPagesTests
{
    [Fact]
    public async Task Deputy_SeedsTheFields_ClassTeacher_WritesTheLevels_AndPrintsTheCertificates()
    {
        var (app, clock) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        await using (var db = app.Database.NewContext())
        {
            (await db.Classes.SingleAsync(c => c.Id == s.Class1A.Id)).AssignClassTeacher(s.ClassTeacher.Id);
            await db.SaveChangesAsync();
            // 7-А's algebra semester mark, in semester I's window (ADR 0033), for its certificate.
            clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));
            var journal = new JournalService(db, clock, new JournalSettings());
            (await journal.SetCellsAsync(Actor.System(), [new CellInput(s.Ivanenko.Id, s.Class7A.Id, s.Algebra.Id, MarkColumn.Semester1, "9", null)], false)).GetValueOrThrow();
        }

        var deputy = await app.SignInAsync("deputy");
        // N-13: the 1st grade's page offers no per-lesson mark, the 3rd grade's still its levels.
        var primary = await PanelApp.TextAsync(await deputy.GetAsync($"/Journal/Grid/{s.Class1A.Id}/{s.Reading.Id}?period=Semester1"));
        Assert.Contains("н, хв; поточних оцінок у 1–2 класах не ставлять", primary);
        Assert.DoesNotContain("сформовано (сф)", primary);
        Assert.Contains("П, С, Д, В, н, хв", await PanelApp.TextAsync(await deputy.GetAsync($"/Journal/Grid/{s.Class3A.Id}/{s.Reading.Id}?period=Semester1")));
        const string setup = "/School/LearningOutcomes";
        Assert.Contains("Освітніх галузей цього року ще немає.", await PanelApp.TextAsync(await deputy.GetAsync(setup)));
        var token = await PanelApp.TokenAsync(deputy, setup);
        var seeded = await deputy.PostAsync(setup + "?handler=Seed", PanelApp.Form(token));
        Assert.Equal(HttpStatusCode.Redirect, seeded.StatusCode);
        var page = await PanelApp.TextAsync(await deputy.GetAsync(seeded.Headers.Location!.ToString()));
        Assert.Contains($"Типові освітні галузі з очікуваними результатами додано: {LearningOutcomeCatalogue.Fields.Count}. Їх можна змінити.", page);
        Assert.Contains("Читає вголос і мовчки, розуміє прочитане", page);
        Assert.Contains("Літературне читання, Українська мова", page);

        // December: the class teacher sees the grid, not yet writable.
        var teacher = await app.SignInAsync("classteacher");
        const string grid = "/ClassTeacher/Outcomes";
        var november = await PanelApp.TextAsync(await teacher.GetAsync(grid));
        Assert.Contains("Бойко Тарас", november);
        Assert.Contains("Зараз записувати не можна: з 17.05.2027 до 10.06.2027.", november);
        Assert.DoesNotContain("Зберегти результати", november);

        clock.SetUtcNow(new DateTimeOffset(2027, 5, 20, 8, 0, 0, TimeSpan.Zero));
        teacher = await app.SignInAsync("classteacher"); // December's session has expired by May
        Guid speaks, reads, field;
        await using (var db = app.Database.NewContext())
        {
            var fields = await new LearningOutcomeService(db, clock).ForYearAsync(s.School.Id, s.Year.Id);
            field = fields.Fields[0].Id;
            (speaks, reads) = (fields.Outcomes[field].ElementAt(0).Id, fields.Outcomes[field].ElementAt(1).Id);
        }

        var url = $"{grid}?classId={s.Class1A.Id}&field={field}";
        token = await PanelApp.TokenAsync(teacher, url);
        var saved = await teacher.PostAsync($"{grid}?handler=Save&classId={s.Class1A.Id}&field={field}", PanelApp.Form(token,
            ($"levels[{s.FirstGrader.Id}_{speaks}]", "4"), ($"levels[{s.FirstGrader.Id}_{reads}]", "2")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await PanelApp.TextAsync(await teacher.GetAsync(saved.Headers.Location!.ToString()));
        Assert.Contains("Результати галузі «Мовно-літературна» збережено (змінено записів: 2).", page);
        Assert.Contains("<option value=\"4\" selected=\"selected\">має значні успіхи</option>", page);
        await using (var db = app.Database.NewContext())
        {
            var audit = await db.AuditRecords.Where(r => r.EntityType == nameof(OutcomeResult)).ToListAsync();
            Assert.Equal(2, audit.Count);
            Assert.All(audit, r => Assert.Equal(s.ClassTeacher.ShortName, r.ActorName));
        }

        // A level that is not on the list changes nothing.
        token = await PanelApp.TokenAsync(teacher, url);
        var bad = await teacher.PostAsync($"{grid}?handler=Save&classId={s.Class1A.Id}&field={field}", PanelApp.Form(token,
            ($"levels[{s.FirstGrader.Id}_{speaks}]", "9")));
        Assert.Contains("Оберіть результат зі списку.", await PanelApp.TextAsync(bad));

        // The свідоцтво of the 1st-grader.
        var pdf = await teacher.GetAsync($"/Print/Index?handler=Certificate&classId={s.Class1A.Id}&studentId={s.FirstGrader.Id}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync(), "certificate-1A.png");
        Assert.Contains("Ліцей № 1 (тест)", text);
        Assert.Contains("СВІДОЦТВО ДОСЯГНЕНЬ", text);
        Assert.Contains("за 2026-2027 навчальний рік", text);
        Assert.Contains("Бойко Тарас, 1-А клас", text);
        Assert.Contains("Класний керівник: Шевчук Наталія Олегівна", text);
        Assert.Contains("Мовно-літературна освітня галузь", text);
        Assert.Matches(@"1\.1 Усно взаємодіє: слухає, розуміє, висловлюється\s+має значні успіхи", text);
        Assert.Matches(@"1\.2 Читає вголос і мовчки, розуміє прочитане\s+досягає результату з допомогою\s+вчителя", text);
        Assert.Contains("Фізкультурна освітня галузь", text);

        // N-8: the 7-А class teacher writes Іваненко's description of the learning activity on the same page (any grade);
        // a text of only invisible characters is none; too long, another class's or a student of another class writes nothing.
        var seventhUrl = $"{grid}?classId={s.Class7A.Id}";
        var seventhPage = await PanelApp.TextAsync(await teacher.GetAsync(seventhUrl));
        Assert.Contains("Характеристика навчальної діяльності", seventhPage);
        Assert.Contains("ставлять у журналі", seventhPage);
        Task<HttpResponseMessage> Describe(Guid classId, Guid studentId, string text) => PanelApp.TokenAsync(teacher, seventhUrl)
            .ContinueWith(t => teacher.PostAsync($"{grid}?handler=Description&classId={classId}&studentId={studentId}", PanelApp.Form(t.Result, ("description", text)))).Unwrap();
        var described = await Describe(s.Class7A.Id, s.Ivanenko.Id, "\u200B Старанно працює на уроках,\nдопомагає однокласникам. ");
        Assert.Equal(HttpStatusCode.Redirect, described.StatusCode);
        seventhPage = await PanelApp.TextAsync(await teacher.GetAsync(described.Headers.Location!.ToString()));
        Assert.Contains("Характеристику навчальної діяльності (Іваненко Олег) збережено.", seventhPage);
        Assert.Contains("Старанно працює на уроках,", seventhPage);
        Assert.Contains("допомагає однокласникам.</textarea>", seventhPage);
        Assert.Contains("Змін немає.", await PanelApp.TextAsync(await teacher.GetAsync((await Describe(s.Class7A.Id, s.Petrenko.Id, "\u200B \u2060")).Headers.Location!.ToString())));
        Assert.Contains("Характеристика задовга: 1001 символів, можна не більше 1000.", await PanelApp.TextAsync(await Describe(s.Class7A.Id, s.Petrenko.Id, new string('а', 1001))));
        Assert.Equal(HttpStatusCode.Forbidden, (await Describe(s.Class3A.Id, s.Primary.Id, "Чужий клас")).StatusCode);
        Assert.Contains("Учня цього класу не знайдено.", await PanelApp.TextAsync(await Describe(s.Class7A.Id, s.Primary.Id, "Учень іншого класу")));
        await using (var db = app.Database.NewContext())
        {
            var row = await db.CertificateDescriptions.SingleAsync();
            Assert.Equal((s.Ivanenko.Id, s.Year.Id), (row.StudentId, row.SchoolYearId));
            var audit = await db.AuditRecords.SingleAsync(r => r.EntityType == nameof(CertificateDescription));
            Assert.Equal(s.ClassTeacher.ShortName, audit.ActorName);
            Assert.Equal("Старанно працює на уроках,\nдопомагає однокласникам.", audit.NewValue);
        }

        // 7-А: the subjects' semester marks; another class's certificates are not the class teacher's to print.
        var seventh = await teacher.GetAsync($"/Print/Index?handler=Certificate&classId={s.Class7A.Id}");
        Assert.Equal(HttpStatusCode.OK, seventh.StatusCode);
        var seventhText = await PdfTextAsync(await seventh.Content.ReadAsByteArrayAsync(), "certificate-7A.png");
        Assert.Contains("Іваненко Олег, 7-А клас", seventhText);
        Assert.Contains("Петренко Марія, 7-А клас", seventhText);
        Assert.DoesNotContain("Гнатюк Богдан", seventhText); // left the class in October
        Assert.Matches(@"Алгебра\s+9", seventhText);
        Assert.Contains("І семестр", seventhText);
        Assert.Matches(@"Характеристика навчальної діяльності\s+Старанно працює на уроках,\s+допомагає однокласникам\.", seventhText);
        Assert.Matches(@"Характеристика навчальної діяльності\s+—", seventhText); // Петренко's: none written
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync($"/Print/Index?handler=Certificate&classId={s.Class3A.Id}")).StatusCode);
    }

    /// <summary>The PDF's text (pdftotext) and its first page as a 60 dpi PNG among the test screenshots, to look at.</summary>
    private static async Task<string> PdfTextAsync(byte[] bytes, string png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var image = BrowserSession.ScreenshotPath(png);
            await InviteSheetTests.RunAsync("pdftoppm", "-png", "-r", "60", "-f", "1", "-singlefile", file, image[..^4]);
            Assert.True(File.Exists(image));
            return await InviteSheetTests.RunAsync("pdftotext", "-layout", file, "-");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
