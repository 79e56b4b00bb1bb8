using System.Net;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>The roster pages through HTTP as a person uses them: the list in J-4 order, arrivals, leaving, study mode, guardians, consent, staff.</summary>
public sealed class RosterPagesTests
{
    private static int IndexOf(string html, string text) => html.IndexOf(text, html.IndexOf("<tbody>", StringComparison.Ordinal), StringComparison.Ordinal);

    /// <summary>The validation message shown next to a field.</summary>
    private static string FieldMessage(string html, string field) =>
        System.Text.RegularExpressions.Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{System.Text.RegularExpressions.Regex.Escape(field)}\"[^>]*>([^<]*)</span>").Groups[1].Value;

    [Fact]
    public async Task ClassList_IsAlphabeticalThenLateArrivals_AndAnAdmittedStudentGoesToTheEnd()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var url = $"/Roster/Class/{app.School!.Class7A.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        var admit = await client.PostAsync(url + "?handler=Admit", PanelApp.Form(token,
            ("Admit.LastName", "Антоненко"), ("Admit.FirstName", "Ярослав"), ("Admit.BirthDate", "2013-05-02"), ("Admit.Sex", "Male"),
            ("Admit.From", DateTime.UtcNow.ToString("yyyy-MM-dd"))));
        Assert.Equal(HttpStatusCode.Redirect, admit.StatusCode);

        var html = await PanelApp.TextAsync(await client.GetAsync(url));
        // J-4: the list of 1 September alphabetically (Гнатюк left, and stays), then arrivals in order: Яковенко, Антоненко.
        string[] order = ["Гнатюк Богдан", "Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія", "Антоненко Ярослав"];
        var positions = order.Select(n => IndexOf(html, n)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("вибуття 09.10.2026", html); // Гнатюк's sex is not recorded: a form that needs none, never "вибув(ла)"
        Assert.DoesNotContain("(ла)", html);
    }

    [Fact]
    public async Task Admit_WithoutName_ShowsTheMessageNextToTheField()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("director");
        var url = $"/Roster/Class/{app.School!.Class7A.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        var response = await client.PostAsync(url + "?handler=Admit", PanelApp.Form(token, ("Admit.LastName", ""), ("Admit.FirstName", "Ярослав"),
            ("Admit.BirthDate", "не дата"), ("Admit.From", "2026-11-20")));
        var html = await PanelApp.TextAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Вкажіть прізвище.", FieldMessage(html, "Admit.LastName"));
        Assert.Equal("«не дата» — неправильне значення.", FieldMessage(html, "Admit.BirthDate"));
    }

    [Fact]
    public async Task Student_LeavesAndGoesToIndividualStudy_ThroughTheRosterService()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var url = $"/Roster/Student/{app.School!.Petrenko.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(url + "?handler=StudyMode", PanelApp.Form(token, ("mode", "Individual")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(url + "?handler=Leave", PanelApp.Form(token, ("Leave.Date", "2026-11-20")))).StatusCode);
        var tooEarly = await client.PostAsync($"/Roster/Student/{app.School.Ivanenko.Id}?handler=Leave", PanelApp.Form(token, ("Leave.Date", "2026-08-01")));
        Assert.Contains("Дата вибуття не може бути раніше дати зарахування.", await PanelApp.TextAsync(tooEarly));

        await using var db = app.Database.NewContext();
        var student = await db.Students.SingleAsync(s => s.Id == app.School.Petrenko.Id);
        Assert.Equal(StudyMode.Individual, student.StudyMode);
        Assert.Equal(new DateOnly(2026, 11, 20), (await db.Enrolments.SingleAsync(e => e.StudentId == student.Id)).To);
        var audit = await db.AuditRecords.Where(r => r.EntityId == student.Id || r.Context == student.FullName).ToListAsync();
        Assert.Contains(audit, r => r.NewValue == "індивідуальне навчання" && r.Channel == Channel.Web && r.ActorName == "Бондар Л. В.");
    }

    [Fact]
    public async Task Guardian_BadPhone_IsReportedNextToTheField_AGoodOneIsStored()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var url = $"/Roster/Student/{app.School!.Sydorenko.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        var bad = await client.PostAsync(url + "?handler=Guardian", PanelApp.Form(token, ("Guardian.LastName", "Сидоренко"), ("Guardian.FirstName", "Ірина"),
            ("Guardian.Phone", "12-34"), ("Guardian.Relation", "мати")));
        Assert.StartsWith("«12-34» не схоже на номер телефону", FieldMessage(await PanelApp.TextAsync(bad), "Guardian.Phone"));
        var good = await client.PostAsync(url + "?handler=Guardian", PanelApp.Form(token, ("Guardian.LastName", "Сидоренко"), ("Guardian.FirstName", "Ірина"),
            ("Guardian.Phone", "067 123-45-67"), ("Guardian.Relation", "Мати")));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var db = app.Database.NewContext();
        var guardian = await db.Guardians.SingleAsync(g => g.FirstName == "Ірина");
        Assert.Equal("+380671234567", guardian.Phone);
        Assert.Equal("мати", (await db.GuardianStudents.SingleAsync(l => l.GuardianId == guardian.Id)).Relation);
    }

    [Fact]
    public async Task Consent_RecordedByTheClassTeacher_ThenWithdrawn_ClosesTheGuardiansChatLinks()
    {
        await using var app = await PanelApp.StartAsync();
        var mother = app.School!.IvanenkoMother;
        await using (var db = app.Database.NewContext())
        {
            var invite = new Invite(app.School.School.Id, PersonKind.Guardian, mother.Id, DateTime.UtcNow, TimeSpan.FromDays(1), null);
            db.AddRange(invite, new ChatLink(app.School.School.Id, Channel.Telegram, "555", "555", PersonKind.Guardian, mother.Id, invite.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var client = await app.SignInAsync("classteacher");
        var url = $"/Roster/Guardian/{mother.Id}";
        var token = await PanelApp.TokenAsync(client, url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(url + "?handler=Consent", PanelApp.Form(token, ("Consent.Date", "2026-09-01")))).StatusCode);
        var page = await PanelApp.TextAsync(await client.GetAsync(url));
        Assert.Contains("01.09.2026", page);
        Assert.Contains("Шевчук Н. О.", page); // who recorded it
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(url + "?handler=Withdraw", PanelApp.Form(token, ("Withdrawal.Date", "2026-11-20")))).StatusCode);

        await using var check = app.Database.NewContext();
        var consent = await check.Consents.SingleAsync(c => c.GuardianId == mother.Id);
        Assert.Equal(new DateOnly(2026, 11, 20), consent.WithdrawnOn);
        var link = await check.ChatLinks.SingleAsync(l => l.PersonId == mother.Id);
        Assert.False(link.IsActive);
        Assert.Equal("consent withdrawn", link.DeactivationReason);
    }

    [Fact]
    public async Task Staff_AccountWithOneTimePassword_ThenDeactivated_CannotSignIn_HistoryKept()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        var other = app.School!.OtherTeacher;
        var token = await PanelApp.TokenAsync(director, "/Roster/Staff");
        var created = await PanelApp.TextAsync(await director.PostAsync("/Roster/Staff?handler=Account", PanelApp.Form(token, ("staffId", other.Id.ToString()), ("login", "tkachenko"))));
        var password = System.Text.RegularExpressions.Regex.Match(created, "one-time-password my-2\">([^<]+)<").Groups[1].Value;
        Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", password);
        var signIn = await PanelApp.PostLoginAsync(app.Client(), "tkachenko", password);
        Assert.StartsWith("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);

        await using (var db = app.Database.NewContext())
        {
            var invite = new Invite(app.School.School.Id, PersonKind.Staff, other.Id, DateTime.UtcNow, TimeSpan.FromDays(1), null);
            db.AddRange(invite, new ChatLink(app.School.School.Id, Channel.Telegram, "777", "777", PersonKind.Staff, other.Id, invite.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var deactivated = await director.PostAsync("/Roster/Staff?handler=Deactivate", PanelApp.Form(token, ("staffId", other.Id.ToString()), ("date", "2026-11-20")));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var refused = await PanelApp.PostLoginAsync(app.Client(), "tkachenko", password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("обліковий запис вимкнено", await PanelApp.TextAsync(refused));

        await using var check = app.Database.NewContext();
        var staff = await check.Staff.SingleAsync(s => s.Id == other.Id);
        Assert.Equal(new DateOnly(2026, 11, 20), staff.DeactivatedOn);
        Assert.False((await check.ChatLinks.SingleAsync(l => l.PersonId == other.Id)).IsActive);
        Assert.NotEmpty(await check.TeachingAssignments.Where(a => a.TeacherId == other.Id).ToListAsync()); // history kept
        Assert.Contains("деактивовано 20.11.2026", await PanelApp.TextAsync(await director.GetAsync("/Roster/Staff")));
    }

    [Fact]
    public async Task Staff_Roles_AreChangedByTheDirector_AndReachTheTeachersNextSignIn()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(director, "/Roster/Staff");
        var teacher = app.School!.AlgebraTeacher;
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("teacher")).GetAsync("/Roster/Staff")).StatusCode);
        var changed = await director.PostAsync("/Roster/Staff?handler=Roles",
            PanelApp.Form(token, ("staffId", teacher.Id.ToString()), ("roles", "Teacher"), ("roles", "Deputy")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("teacher")).GetAsync("/Roster/Staff")).StatusCode);
    }

    [Fact]
    public async Task Director_AddsAStaffMember_TheDeputyMakesThemClassTeacher_TheyThenSeeTheClass()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        var token = await PanelApp.TokenAsync(director, "/Roster/Staff");
        var empty = await PanelApp.TextAsync(await director.PostAsync("/Roster/Staff?handler=Add", PanelApp.Form(token, ("NewStaff.LastName", ""), ("NewStaff.FirstName", "Ірина"))));
        Assert.Equal("Вкажіть прізвище.", FieldMessage(empty, "NewStaff.LastName"));
        Assert.Equal("Оберіть хоча б одну роль.", FieldMessage(empty, "NewStaff.Roles"));
        var added = await director.PostAsync("/Roster/Staff?handler=Add", PanelApp.Form(token,
            ("NewStaff.LastName", "Ющенко"), ("NewStaff.FirstName", "Ірина"), ("NewStaff.MiddleName", "Олегівна"), ("NewStaff.Roles", "Teacher")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Guid staffId;
        await using (var db = app.Database.NewContext())
            staffId = (await db.Staff.SingleAsync(s => s.LastName == "Ющенко")).Id;
        var account = await PanelApp.TextAsync(await director.PostAsync("/Roster/Staff?handler=Account", PanelApp.Form(token, ("staffId", staffId.ToString()), ("login", "yushchenko"))));
        var password = System.Text.RegularExpressions.Regex.Match(account, "one-time-password my-2\">([^<]+)<").Groups[1].Value;

        var deputy = await app.SignInAsync("deputy");
        var url = $"/Roster/Class/{app.School!.Class3A.Id}";
        var deputyToken = await PanelApp.TokenAsync(deputy, url);
        Assert.Equal(HttpStatusCode.Redirect, (await deputy.PostAsync(url + "?handler=ClassTeacher", PanelApp.Form(deputyToken, ("staffId", staffId.ToString())))).StatusCode);

        var newcomer = app.Client();
        await PanelApp.PostLoginAsync(newcomer, "yushchenko", password);
        var changeToken = await PanelApp.TokenAsync(newcomer, "/Account/ChangePassword");
        await newcomer.PostAsync("/Account/ChangePassword", PanelApp.Form(changeToken, ("Input.Current", password), ("Input.New", "пароль Ірини Олегівни"), ("Input.Confirm", "пароль Ірини Олегівни")));
        var page = await newcomer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Класний керівник: Ющенко Ірина Олегівна", await PanelApp.TextAsync(page));
        await using var check = app.Database.NewContext();
        Assert.Equal(StaffRoles.Teacher | StaffRoles.ClassTeacher, (await check.Staff.SingleAsync(s => s.Id == staffId)).Roles);
    }
}
