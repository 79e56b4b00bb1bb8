using System.Net;
using System.Text.Json;
using Bot.Domain.Archive;
using Bot.Tests.AdminPanel;
using Bot.Tests.AdminPanel.Journal;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Archive;

/// <summary>
/// The archive page over HTTP, its closing run by the host's own Hangfire server: the director closes the current year
/// (refused without the confirmation while it lasts), the page shows the progress until it is done, lists the class
/// journals and serves them (the stored bytes, application/pdf), the checksums verify; a deputy downloads but may not
/// close; afterwards the web grid's save is refused in Ukrainian and changes nothing.
/// </summary>
public sealed class ArchivePageTests
{
    private static string Dump(PanelApp app) => string.Join("\n", app.Log.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)));

    /// <summary>Looks at the page until the closing's progress is gone (the job runs on the host's Hangfire server).</summary>
    public static async Task<string> WaitForClosingAsync(PanelApp app, HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var html = await PanelApp.TextAsync(await client.GetAsync("/Archive"));
            if (!html.Contains("id=\"closing-progress\"", StringComparison.Ordinal)) return html;
            Assert.True(DateTime.UtcNow < deadline, "The closing did not finish in 90 s. " + Dump(app));
            Assert.Contains("http-equiv=\"refresh\"", html);
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Director_ClosesTheYear_WatchesItsProgress_AndEveryoneOfTheAdministrationDownloadsTheJournals()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        var director = await app.SignInAsync("director");
        var page = await PanelApp.TextAsync(await director.GetAsync("/Archive"));
        Assert.Contains("Закрити 2026-2027 навчальний рік", page);
        Assert.Contains("Рік ще триває", page);

        // 20 November: without the confirmation the year is not closed.
        var token = await PanelApp.TokenAsync(director, "/Archive");
        var refused = await director.PostAsync("/Archive?handler=Close", PanelApp.Form(token, ("yearId", s.Year.Id.ToString())));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("ще не закінчився", await PanelApp.TextAsync(refused));
        await using (var db = app.Database.NewContext()) Assert.Empty(await db.YearClosings.ToListAsync());

        var closed = await director.PostAsync("/Archive?handler=Close", PanelApp.Form(token, ("yearId", s.Year.Id.ToString()), ("confirmEarly", "true")));
        Assert.True(closed.StatusCode == HttpStatusCode.Redirect, $"{closed.StatusCode} {Dump(app)}");
        var html = await WaitForClosingAsync(app, director);
        Assert.Contains("закрито", html);
        foreach (var name in new[] { "1-А", "3-А", "7-А", "11-А" }) Assert.Contains($"<td>{name}</td>", html);
        Assert.DoesNotContain("id=\"close-form\"", html);
        Assert.Contains("id=\"open-next-form\"", html);

        ArchivedJournal stored;
        await using (var db = app.Database.NewContext())
        {
            Assert.True((await db.SchoolYears.SingleAsync(y => y.Id == s.Year.Id)).IsClosed);
            stored = await db.ArchivedJournals.AsNoTracking().SingleAsync(j => j.ClassId == s.Class7A.Id);
        }

        Assert.Contains(stored.Sha256[..16], html);
        Assert.Contains($"запис №{stored.AuditHeadSequence}", html);
        Assert.Contains(stored.KeepUntil.ToString("dd.MM.yyyy"), html);

        var deputy = await app.SignInAsync("deputy");
        foreach (var client in new[] { director, deputy })
        {
            var file = await client.GetAsync($"/Archive?handler=Download&id={stored.Id}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
            Assert.Equal(stored.Content, await file.Content.ReadAsByteArrayAsync());
        }

        var verified = await PanelApp.TextAsync(await deputy.GetAsync("/Archive?handler=Verify"));
        Assert.Contains("Перевірено файлів: 4. Усі контрольні суми збігаються", verified);
        Assert.DoesNotContain("id=\"open-next-form\"", verified); // a deputy downloads, the director closes and opens

        // A stored file changed behind the journal's back is found by the check.
        await using (var db = app.Database.NewContext())
        {
            var bytes = stored.Content.ToArray();
            bytes[^10] ^= 0xFF;
            await db.ArchivedJournals.Where(j => j.Id == stored.Id).ExecuteUpdateAsync(u => u.SetProperty(j => j.Content, bytes));
        }

        var tampered = await PanelApp.TextAsync(await deputy.GetAsync("/Archive?handler=Verify"));
        Assert.Contains("Перевірено файлів: 4. Не збігаються: 1.", tampered);
        Assert.Contains("НЕ збігається", tampered);
        var deputyToken = await PanelApp.TokenAsync(deputy, "/Archive");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await deputy.PostAsync("/Archive?handler=OpenNext", PanelApp.Form(deputyToken, ("yearId", s.Year.Id.ToString())))).StatusCode);
    }

    [Fact]
    public async Task AfterClosing_TheGridsSave_IsRefusedInUkrainian_AndNothingChanges()
    {
        var (app, clock) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        Assert.True((await YearArchiveTests.CloseAsync(app.Database, clock, s.Year.Id, early: true)).IsSuccess);
        int marks;
        Guid lesson;
        await using (var db = app.Database.NewContext())
        {
            marks = await db.Marks.CountAsync();
            lesson = await db.Lessons.Where(l => l.SubjectId == s.Algebra.Id && l.Date == JournalPanel.Monday).Select(l => l.Id).SingleAsync();
        }

        var teacher = await app.SignInAsync("teacher");
        var url = JournalPanel.GridUrl(app);
        // The page says the year is closed and offers no lesson form (J-14).
        var page = await PanelApp.TextAsync(await teacher.GetAsync(url));
        Assert.Contains("навчальний рік закрито й архівовано", page);
        Assert.Contains("Журнал лише для перегляду", page);
        Assert.DoesNotContain("Записати урок", page);
        var token = await PanelApp.TokenAsync(teacher, url);
        var save = await teacher.PostAsync(url + "?handler=Cell",
            PanelApp.Form(token, ("StudentId", s.Sydorenko.Id.ToString()), ("Column", "Current"), ("LessonId", lesson.ToString()), ("Text", "10")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, save.StatusCode);
        var json = JsonDocument.Parse(await save.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("year.closed", json.GetProperty("code").GetString());
        Assert.Contains("навчальний рік закрито й архівовано", json.GetProperty("error").GetString());
        await using (var db = app.Database.NewContext()) Assert.Equal(marks, await db.Marks.CountAsync());
    }
}
