using System.Net;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// "Оголошення": who may write to whom (a class teacher to their own class only; the administration to a grade or the
/// school), one outbox row per guardian written with the announcement, bad input refused in Ukrainian, and the list's
/// counts read from the outbox rows.
/// </summary>
public sealed class AnnouncementsPageTests
{
    private static (string, string)[] Form(AnnouncementAudience audience, Guid? classId = null, int? grade = null, string text = "Завтра уроки скорочені до 35 хвилин.", bool urgent = false) =>
    [
        ("Form.Audience", audience.ToString()), ("Form.ClassId", classId?.ToString() ?? ""), ("Form.Grade", grade?.ToString() ?? ""),
        ("Form.Text", text), ("Form.Urgent", urgent ? "true" : "false"),
    ];

    /// <summary>A guardian for the 3-А pupil too, so a class, a grade and the school differ.</summary>
    private static async Task<Guardian> PrimaryParentAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        var parent = new Guardian(app.School!.School.Id, "Ґудзь", "Ірина");
        db.Add(parent);
        db.Add(new GuardianStudent(parent.Id, app.School.Primary.Id, "мати"));
        await db.SaveChangesAsync();
        return parent;
    }

    private static async Task<List<OutboxMessage>> RowsAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        return await db.Outbox.AsNoTracking().Where(o => o.Kind == NotificationKind.Announcement).ToListAsync();
    }

    [Fact]
    public async Task ClassTeacher_WritesToTheirClass_OneRowPerGuardian_AndIsRefusedAnotherClass()
    {
        await using var app = await PanelApp.StartAsync();
        var parent3A = await PrimaryParentAsync(app);
        var teacher = await app.SignInAsync("classteacher");
        var page = await PanelApp.TextAsync(await teacher.GetAsync("/Announcements"));
        Assert.Contains("7-А", page);
        Assert.DoesNotContain("батькам усієї школи", page); // not a class teacher's choice

        var token = await PanelApp.TokenAsync(teacher, "/Announcements");
        var other = await teacher.PostAsync("/Announcements", PanelApp.Form(token, Form(AnnouncementAudience.Class, app.School!.Class3A.Id)));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var school = await teacher.PostAsync("/Announcements", PanelApp.Form(token, Form(AnnouncementAudience.School)));
        Assert.Equal(HttpStatusCode.Forbidden, school.StatusCode);
        Assert.Empty(await RowsAsync(app));

        var posted = await teacher.PostAsync("/Announcements", PanelApp.Form(token, Form(AnnouncementAudience.Class, app.School.Class7A.Id)));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var rows = await RowsAsync(app);
        Assert.Equal(new[] { app.School.IvanenkoMother.Id, app.School.IvanenkoFather.Id }.Order(), rows.Select(r => r.RecipientId).Order());
        Assert.DoesNotContain(rows, r => r.RecipientId == parent3A.Id);
        Assert.All(rows, r => Assert.Equal(OutboxPriority.Digest, r.Priority));
        Assert.Contains("Шевчук Н. О., класний керівник 7-А", rows[0].Payload);

        var list = await PanelApp.TextAsync(await teacher.GetAsync("/Announcements"));
        Assert.Contains("Завтра уроки скорочені до 35 хвилин.", list);
        Assert.Matches(@"<td class=""text-end ok"">0</td>\s*<td class=""text-end"">2</td>", list); // two waiting, none delivered yet
    }

    [Fact]
    public async Task Deputy_WritesToTheWholeSchool_Urgently_AndTheListCountsDelivered()
    {
        await using var app = await PanelApp.StartAsync();
        var parent3A = await PrimaryParentAsync(app);
        var deputy = await app.SignInAsync("deputy");
        var token = await PanelApp.TokenAsync(deputy, "/Announcements");
        var posted = await deputy.PostAsync("/Announcements", PanelApp.Form(token, Form(AnnouncementAudience.School, text: "Повітряна тривога: учні в укритті.", urgent: true)));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var rows = await RowsAsync(app);
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.RecipientId == parent3A.Id);
        Assert.All(rows, r => Assert.Equal(OutboxPriority.Urgent, r.Priority));
        await using (var db = app.Database.NewContext())
        {
            // As the sender records them: one sent, one dead (the chat gone).
            await db.Outbox.Where(o => o.RecipientId == parent3A.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sent));
            await db.Outbox.Where(o => o.RecipientId == app.School!.IvanenkoFather.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Dead));
        }

        var list = await PanelApp.TextAsync(await deputy.GetAsync("/Announcements"));
        Assert.Contains("уся школа", list);
        Assert.Contains("термінове", list);
        Assert.Matches(@"<td class=""text-end ok"">1</td>\s*<td class=""text-end"">1</td>\s*<td class=""text-end bad"">1</td>", list);
    }

    [Fact]
    public async Task EmptyOrTooLongText_IsRefused_NextToTheField_AndNothingIsWritten()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(director, "/Announcements");
        var empty = await PanelApp.TextAsync(await director.PostAsync("/Announcements", PanelApp.Form(token, Form(AnnouncementAudience.Grade, grade: 7, text: "   "))));
        Assert.Contains("Напишіть текст оголошення.", empty);
        var tooLong = await PanelApp.TextAsync(await director.PostAsync("/Announcements", PanelApp.Form(token, Form(AnnouncementAudience.Grade, grade: 7, text: new string('а', 3001)))));
        Assert.Contains("Оголошення — до 3000 символів (зараз 3001).", tooLong);
        var noGrade = await PanelApp.TextAsync(await director.PostAsync("/Announcements", PanelApp.Form(token, Form(AnnouncementAudience.Grade, grade: 9))));
        Assert.Contains("Оберіть паралель, у якій є класи.", noGrade);
        Assert.Empty(await RowsAsync(app));
        await using var db = app.Database.NewContext();
        Assert.Empty(await db.Announcements.ToListAsync());
    }
}
