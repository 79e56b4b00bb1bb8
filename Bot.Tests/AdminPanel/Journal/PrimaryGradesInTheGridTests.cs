using System.Net;
using System.Text.Json;
using Bot.Domain.Grading;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel.Journal;

/// <summary>
/// The primary grades in the panel (docs/rules.md N-14): the 3rd grade's reading page shows the "І семестр" column with
/// the levels' hint, the deputy saves a level there through the grid's save endpoint (with a reason: it is not her page); then she marks the subject on the
/// subjects page as assessed verbally in grades 3–4, the page lists it so, the grid's hint becomes "сформовано", and a level
/// sent to the endpoint is refused with the Ukrainian reason and changes nothing.
/// </summary>
public sealed class PrimaryGradesInTheGridTests
{
    [Fact]
    public async Task Deputy_SavesA3rdGradeSemesterLevel_ThenSwitchesTheSubjectToVerbal_AndALevelIsRefused_N14()
    {
        var (app, clock) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero)); // semester I's window (ADR 0033)
        var deputy = await app.SignInAsync("deputy");
        var url = $"/Journal/Grid/{s.Class3A.Id}/{s.Reading.Id}";

        var html = await PanelApp.TextAsync(await deputy.GetAsync(url + "?period=Semester1"));
        Assert.Contains("data-col=\"Semester1\"", html);
        Assert.DoesNotContain("data-col=\"Corrected1\"", html);
        Assert.Contains("П, С, Д, В, н, хв", html);
        Assert.DoesNotContain("id=\"add-column\"", html);   // no "Зошит", "Тематична", … to open in a primary grade
        Assert.Contains("id=\"add-column\"", await PanelApp.TextAsync(await deputy.GetAsync(JournalPanel.GridUrl(app) + "?period=Semester1")));

        var token = await PanelApp.TokenAsync(deputy, url);
        var saved = await deputy.PostAsync(url + "?handler=Cell",
            PanelApp.Form(token, ("StudentId", s.Primary.Id.ToString()), ("Column", "Semester1"), ("Text", "в"),
                ("Reason", "за поданням учителя")));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        await using (var db = app.Database.NewContext())
            Assert.Equal("В", (await db.Marks.SingleAsync(m => m.Column == MarkColumn.Semester1)).Value.Text);

        // The subjects page: the teachers' council chose verbal assessment for reading in grades 3–4.
        var subjects = "/School/Subjects";
        token = await PanelApp.TokenAsync(deputy, subjects + "?edit=" + s.Reading.Id);
        var post = await deputy.PostAsync(subjects + "?handler=Save", PanelApp.Form(token,
            ("Form.Id", s.Reading.Id.ToString()), ("Form.Name", "Літературне читання"), ("Form.Kind", "Regular"), ("Form.Aliases", ""),
            ("Form.IsLanguageOrLiterature", "true"), ("Form.Notebook", "NotApplicable"), ("Form.IsVerbalInGrades3To4", "true")));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var page = await PanelApp.TextAsync(await deputy.GetAsync(post.Headers.Location!.ToString()));
        Assert.Contains("Предмет «Літературне читання» збережено.", page);
        Assert.Contains("мова/література, 3–4 класи: вербальне оцінювання", page);

        html = await PanelApp.TextAsync(await deputy.GetAsync(url + "?period=Semester1"));
        Assert.Contains("сформовано (сф), н, хв", html);
        token = await PanelApp.TokenAsync(deputy, url);
        var refused = await deputy.PostAsync(url + "?handler=Cell",
            PanelApp.Form(token, ("StudentId", s.Primary.Id.ToString()), ("Column", "Semester1"), ("Text", "Д"),
                ("Reason", "за поданням учителя")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("«Д» не підходить: у 3 класі цей предмет оцінюють вербально, ставлять лише «сформовано».",
            JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        await using (var db = app.Database.NewContext())
        {
            Assert.Equal("В", (await db.Marks.SingleAsync(m => m.Column == MarkColumn.Semester1)).Value.Text);
            Assert.True((await db.Subjects.SingleAsync(x => x.Id == s.Reading.Id)).IsVerbalInGrades3To4);
        }
    }
}
