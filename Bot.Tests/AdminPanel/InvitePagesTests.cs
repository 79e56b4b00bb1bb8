using System.Net;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Tests.Printing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The invites pages through HTTP: a class's codes for parents and students, people already linked left out
/// unless asked (and named), the PDF sheet, who is linked where and last seen, revoking; rights per class.
/// </summary>
public sealed class InvitePagesTests
{
    private const string Bot = "school_test_bot";

    private static Task<PanelApp> StartAsync(bool kestrel = false) => PanelApp.StartAsync(b =>
    {
        b.UseSetting("Telegram:BotUsername", Bot);
        b.UseSetting("Viber:ChatUri", "schooljournal");
        b.UseSetting("Host:Roles", "admin");
    }, kestrel);

    /// <summary>Іваненко Галина (Олег's mother) linked in Telegram since 10.11.2026, last seen 19.11.2026 14:05 Kyiv time.</summary>
    internal static async Task<Invite> LinkMotherAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        var mother = app.School!.IvanenkoMother;
        var invite = new Invite(app.School.School.Id, PersonKind.Guardian, mother.Id, new DateTime(2026, 11, 9, 9, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(30), null);
        var link = new ChatLink(app.School.School.Id, Channel.Telegram, "5551", "5551", PersonKind.Guardian, mother.Id, invite.Id, new DateTime(2026, 11, 10, 9, 0, 0, DateTimeKind.Utc));
        link.Seen(new DateTime(2026, 11, 19, 12, 5, 0, DateTimeKind.Utc));
        db.AddRange(invite, new InviteRedemption(invite.Id, Channel.Telegram, "5551", link.LinkedAtUtc), link);
        await db.SaveChangesAsync();
        return invite;
    }

