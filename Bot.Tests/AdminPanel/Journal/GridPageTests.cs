using System.Net;
using System.Text.Json;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel.Journal;

/// <summary>The grid page and its save endpoint over HTTP: who opens which page (403 otherwise), and what JournalService refuses.</summary>
public sealed class GridPageTests
{
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string gridUrl, params (string, string)[] fields)
    {
        var token = await PanelApp.TokenAsync(client, gridUrl);
        return await client.PostAsync(gridUrl + "?handler=Cell", PanelApp.Form(token, fields));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<Guid> LessonIdAsync(PanelApp app, DateOnly date)
    {
        await using var db = app.Database.NewContext();
        return await db.Lessons.Where(l => l.SubjectId == app.School!.Algebra.Id && l.Date == date).Select(l => l.Id).SingleAsync();
    }

    private static string Dump(PanelApp app) => string.Join("\n", app.Log.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)));

    [Fact]
    public async Task Grid_ShowsStudentsInListOrder_LessonsAndMarks_AndTheLessonsTopics()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var client = await app.SignInAsync("teacher");
        var response = await client.GetAsync(JournalPanel.GridUrl(app));
        var html = await PanelApp.TextAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Dump(app));
        // J-4: the list of the year's start alphabetically (Гнатюк, Іваненко, Петренко, Сидоренко), then the newcomer.
        var order = new[] { "Гнатюк Богдан", "Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія" }.Select(n => html.IndexOf(n, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains("16.11", html);
        Assert.Contains("Тема 2. Одночлени й многочлени", html);
        Assert.Contains("§ 4, № 101", html);
        Assert.Contains("value=\"9\"", html);
        Assert.Contains("І семестр", html);
        Assert.Contains($"action=\"{JournalPanel.GridUrl(app)}?handler=Lesson\"", html);
        Assert.Contains($"data-url=\"{JournalPanel.GridUrl(app)}?handler=Cell\"", html);
        Assert.Contains("?handler=Cell", html);
    }

    [Fact]
    public async Task Teacher_RecordsTodaysLesson_ButNotTomorrows()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var client = await app.SignInAsync("teacher");
        var url = JournalPanel.GridUrl(app);
        var token = await PanelApp.TokenAsync(client, url);
        var ok = await client.PostAsync(url + "?handler=Lesson", PanelApp.Form(token, ("Lesson.Date", "2026-11-20"), ("Lesson.Slot", "2"), ("Lesson.Topic", "Квадрат суми"), ("Lesson.ThemeTitle", ""), ("Lesson.Homework", "§ 5, № 120, 121"), ("Lesson.AsSubstitute", "false")));
        Assert.True(ok.StatusCode == HttpStatusCode.Redirect, $"{ok.StatusCode} {Dump(app)}");
        var after = await client.GetAsync(ok.Headers.Location);
        Assert.True(after.StatusCode == HttpStatusCode.OK, $"{after.StatusCode} {Dump(app)}");
        Assert.Contains("Урок 20.11.2026 (№3) записано.", await PanelApp.TextAsync(after));
        var tomorrow = await client.PostAsync(url + "?handler=Lesson", PanelApp.Form(token, ("Lesson.Date", "2026-11-21"), ("Lesson.Slot", "2"), ("Lesson.Topic", "Наперед")));
        Assert.Equal(HttpStatusCode.OK, tomorrow.StatusCode);
        Assert.Contains("наперед не можна", await PanelApp.TextAsync(tomorrow));
        await using var db = app.Database.NewContext();
        Assert.Equal(3, await db.Lessons.CountAsync(l => l.SubjectId == app.School!.Algebra.Id && l.ClassId == app.School.Class7A.Id));
    }

    [Fact]
    public async Task PagesOutsideOnesRights_Are403_ForTheGridAndItsSaveEndpoint()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        var teacher = await app.SignInAsync("teacher");
        var english = $"/Journal/Grid/{s.Class7A.Id}/{s.English.Id}/{s.EnglishGroup1.Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync(english)).StatusCode);
        var token = await PanelApp.TokenAsync(teacher, JournalPanel.GridUrl(app));
        var lesson = await LessonIdAsync(app, JournalPanel.Wednesday);
        var post = await teacher.PostAsync(english + "?handler=Cell", PanelApp.Form(token, ("StudentId", s.Ivanenko.Id.ToString()), ("Column", "Current"), ("LessonId", lesson.ToString()), ("Text", "10")));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        var classTeacher = await app.SignInAsync("classteacher");
        Assert.Equal(HttpStatusCode.OK, (await classTeacher.GetAsync(english)).StatusCode); // their class: every subject page
        Assert.Equal(HttpStatusCode.Forbidden, (await classTeacher.GetAsync($"/Journal/Grid/{s.Class3A.Id}/{s.Reading.Id}")).StatusCode);
        var list = await PanelApp.TextAsync(await teacher.GetAsync("/Journal"));
        Assert.Contains("11-А", list);
        Assert.DoesNotContain("Англійська мова", list);
        await using var db = app.Database.NewContext();
        Assert.False(await db.Marks.AnyAsync(m => m.SubjectId == s.English.Id));
    }

    [Fact]
    public async Task SaveEndpoint_SavesThroughTheJournal_AndAnswersItsRefusalsInUkrainian()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        var url = JournalPanel.GridUrl(app);
        var wednesday = (await LessonIdAsync(app, JournalPanel.Wednesday)).ToString();
        var teacher = await app.SignInAsync("teacher");

        var saved = await SaveAsync(teacher, url, ("StudentId", s.Sydorenko.Id.ToString()), ("Column", "Current"), ("LessonId", wednesday), ("Text", " 11 "));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("11", (await JsonAsync(saved)).GetProperty("text").GetString());

        // M-1: a 13 in grade 7 is the journal's refusal, and nothing changes.
        var thirteen = await SaveAsync(teacher, url, ("StudentId", s.Sydorenko.Id.ToString()), ("Column", "Current"), ("LessonId", wednesday), ("Text", "13"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, thirteen.StatusCode);
        Assert.Contains("12", (await JsonAsync(thirteen)).GetProperty("error").GetString());
        // J-7: a thematic mark dated tomorrow.
        var future = await SaveAsync(teacher, url, ("StudentId", s.Sydorenko.Id.ToString()), ("Column", "Thematic"), ("Date", "2026-11-21"), ("Text", "9"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Contains("наперед не можна", (await JsonAsync(future)).GetProperty("error").GetString());
        // Today's thematic mark for a student with parents: their alert is written with it.
        var thematic = await SaveAsync(teacher, url, ("StudentId", s.Ivanenko.Id.ToString()), ("Column", "Thematic"), ("Date", "2026-11-20"), ("Text", "10"));
        Assert.Equal(HttpStatusCode.OK, thematic.StatusCode);

        // A deputy's correction of someone else's journal needs a reason; with one, it is saved and audited with it.
        var deputy = await app.SignInAsync("deputy");
        var noReason = await SaveAsync(deputy, url, ("StudentId", s.Sydorenko.Id.ToString()), ("Column", "Current"), ("LessonId", wednesday), ("Text", "10"));
        Assert.Equal("auth.reason_required", (await JsonAsync(noReason)).GetProperty("code").GetString());
        var withReason = await SaveAsync(deputy, url, ("StudentId", s.Sydorenko.Id.ToString()), ("Column", "Current"), ("LessonId", wednesday), ("Text", "10"), ("Reason", "Помилка під час перенесення з паперу"));
        Assert.Equal(HttpStatusCode.OK, withReason.StatusCode);

        await using var db = app.Database.NewContext();
        var mark = await db.Marks.SingleAsync(m => m.StudentId == s.Sydorenko.Id && m.SubjectId == s.Algebra.Id);
        Assert.Equal(10, mark.Value.Points);
        Assert.False(await db.Marks.AnyAsync(m => m.Column == MarkColumn.Thematic && m.StudentId == s.Sydorenko.Id));
        var thematicMark = await db.Marks.SingleAsync(m => m.Column == MarkColumn.Thematic && m.StudentId == s.Ivanenko.Id);
        Assert.Equal(2, await db.Outbox.CountAsync(o => o.SourceId == thematicMark.Id)); // mother and father, written with the change
        var audit = await db.AuditRecords.Where(r => r.EntityId == mark.Id).InWrittenOrder().ToListAsync();
        Assert.Equal([("11", Channel.Web, (string?)null), ("10", Channel.Web, "Помилка під час перенесення з паперу")],
            audit.Select(r => (r.NewValue!, r.Channel, r.Reason)).ToList());
    }

    [Fact]
    public async Task ClassTeacher_TurnsNIntoKhv_OnAnotherTeachersPage_ButMayNotMark()
    {
        var (app, _) = await JournalPanel.StartAsync();
        await using var _app = app;
        var s = app.School!;
        var url = JournalPanel.GridUrl(app);
        var wednesday = (await LessonIdAsync(app, JournalPanel.Wednesday)).ToString();
        var classTeacher = await app.SignInAsync("classteacher");
        var flipped = await SaveAsync(classTeacher, url, ("StudentId", s.Petrenko.Id.ToString()), ("Column", "Current"), ("LessonId", wednesday), ("Text", "хв"));
        Assert.Equal(HttpStatusCode.OK, flipped.StatusCode);
        Assert.Equal("хв", (await JsonAsync(flipped)).GetProperty("text").GetString());
        var mark = await SaveAsync(classTeacher, url, ("StudentId", s.Ivanenko.Id.ToString()), ("Column", "Current"), ("LessonId", wednesday), ("Text", "12"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mark.StatusCode);
        Assert.Contains("не ваш клас або предмет", (await JsonAsync(mark)).GetProperty("error").GetString());
    }
}
