using System.Net;
using System.Text.Json;
using Bot.Domain.Timetable;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel.Journal;

/// <summary>
/// A substitute in the grid (J-9): the algebra teacher, recorded by the administration as 7-А English (I група)'s substitute
/// for today's third lesson, opens that page and records that lesson — the topic with «Заміна. …», a mark — and nothing
/// else: another date of the page, another subject of the class are refused.
/// </summary>
public sealed class SubstituteInTheGridTests
{
    [Fact]
    public async Task TheSubstitute_RecordsTheCoveredLesson_AndNothingElseOfTheClass()
    {
        // The school's clock on Friday 20.11.2026: the covered lesson is today's (marks of long-past lessons are the deputy's, M-2).
        await using var app = await PanelApp.StartAsync(b => b.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new ShiftedClock(TestSchool.Now))));
        var s = app.School!;
        var client = await app.SignInAsync("teacher");
        var url = $"/Journal/Grid/{s.Class7A.Id}/{s.English.Id}/{s.EnglishGroup1.Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode); // not theirs, no substitution yet

        await using (var db = app.Database.NewContext())
        {
            db.Add(DayChange.Substitution(s.School.Id, s.Class7A.Id, TestSchool.Today, 3, s.English.Id, s.EnglishGroup1.Id, s.AlgebraTeacher.Id,
                s.Deputy.Id, DateTime.UtcNow, null));
            await db.SaveChangesAsync();
        }

        var page = await PanelApp.TextAsync(await client.GetAsync(url));
        Assert.Contains("Ви заміняєте цей урок", page);
        Assert.Contains("value=\"2026-11-20\"", page);
        Assert.DoesNotContain("Lesson.AsSubstitute", page);
        var token = await PanelApp.TokenAsync(client, url);

        var recorded = await client.PostAsync(url + "?handler=Lesson", PanelApp.Form(token, ("Lesson.Date", "2026-11-20"), ("Lesson.Slot", "3"),
            ("Lesson.Topic", "Present Simple"), ("Lesson.Homework", "Впр. 4 на с. 31")));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Guid lessonId;
        await using (var db = app.Database.NewContext())
        {
            var lesson = await db.Lessons.SingleAsync(l => l.SubjectId == s.English.Id);
            Assert.Equal(("Present Simple", s.AlgebraTeacher.Id), (lesson.Topic, lesson.TeacherId));
            Assert.StartsWith("Заміна. ", lesson.SubstituteNote);
            lessonId = lesson.Id;
        }

        var mark = await client.PostAsync(url + "?handler=Cell", PanelApp.Form(token, ("StudentId", s.Ivanenko.Id.ToString()), ("Column", "Current"),
            ("LessonId", lessonId.ToString()), ("Text", "10")));
        Assert.True(mark.StatusCode == HttpStatusCode.OK, await mark.Content.ReadAsStringAsync());
        Assert.True(JsonDocument.Parse(await mark.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());

        // Another date of the page: refused, even ticked "as a substitute" by hand.
        foreach (var asSubstitute in new[] { "false", "true" })
        {
            var other = await PanelApp.TextAsync(await client.PostAsync(url + "?handler=Lesson", PanelApp.Form(token, ("Lesson.Date", "2026-11-19"), ("Lesson.Slot", "3"),
                ("Lesson.Topic", "Чужий урок"), ("Lesson.AsSubstitute", asSubstitute))));
            Assert.Contains("не ваш", other, StringComparison.OrdinalIgnoreCase);
        }

        await using (var db = app.Database.NewContext()) Assert.Equal(1, await db.Lessons.CountAsync(l => l.SubjectId == s.English.Id));
        // Another subject of the class: not opened.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Journal/Grid/{s.Class7A.Id}/{s.Ukrainian.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Journal/Grid/{s.Class7A.Id}/{s.English.Id}")).StatusCode);
    }
}
