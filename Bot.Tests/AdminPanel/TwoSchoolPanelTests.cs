using System.Net;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// Two schools in one installation (docs/architecture.md "Tenancy", ADR 0022): the staff of school A asking for a page or a change
/// by an id of school B get 403 or 404 and change nothing (school B's audit chain stays empty); the installation's
/// operator adds a school on "Школи інсталяції", whose director then signs in to their own school only.
/// </summary>
public sealed class TwoSchoolPanelTests
{
    /// <summary>School B (Tokyo) in the panel's database beside the test school, with a staff invite to revoke.</summary>
    private sealed record SchoolB(TestSchool S, Guid StaffInvite, Guid ParentInvite, Guid Holiday, Guid Assignment, Guid TimetableEntry, Guid DeadRow);

    private static async Task<SchoolB> SecondSchoolAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        var b = await TestSchool.CreateAsync(db, "Гімназія № 5 (тест)", TwoSchools.FarZone);
        var invites = new InviteService(db, b.Clock, new LinkingSettings());
        var staffInvite = (await invites.CreateAsync(Bot.Domain.Journal.Actor.System(), PersonKind.Staff, b.AlgebraTeacher.Id)).GetValueOrThrow();
        var parentInvite = (await invites.CreateAsync(Bot.Domain.Journal.Actor.System(), PersonKind.Guardian, b.IvanenkoMother.Id)).GetValueOrThrow();
        var holiday = await db.Holidays.Where(h => h.SchoolId == b.School.Id).Select(h => h.Id).FirstAsync();
        var assignment = await db.TeachingAssignments.Where(a => a.SchoolId == b.School.Id && a.ClassId == b.Class7A.Id).Select(a => a.Id).FirstAsync();
        var entry = await db.Timetable.Where(t => t.SchoolId == b.School.Id).Select(t => t.Id).FirstAsync();
        var dead = new Bot.Domain.Notifications.OutboxMessage(b.School.Id, "tenancy-test", Bot.Domain.Notifications.RecipientKind.Guardian, b.IvanenkoMother.Id,
            Bot.Domain.Notifications.NotificationKind.Announcement, "{}", TestSchool.Now.UtcDateTime, TestSchool.Now.UtcDateTime);
        dead.MarkDead("test");
        db.Outbox.Add(dead);
        await db.SaveChangesAsync();
        // TestSchool writes its rows directly: B's audit chain is empty until someone changes something in B.
        await db.AuditRecords.Where(r => r.SchoolId == b.School.Id).ExecuteDeleteAsync();
        return new SchoolB(b, staffInvite.Id, parentInvite.Id, holiday, assignment, entry, dead.Id);
    }

    [Fact]
    public async Task StaffOfSchoolA_AskingForSchoolBsRecords_Get403Or404_AndNothingChanges()
    {
        await using var app = await PanelApp.StartAsync();
        var second = await SecondSchoolAsync(app);
        var (b, staffInvite, holiday) = (second.S, second.StaffInvite, second.Holiday);
        var c = b.Class7A.Id;
        var a7 = app.School!.Class7A.Id; // A's own class, with one of B's records
        var g = b.EnglishGroup1.Id;
        var requests = new (string Method, string Url, (string, string)[] Form)[]
        {
            ("GET", $"/Roster/Class/{c}", []),
            ("POST", $"/Roster/Class/{c}?handler=Admit", [("Admit.LastName", "Нова"), ("Admit.FirstName", "Учениця")]),
            ("POST", $"/Roster/Class/{c}?handler=ClassTeacher&staffId={b.OtherTeacher.Id}", []),
            ("GET", $"/Roster/Student/{b.Ivanenko.Id}", []),
            ("POST", $"/Roster/Student/{b.Ivanenko.Id}?handler=Leave", [("Leave.Date", "2026-11-20")]),
            ("POST", $"/Roster/Student/{b.Ivanenko.Id}?handler=StudyMode&mode=Home", []),
            ("GET", $"/Roster/Guardian/{b.IvanenkoMother.Id}", []),
            ("POST", $"/Roster/Guardian/{b.IvanenkoMother.Id}?handler=Consent", [("Consent.Date", "2026-11-20")]),
            ("POST", $"/Roster/Staff?handler=Roles&staffId={b.AlgebraTeacher.Id}", [("roles", "Administrator")]),
            ("POST", $"/Roster/Staff?handler=Account&staffId={b.AlgebraTeacher.Id}", [("login", "intruder")]),
            ("POST", $"/Roster/Staff?handler=Deactivate&staffId={b.AlgebraTeacher.Id}", [("date", "2026-11-20")]),
            ("POST", $"/Roster/Staff?handler=Reset&staffId={b.AlgebraTeacher.Id}", []),
            ("POST", $"/Roster/Staff?handler=Reactivate&staffId={b.AlgebraTeacher.Id}", []),
            ("GET", $"/Invites/Class/{c}", []),
            ("POST", $"/Invites/Class/{c}?handler=Create", []),
            ("POST", $"/Invites/Staff?handler=Revoke&inviteId={staffInvite}", []),
            ("GET", $"/Journal/Grid/{c}/{b.Algebra.Id}", []),
            ("POST", $"/Journal/Grid/{c}/{b.Algebra.Id}?handler=Lesson", [("Lesson.Date", "2026-11-20"), ("Lesson.Number", "2"), ("Lesson.Topic", "Чужа тема")]),
            ("GET", $"/ClassTeacher/{c}", []),
            ("POST", $"/ClassTeacher/{c}?handler=Excursion", [("Excursion.Date", "2026-11-20"), ("Excursion.Form", "екскурсія"), ("Excursion.Topic", "Музей"), ("Excursion.TeacherId", b.ClassTeacher.Id.ToString())]),
            ("GET", $"/Print?handler=Report&studentId={b.Ivanenko.Id}&semester=1", []),
            ("GET", $"/Print?handler=Download&ClassId={c}&Period=2026-11&Format=csv-attendance", []),
            ("GET", $"/School/Assignments?classId={c}", []),
            ("POST", $"/School/Assignments?handler=Assign&classId={c}&teacherId={b.OtherTeacher.Id}&subjectId={b.Geometry.Id}", []),
            ("GET", $"/School/Timetable?classId={c}", []),
            ("POST", $"/School/Timetable?handler=Cell&classId={c}&editDay=Monday&editNumber=1&subjectId={b.Algebra.Id}&teacherId={b.AlgebraTeacher.Id}", []),
            ("POST", $"/School/Changes?handler=Cancel&date=2026-11-20&classId={c}&number=2&subjectId={b.Algebra.Id}", []),
            ("POST", $"/School/Year?handler=RemoveHoliday&holidayId={holiday}", []),
            ("POST", $"/Invites/Class/{a7}?handler=Revoke&inviteId={second.ParentInvite}", []),
            ("POST", $"/School/Assignments?handler=Unassign&classId={a7}&assignmentId={second.Assignment}", []),
            ("POST", $"/School/Assignments?handler=Members&classId={a7}&groupId={g}&studentIds={app.School.Ivanenko.Id}", []),
            ("POST", $"/School/Timetable?handler=Clear&classId={a7}&entryId={second.TimetableEntry}", []),
            ("POST", $"/Operations?handler=Retry&rowId={second.DeadRow}", []),
        };

        foreach (var login in new[] { "director", "deputy", "classteacher" })
        {
            var client = await app.SignInAsync(login);
            var token = await PanelApp.TokenAsync(client, "/Account/ChangePassword");
            var failures = new List<string>();
            foreach (var (method, url, form) in requests)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "POST") request.Content = PanelApp.Form(token, form);
                var response = await client.SendAsync(request);
                if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                    failures.Add($"{login} {method} {url}: {(int)response.StatusCode} {response.Headers.Location}");
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        // Nothing of B changed: every change is audited in its school's chain, and B's is still empty.
        await using var db = app.Database.NewContext();
        Assert.Empty(await db.AuditRecords.Where(r => r.SchoolId == b.School.Id).Select(r => r.EntityType + " " + r.Context).ToListAsync());
        Assert.Equal(2, await db.Invites.CountAsync(i => (i.Id == staffInvite || i.Id == second.ParentInvite) && i.RevokedAtUtc == null));
        Assert.True(await db.TeachingAssignments.AnyAsync(a => a.Id == second.Assignment));
        Assert.True(await db.Timetable.AnyAsync(t => t.Id == second.TimetableEntry && t.ValidTo == null));
        Assert.Equal(Bot.Domain.Notifications.OutboxState.Dead, (await db.Outbox.SingleAsync(o => o.Id == second.DeadRow)).State);
        Assert.DoesNotContain(app.School.Ivanenko.Id, (await db.Groups.Include(x => x.Members).SingleAsync(x => x.Id == g)).Members.Select(m => m.StudentId));
        var teacher = await db.Staff.SingleAsync(s => s.Id == b.AlgebraTeacher.Id);
        Assert.Equal((Bot.Domain.Roster.StaffRoles.Teacher, (DateOnly?)null), (teacher.Roles, teacher.DeactivatedOn));
        Assert.False(await db.Users.AnyAsync(u => u.StaffId == b.AlgebraTeacher.Id)); // no account made for B's teacher by A's director
    }

    [Fact]
    public async Task Director_SeesOnlyTheirSchool_InListsAndTheOverview()
    {
        await using var app = await PanelApp.StartAsync();
        var b = (await SecondSchoolAsync(app)).S;
        var director = await app.SignInAsync("director");
        var overview = await PanelApp.TextAsync(await director.GetAsync("/Overview"));
        Assert.Contains("Ліцей № 1 (тест)", overview);
        Assert.DoesNotContain(b.School.Name, overview);
        foreach (var url in new[] { "/Roster", "/Roster/Staff", "/Invites", "/Journal", "/Audit", "/School/Timetable", "/Print" })
        {
            var page = await PanelApp.TextAsync(await director.GetAsync(url));
            Assert.DoesNotContain(b.School.Name, page);
            Assert.DoesNotContain(b.Class7A.Id.ToString(), page);
            Assert.DoesNotContain(b.AlgebraTeacher.Id.ToString(), page);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/Schools")).StatusCode);
    }

    [Fact]
    public async Task Operator_AddsASchool_OnThePanel_ItsDirectorSignsIn_ToThatSchoolOnly()
    {
        await using var app = await PanelApp.StartAsync();
        var admin = await app.SignInAsync("admin", PanelApp.BootstrapPassword);
        var token = await PanelApp.TokenAsync(admin, "/Schools");

        // A wrong time zone: the message stands by its field and nothing is added.
        var refused = await PanelApp.TextAsync(await admin.PostAsync("/Schools?handler=Add", PanelApp.Form(token,
            ("NewSchool.Name", "Гімназія № 2"), ("NewSchool.TimeZone", "Europe/Kiyv"), ("NewSchool.Administrator", "Мороз Ганна Іванівна"), ("NewSchool.Login", "moroz"))));
        Assert.Contains("Невідомий часовий пояс «Europe/Kiyv»", refused);
        await using (var db = app.Database.NewContext()) Assert.Equal(1, await db.Schools.CountAsync());

        var added = await PanelApp.TextAsync(await admin.PostAsync("/Schools?handler=Add", PanelApp.Form(token,
            ("NewSchool.Name", "Гімназія № 2"), ("NewSchool.TimeZone", "Europe/Warsaw"), ("NewSchool.Administrator", "Мороз Ганна Іванівна"), ("NewSchool.Login", "moroz"))));
        Assert.Contains("Додано школу <strong>Гімназія № 2</strong> (Europe/Warsaw, 2026-2027)", added);
        var password = System.Text.RegularExpressions.Regex.Match(added, "class=\"one-time-password my-2\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(password);

        // The new director signs in with the one-time password (and is asked for their own), then sees their school alone.
        var director = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(director, "moroz", password)).StatusCode);
        var changeToken = await PanelApp.TokenAsync(director, "/Account/ChangePassword");
        var changed = await director.PostAsync("/Account/ChangePassword", PanelApp.Form(changeToken,
            ("Input.Current", password), ("Input.New", "новий-пароль-директора-1"), ("Input.Confirm", "новий-пароль-директора-1")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var overview = await PanelApp.TextAsync(await director.GetAsync("/Overview"));
        Assert.Contains("Гімназія № 2", overview);
        Assert.Contains("2026-2027", overview);
        Assert.DoesNotContain("Ліцей № 1 (тест)", overview);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/School/Year")).StatusCode);
        var roster = await PanelApp.TextAsync(await director.GetAsync("/Roster"));
        Assert.DoesNotContain("7-А", roster);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync($"/Roster/Class/{app.School!.Class7A.Id}")).StatusCode);
    }

    /// <summary>
    /// docs/operations.md "From a VPS": a fresh installation has no school; its operator signs in, finds the schools page, adds the
    /// first school, and that school's director signs in to it.
    /// </summary>
    [Fact]
    public async Task FreshInstallation_TheOperatorAddsTheFirstSchool_ItsDirectorSignsIn()
    {
        await using var app = await PanelApp.StartEmptyAsync(b => b.UseSetting("Admin:BootstrapPassword", PanelApp.BootstrapPassword));
        var admin = await app.SignInAsync("admin", PanelApp.BootstrapPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);
        var schools = await PanelApp.TextAsync(await admin.GetAsync("/Schools"));
        Assert.Contains("Додати школу", schools);

        var token = await PanelApp.TokenAsync(admin, "/Schools");
        var added = await PanelApp.TextAsync(await admin.PostAsync("/Schools?handler=Add", PanelApp.Form(token,
            ("NewSchool.Name", "Ліцей № 7"), ("NewSchool.TimeZone", "Europe/Kyiv"), ("NewSchool.Administrator", "Ткаченко Ірина Петрівна"), ("NewSchool.Login", "tkachenko"))));
        Assert.Contains("Додано школу <strong>Ліцей № 7</strong>", added);
        var password = System.Text.RegularExpressions.Regex.Match(added, "class=\"one-time-password my-2\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(password);
        await using (var db = app.Database.NewContext()) Assert.Equal("Ліцей № 7", (await db.Schools.SingleAsync()).Name);

        var director = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PanelApp.PostLoginAsync(director, "tkachenko", password)).StatusCode);
        var changeToken = await PanelApp.TokenAsync(director, "/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostAsync("/Account/ChangePassword", PanelApp.Form(changeToken,
            ("Input.Current", password), ("Input.New", "пароль-директорки-7"), ("Input.Confirm", "пароль-директорки-7")))).StatusCode);
        Assert.Contains("Ліцей № 7", await PanelApp.TextAsync(await director.GetAsync("/Overview")));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/Roster/Import")).StatusCode);
    }
}