    [Fact]
    public async Task ClassTeacher_CreatesTheParentsCodes_TheLinkedMotherGetsNone_AndThePageSaysSo_UnlessAsked()
    {
        await using var app = await StartAsync();
        var spent = await LinkMotherAsync(app);
        var client = await app.SignInAsync("classteacher");
        var url = $"/Invites/Class/{app.School!.Class7A.Id}";
        var token = await PanelApp.TokenAsync(client, url);

        var created = await client.PostAsync(url + "?handler=Create", PanelApp.Form(token, ("audience", "Parents")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var html = await PanelApp.TextAsync(await client.GetAsync(created.Headers.Location!.OriginalString));
        Assert.Contains("Уже приєднані й нових кодів не отримали (1): Іваненко Галина", html);
        await using (var db = app.Database.NewContext())
        {
            Assert.Equal([spent.Id], await db.Invites.Where(i => i.PersonId == app.School.IvanenkoMother.Id).Select(i => i.Id).ToListAsync());
            var father = await db.Invites.SingleAsync(i => i.PersonId == app.School.IvanenkoFather.Id);
            Assert.Contains(father.Code, html);
            Assert.Contains($"https://t.me/{Bot}?start={father.Code}", html);
            Assert.Contains($"viber://pa?chatURI=schooljournal&amp;context={father.Code}", await (await client.GetAsync(url)).Content.ReadAsStringAsync());
        }

        // Who is linked, where, since when and last seen (school time, Kyiv = UTC+2 in November).
        Assert.Contains("з 10.11.2026", html);
        Assert.Contains("востаннє: 19.11.2026 14:05", html);

        // Asked to: the linked mother gets a fresh code for a second phone.
        var again = await client.PostAsync(url + "?handler=Create", PanelApp.Form(token, ("audience", "Parents"), ("reissueLinked", "true")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.DoesNotContain("Уже приєднані", await PanelApp.TextAsync(await client.GetAsync(again.Headers.Location!.OriginalString)));
        await using var check = app.Database.NewContext();
        Assert.Equal(2, await check.Invites.CountAsync(i => i.PersonId == app.School.IvanenkoMother.Id));
    }

    [Fact]
    public async Task Sheet_IsAPdfOfTheClassesGuardians_WithTheirChildrenCodesAndLinks()
    {
        await using var app = await StartAsync();
        var client = await app.SignInAsync("deputy");
        var url = $"/Invites/Class/{app.School!.Class7A.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        var response = await client.PostAsync(url + "?handler=Sheet", PanelApp.Form(token, ("audience", "Parents")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("7-А", response.Content.Headers.ContentDisposition?.FileNameStar);

        var file = Path.Combine(Path.GetTempPath(), $"sheet-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        try
        {
            var text = await InviteSheetTests.RunAsync("pdftotext", file, "-");
            await using var db = app.Database.NewContext();
            var guardians = await db.Invites.Where(i => i.Kind == PersonKind.Guardian)
                .Join(db.Guardians, i => i.PersonId, g => g.Id, (i, g) => new { i.Code, g.LastName, g.FirstName }).ToListAsync();
            Assert.Equal(2, guardians.Count); // Олег's mother and father: the test school's only guardians
            foreach (var g in guardians)
            {
                Assert.Contains($"{g.LastName} {g.FirstName}", text);
                Assert.Contains($"https://t.me/{Bot}?start={g.Code}", text);
                Assert.Contains($"viber://pa?chatURI=schooljournal&context={g.Code}", text);
            }

            Assert.Contains("Дитина: Іваненко Олег", text);
            Assert.Matches(@"Pages:\s+1\b", await InviteSheetTests.RunAsync("pdfinfo", file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Revoke_StopsTheCode_IsAudited_AndShown()
    {
        await using var app = await StartAsync();
        var client = await app.SignInAsync("deputy");
        var url = $"/Invites/Class/{app.School!.Class7A.Id}?audience=Students";
        var token = await PanelApp.TokenAsync(client, url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(url + "&handler=Create", PanelApp.Form(token))).StatusCode);
        Guid id;
        string code;
        await using (var db = app.Database.NewContext())
            (id, code) = await db.Invites.Where(i => i.PersonId == app.School.Ivanenko.Id).Select(i => ValueTuple.Create(i.Id, i.Code)).SingleAsync();

        var revoked = await client.PostAsync($"/Invites/Class/{app.School.Class7A.Id}?handler=Revoke&audience=Students&inviteId={id}", PanelApp.Form(token));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var html = await PanelApp.TextAsync(await client.GetAsync(revoked.Headers.Location!.OriginalString));
        Assert.Contains($"Запрошення з кодом {InviteCode.Display(code)} відкликано", html);
        Assert.Contains("відкликано " + TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Kyiv").ToString("dd.MM.yyyy"), html);
        await using var check = app.Database.NewContext();
        Assert.NotNull((await check.Invites.SingleAsync(i => i.Id == id)).RevokedAtUtc);
        Assert.True(await check.AuditRecords.AnyAsync(a => a.EntityId == id && a.NewValue == "відкликано" && a.Channel == Channel.Web));
    }

    [Fact]
    public async Task ClassTeacher_IsRefusedAnotherClass_AndATeacherEveryInvitePage()
    {
        await using var app = await StartAsync();
        var classTeacher = await app.SignInAsync("classteacher");
        var other = $"/Invites/Class/{app.School!.Class3A.Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await classTeacher.GetAsync(other)).StatusCode);
        var token = await PanelApp.TokenAsync(classTeacher, $"/Invites/Class/{app.School.Class7A.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await classTeacher.PostAsync(other + "?handler=Create", PanelApp.Form(token))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await classTeacher.PostAsync(other + "?handler=Sheet", PanelApp.Form(token))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await classTeacher.GetAsync("/Invites/Staff")).StatusCode);
        var list = await PanelApp.TextAsync(await classTeacher.GetAsync("/Invites"));
        Assert.Contains("7-А", list);
        Assert.DoesNotContain("3-А", list);
        await using (var db = app.Database.NewContext())
            Assert.Equal(0, await db.Invites.CountAsync()); // nothing made by the refused requests

        var teacher = await app.SignInAsync("teacher");
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/Invites")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync($"/Invites/Class/{app.School.Class7A.Id}")).StatusCode);
    }

    [Fact]
    public async Task StaffInvites_OneCodePerStaffMember_ReusedOnASecondPress()
    {
        await using var app = await StartAsync();
        var client = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(client, "/Invites/Staff");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/Invites/Staff?handler=Create", PanelApp.Form(token))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/Invites/Staff?handler=Create", PanelApp.Form(token))).StatusCode);
        await using var db = app.Database.NewContext();
        var staff = await db.Staff.CountAsync(s => s.SchoolId == app.School!.School.Id);
        Assert.Equal(staff, await db.Invites.CountAsync(i => i.Kind == PersonKind.Staff));
        var html = await PanelApp.TextAsync(await client.GetAsync("/Invites/Staff"));
        Assert.Contains("Гребенюк Олена Андріївна", html);
        Assert.Contains("не використано", html);
    }

    [Fact]
    public async Task DeactivatedStaffMember_TheirChatIsClosed_AndTheirCodeRevoked_OnTheStaffInvitesPage()
    {
        await using var app = await StartAsync();
        var director = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(director, "/Invites/Staff");
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Invites/Staff?handler=Create", PanelApp.Form(token))).StatusCode);
        var other = app.School!.OtherTeacher;
        await using (var db = app.Database.NewContext())
        {
            var invite = await db.Invites.SingleAsync(i => i.PersonId == other.Id);
            var second = new Invite(app.School.School.Id, PersonKind.Staff, other.Id, DateTime.UtcNow, TimeSpan.FromDays(30), null);
            db.AddRange(second, new InviteRedemption(invite.Id, Channel.Telegram, "9001", DateTime.UtcNow),
                new ChatLink(app.School.School.Id, Channel.Telegram, "9001", "9001", PersonKind.Staff, other.Id, invite.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var staffToken = await PanelApp.TokenAsync(director, "/Roster/Staff");
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Roster/Staff?handler=Deactivate", PanelApp.Form(staffToken, ("staffId", other.Id.ToString())))).StatusCode);

        await using var check = app.Database.NewContext();
        var link = await check.ChatLinks.SingleAsync(l => l.PersonId == other.Id);
        Assert.Equal((false, "deactivated"), (link.IsActive, link.DeactivationReason));
        Assert.All(await check.Invites.Where(i => i.PersonId == other.Id).ToListAsync(), i => Assert.NotNull(i.RevokedAtUtc));
        var html = await PanelApp.TextAsync(await director.GetAsync("/Invites/Staff"));
        var row = html[html.IndexOf($"data-person=\"{other.FullName}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("обліковий запис вимкнено", row);
        Assert.DoesNotContain("відкликати", row); // no live code left
    }

    [Fact]
    public async Task AnUnknownAudience_IsRefusedWithAMessage_AndMakesNothing()
    {
        await using var app = await StartAsync();
        var client = await app.SignInAsync("deputy");
        var url = $"/Invites/Class/{app.School!.Class7A.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        foreach (var handler in new[] { "Create", "Sheet" })
        {
            var response = await client.PostAsync($"{url}?handler={handler}", PanelApp.Form(token, ("audience", "Teachers")));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("Оберіть, для кого запрошення: для батьків чи для учнів. Нічого не створено.",
                await PanelApp.TextAsync(await client.GetAsync(response.Headers.Location!.OriginalString)));
        }

        await using var db = app.Database.NewContext();
        Assert.Equal(0, await db.Invites.CountAsync());
    }
}
