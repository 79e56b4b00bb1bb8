using System.Net;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>The school's setup pages through HTTP: bad input answered by its field in Ukrainian and nothing saved; a teacher's own timetable.</summary>
public sealed class SchoolPagesTests
{
    private static string FieldMessage(string html, string field) =>
        System.Text.RegularExpressions.Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{System.Text.RegularExpressions.Regex.Escape(field)}\"[^>]*>([^<]*)</span>").Groups[1].Value.Trim();

    [Fact]
    public async Task Bells_OutOfOrder_AreRefusedByTheirRow_AndNothingIsSaved()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var token = await PanelApp.TokenAsync(client, "/School/Year");
        var response = await client.PostAsync("/School/Year?handler=Bells", PanelApp.Form(token,
            ("Bells[0].Number", "1"), ("Bells[0].Starts", "08:30"), ("Bells[0].Ends", "09:15"),
            ("Bells[1].Number", "2"), ("Bells[1].Starts", "09:00"), ("Bells[1].Ends", "09:45"),
            ("Bells[2].Number", "3"), ("Bells[2].Starts", "10:00"), ("Bells[2].Ends", "")));
        var html = await PanelApp.TextAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Вкажіть і початок, і кінець уроку (або залиште обидва порожніми).", FieldMessage(html, "Bells[2].Starts"));
        response = await client.PostAsync("/School/Year?handler=Bells", PanelApp.Form(token,
            ("Bells[0].Number", "1"), ("Bells[0].Starts", "08:30"), ("Bells[0].Ends", "09:15"),
            ("Bells[1].Number", "2"), ("Bells[1].Starts", "09:00"), ("Bells[1].Ends", "09:45")));
        Assert.Equal("Урок 2 починається о 09:00, раніше, ніж закінчується урок 1 (09:15).", FieldMessage(await PanelApp.TextAsync(response), "Bells[1].Starts"));
        await using var db = app.Database.NewContext();
        Assert.Equal(0, await db.BellSlots.CountAsync());

        var saved = await client.PostAsync("/School/Year?handler=Bells", PanelApp.Form(token,
            ("Bells[0].Number", "1"), ("Bells[0].Starts", "08:30"), ("Bells[0].Ends", "09:15"),
            ("Bells[1].Number", "2"), ("Bells[1].Starts", "09:25"), ("Bells[1].Ends", "10:10")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await db.BellSlots.CountAsync());
    }

    [Fact]
    public async Task TimetableCell_TeacherInTwoPlaces_IsRefusedNextToTheTeacher()
    {
        await using var app = await PanelApp.StartAsync();
        var s = app.School!;
        var client = await app.SignInAsync("director");
        var url = $"/School/Timetable?classId={s.Class11A.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        var response = await client.PostAsync($"/School/Timetable?handler=Cell&classId={s.Class11A.Id}", PanelApp.Form(token,
            ("editDay", "Friday"), ("editNumber", "2"), ("subjectId", s.Geometry.Id.ToString()), ("teacherId", s.AlgebraTeacher.Id.ToString()),
            ("groupId", ""), ("from", "2026-11-20")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("уже веде «Алгебра» у 7-А: учитель не може бути у двох місцях одночасно", FieldMessage(await PanelApp.TextAsync(response), "teacherId"));
        await using var db = app.Database.NewContext();
        Assert.Equal(0, await db.Timetable.CountAsync(t => t.ClassId == s.Class11A.Id));
    }

    [Fact]
    public async Task Teacher_SeesTheirOwnWeek_ReadOnly_AndNotAClassGrid()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("teacher"); // the algebra teacher: 7-А algebra on Fridays, lesson 2
        var html = await PanelApp.TextAsync(await client.GetAsync("/School/Timetable?week=2026-11-16"));
        Assert.Contains("Мій розклад", html);
        Assert.Contains("7-А · Алгебра", html);
        Assert.DoesNotContain("Зберегти клітинку", html);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/School/Timetable?classId={app.School!.Class7A.Id}")).StatusCode);
    }

    [Fact]
    public async Task Substitution_WithABusyTeacher_IsRefusedByTheLesson_AndNothingIsRecorded()
    {
        await using var app = await PanelApp.StartAsync();
        var s = app.School!;
        var client = await app.SignInAsync("deputy");
        var url = $"/School/Changes?date=2026-11-27&classId={s.Class7A.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        // The algebra teacher is the lesson's own teacher: refused next to the lesson's form.
        var response = await client.PostAsync("/School/Changes?handler=Substitute", PanelApp.Form(token,
            ("date", "2026-11-27"), ("classId", s.Class7A.Id.ToString()), ("number", "2"), ("subjectId", s.Algebra.Id.ToString()), ("groupId", ""),
            ("substituteId", s.AlgebraTeacher.Id.ToString()), ("note", "")));
        var html = await PanelApp.TextAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Це вчитель цього ж уроку: оберіть іншого.", html);
        await using var db = app.Database.NewContext();
        Assert.Equal(0, await db.DayChanges.CountAsync());

        var ok = await client.PostAsync("/School/Changes?handler=Substitute", PanelApp.Form(token,
            ("date", "2026-11-27"), ("classId", s.Class7A.Id.ToString()), ("number", "2"), ("subjectId", s.Algebra.Id.ToString()), ("groupId", ""),
            ("substituteId", s.OtherTeacher.Id.ToString()), ("note", "")));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var change = await db.DayChanges.SingleAsync();
        Assert.Equal((DayChangeKind.Substitution, s.OtherTeacher.Id), (change.Kind, change.TeacherId!.Value));
    }
}
