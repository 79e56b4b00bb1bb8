using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel.Journal;

/// <summary>
/// The remark form (J-13) refuses, in Ukrainian and writing nothing, a remark of only invisible characters and a remark
/// on a journal that does not exist (a subject not taught in the class).
/// </summary>
public sealed class RemarkFormTests
{
    private static (string, string)[] Form(Guid classId, Guid? subjectId, string text) =>
        [("Input.ClassId", classId.ToString()), ("Input.SubjectId", subjectId?.ToString() ?? ""), ("Input.Text", text)];

    private static async Task<int> RemarksAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        return await db.Remarks.CountAsync() + await db.AuditRecords.CountAsync(r => r.EntityType == "Remark");
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u00A0\u2060\uFEFF\u00AD")]
    public async Task RemarkOfOnlyInvisibleCharacters_IsRefused_AndNothingIsWritten(string text)
    {
        await using var app = await PanelApp.StartAsync();
        var deputy = await app.SignInAsync("deputy");
        var token = await PanelApp.TokenAsync(deputy, "/Journal/Remarks");
        var response = await deputy.PostAsync("/Journal/Remarks?handler=Write", PanelApp.Form(token, Form(app.School!.Class7A.Id, app.School.Algebra.Id, text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Зауваження не може бути порожнім: напишіть текст, який можна прочитати.", await PanelApp.TextAsync(response));
        Assert.Equal(0, await RemarksAsync(app));

        var written = await deputy.PostAsync("/Journal/Remarks?handler=Write", PanelApp.Form(token, Form(app.School.Class7A.Id, app.School.Algebra.Id, "\u200BНе записано тему уроку 16.11.\u200B")));
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.Equal("Не записано тему уроку 16.11.", (await db.Remarks.SingleAsync()).Text);
    }

    [Fact]
    public async Task RemarkOnAJournalThatDoesNotExist_IsRefused_AndNothingIsWritten()
    {
        await using var app = await PanelApp.StartAsync();
        var s = app.School!;
        var deputy = await app.SignInAsync("deputy");
        var token = await PanelApp.TokenAsync(deputy, "/Journal/Remarks");
        // Geometry is taught in 11-А only: there is no "7-А · Геометрія" journal.
        var response = await deputy.PostAsync("/Journal/Remarks?handler=Write", PanelApp.Form(token, Form(s.Class7A.Id, s.Geometry.Id, "Не записано тему уроку.")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Журналу «7-А · {s.Geometry.Name}» немає: у 7-А цей предмет не викладають.", await PanelApp.TextAsync(response));
        Assert.Equal(0, await RemarksAsync(app));

        // The class's own sections (no subject) and a subject taught in the class are journals.
        Assert.Equal(HttpStatusCode.Redirect, (await deputy.PostAsync("/Journal/Remarks?handler=Write", PanelApp.Form(token, Form(s.Class7A.Id, null, "Немає інструктажу.")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await deputy.PostAsync("/Journal/Remarks?handler=Write", PanelApp.Form(token, Form(s.Class11A.Id, s.Geometry.Id, "Немає тем.")))).StatusCode);
        Assert.Equal(4, await RemarksAsync(app)); // two remarks and their audit records
    }
}
