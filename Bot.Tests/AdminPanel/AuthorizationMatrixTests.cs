using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// Each role × each page and handler of the panel, found from the app's own endpoints: a page or handler that the
/// matrix does not list fails the test, so a new page joins it with one line saying who may use it. Allowed means
/// neither 403 nor a redirect to sign-in; denied means 403 (not a hidden link); anonymous means a redirect to sign-in.
/// POSTs carry a valid antiforgery token and an empty form: the allowed ones answer with their validation messages.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    // "admin" is the installation's bootstrap administrator (no staff record); the others are staff of the test school.
    private const string Anyone = "admin,director,deputy,classteacher,teacher";
    private const string ClassLists = "admin,director,deputy,classteacher";
    private const string Rosters = "admin,director,deputy";
    private const string Users = "admin,director";
    private const string Setup = "admin,director,deputy";
    private const string InstallationAdmin = "admin";
    private const string Anonymous = "anonymous";

    /// <summary>"METHOD /Page[?handler=Name]" → who may, and a URL to try it on (ids of the test school's 7-А).</summary>
    private static Dictionary<string, (string Who, Func<PanelApp, string> Url)> Matrix() => new()
    {
        ["GET /Index"] = (Anyone, _ => "/"),
        // The first page of staff; the installation's operator is sent on to the overview.
        ["GET /Today/Index"] = (Anyone, _ => "/Today"),
        ["POST /Index?handler=School"] = (InstallationAdmin, a => $"/?handler=School&schoolId={a.School!.School.Id}"),
        // The installation's schools (ADR 0022): its operator only, never a school's own director.
        ["GET /Schools/Index"] = (InstallationAdmin, _ => "/Schools"),
        ["POST /Schools/Index?handler=Add"] = (InstallationAdmin, _ => "/Schools?handler=Add"),
        ["GET /Account/Login"] = (Anonymous + "," + Anyone, _ => "/Account/Login"),
        ["POST /Account/Login"] = (Anonymous + "," + Anyone, _ => "/Account/Login"),
        ["GET /Account/Status"] = (Anonymous + "," + Anyone, _ => "/Account/Status"),
        ["GET /Account/Logout"] = (Anyone, _ => "/Account/Logout"),
        ["POST /Account/Logout"] = (Anyone, _ => "/Account/Logout"),
        ["GET /Account/ChangePassword"] = (Anyone, _ => "/Account/ChangePassword"),
        ["POST /Account/ChangePassword"] = (Anyone, _ => "/Account/ChangePassword"),
        ["GET /Roster/Index"] = (ClassLists, _ => "/Roster"),
        ["GET /Roster/Class"] = (ClassLists, a => $"/Roster/Class/{a.School!.Class7A.Id}"),
        ["POST /Roster/Class?handler=Admit"] = (Rosters, a => $"/Roster/Class/{a.School!.Class7A.Id}?handler=Admit"),
        ["POST /Roster/Class?handler=ClassTeacher"] = (Rosters, a => $"/Roster/Class/{a.School!.Class7A.Id}?handler=ClassTeacher&staffId={a.School.ClassTeacher.Id}"),
        ["POST /Roster/Class?handler=Nus"] = (Setup, a => $"/Roster/Class/{a.School!.Class7A.Id}?handler=Nus"),
        ["GET /Roster/Student"] = (ClassLists, a => $"/Roster/Student/{a.School!.Ivanenko.Id}"),
        ["POST /Roster/Student?handler=Leave"] = (Rosters, a => $"/Roster/Student/{a.School!.Ivanenko.Id}?handler=Leave"),
        ["POST /Roster/Student?handler=Transfer"] = (Rosters, a => $"/Roster/Student/{a.School!.Ivanenko.Id}?handler=Transfer"),
        ["POST /Roster/Student?handler=StudyMode"] = (Rosters, a => $"/Roster/Student/{a.School!.Ivanenko.Id}?handler=StudyMode"),
        ["POST /Roster/Student?handler=AnnualFromSemester2"] = (Rosters, a => $"/Roster/Student/{a.School!.Ivanenko.Id}?handler=AnnualFromSemester2"),
        ["POST /Roster/Student?handler=Guardian"] = (Rosters, a => $"/Roster/Student/{a.School!.Ivanenko.Id}?handler=Guardian"),
        ["GET /Roster/Guardian"] = (ClassLists, a => $"/Roster/Guardian/{a.School!.IvanenkoMother.Id}"),
        ["POST /Roster/Guardian?handler=Consent"] = (ClassLists, a => $"/Roster/Guardian/{a.School!.IvanenkoMother.Id}?handler=Consent"),
        ["POST /Roster/Guardian?handler=Withdraw"] = (ClassLists, a => $"/Roster/Guardian/{a.School!.IvanenkoMother.Id}?handler=Withdraw"),
        ["POST /Roster/Guardian?handler=Details"] = (Rosters, a => $"/Roster/Guardian/{a.School!.IvanenkoMother.Id}?handler=Details"),
        ["GET /Roster/Staff"] = (Rosters, _ => "/Roster/Staff"),
        ["POST /Roster/Staff?handler=Add"] = (Users, _ => "/Roster/Staff?handler=Add"),
        ["POST /Roster/Staff?handler=Roles"] = (Users, _ => "/Roster/Staff?handler=Roles"),
        ["POST /Roster/Staff?handler=Account"] = (Users, _ => "/Roster/Staff?handler=Account"),
        ["POST /Roster/Staff?handler=Reset"] = (Users, _ => "/Roster/Staff?handler=Reset"),
        ["POST /Roster/Staff?handler=Deactivate"] = (Users, _ => "/Roster/Staff?handler=Deactivate"),
        ["POST /Roster/Staff?handler=Reactivate"] = (Users, _ => "/Roster/Staff?handler=Reactivate"),
        ["GET /Roster/Import"] = (Rosters, _ => "/Roster/Import"),
        ["GET /Roster/Import?handler=Export"] = (Rosters, _ => "/Roster/Import?handler=Export&format=csv"),
        ["POST /Roster/Import?handler=Preview"] = (Rosters, _ => "/Roster/Import?handler=Preview"),
        ["POST /Roster/Import?handler=Commit"] = (Rosters, _ => "/Roster/Import?handler=Commit"),
        // Invites: the administration for any class, a class teacher for their class's parents and students.
        ["GET /Invites/Index"] = (ClassLists, _ => "/Invites"),
        ["GET /Invites/Class"] = (ClassLists, a => $"/Invites/Class/{a.School!.Class7A.Id}"),
        ["POST /Invites/Class?handler=Create"] = (ClassLists, a => $"/Invites/Class/{a.School!.Class7A.Id}?handler=Create"),
        ["POST /Invites/Class?handler=Sheet"] = (ClassLists, a => $"/Invites/Class/{a.School!.Class7A.Id}?handler=Sheet&audience=Students"),
        ["POST /Invites/Class?handler=Revoke"] = (ClassLists, a => $"/Invites/Class/{a.School!.Class7A.Id}?handler=Revoke&inviteId={Guid.Empty}"),
        ["GET /Invites/Staff"] = (Rosters, _ => "/Invites/Staff"),
        ["POST /Invites/Staff?handler=Create"] = (Rosters, _ => "/Invites/Staff?handler=Create"),
        ["POST /Invites/Staff?handler=Revoke"] = (Rosters, _ => $"/Invites/Staff?handler=Revoke&inviteId={Guid.Empty}"),
        // Operations: the director and the school's IT.
        ["GET /Operations/Index"] = (Users, _ => "/Operations"),
        ["POST /Operations/Index?handler=Retry"] = (Users, _ => $"/Operations?handler=Retry&rowId={Guid.Empty}"),
        ["GET /Print/Index"] = (ClassLists, _ => "/Print"),
        ["GET /Print/Index?handler=Certificate"] = (ClassLists, a => $"/Print?handler=Certificate&classId={a.School!.Class7A.Id}&studentId={a.School.Ivanenko.Id}"),
        ["GET /ClassTeacher/Outcomes"] = (ClassLists, a => $"/ClassTeacher/Outcomes?classId={a.School!.Class7A.Id}"),
        ["POST /ClassTeacher/Outcomes?handler=Save"] = (ClassLists, a => $"/ClassTeacher/Outcomes?handler=Save&classId={a.School!.Class7A.Id}&field={Guid.Empty}"),
        ["POST /ClassTeacher/Outcomes?handler=Description"] = (ClassLists, a => $"/ClassTeacher/Outcomes?handler=Description&classId={a.School!.Class7A.Id}&studentId={a.School!.Ivanenko.Id}"),
        ["GET /Print/Index?handler=Report"] = (ClassLists, a => $"/Print?handler=Report&studentId={a.School!.Ivanenko.Id}&semester=1"),
        ["GET /Print/Index?handler=Download"] = (ClassLists, a => $"/Print?handler=Download&ClassId={a.School!.Class7A.Id}&Period=2026-09&Format=csv-attendance"),
        ["GET /Rules/Index"] = (Users, _ => "/Rules"),
        ["POST /Rules/Index"] = (Users, _ => "/Rules"),
        ["POST /Rules/Index?handler=ConsentText"] = (Users, _ => "/Rules?handler=ConsentText"),
        ["POST /Rules/Index?handler=Talk"] = (Users, _ => "/Rules?handler=Talk"),
        // "Укриття" (ADR 0044): the administration; a teacher does it in the chat for the class they teach now.
        ["GET /Shelter/Index"] = (Setup, _ => "/Shelter"),
        ["POST /Shelter/Index?handler=Enter"] = (Setup, _ => "/Shelter?handler=Enter"),
        ["POST /Shelter/Index?handler=AllClear"] = (Setup, _ => "/Shelter?handler=AllClear"),
        ["GET /Announcements/Index"] = (ClassLists, _ => "/Announcements"),
        ["POST /Announcements/Index"] = (ClassLists, _ => "/Announcements"),
        // No such announcement here: 404 past the policy (who may read a real one is AnnouncementAcknowledgementTests').
        ["GET /Announcements/Acknowledgements"] = (ClassLists, _ => $"/Announcements/Acknowledgements/{Guid.Empty}"),
        ["POST /Announcements/Acknowledgements?handler=Remind"] = (ClassLists, _ => $"/Announcements/Acknowledgements/{Guid.Empty}?handler=Remind"),
        // Forms (ADR 0045): no such form here, 404 past the policy (who may read a real one is FormsInTheBrowserTests').
        ["GET /Forms/Index"] = (ClassLists, _ => "/Forms"),
        ["POST /Forms/Index"] = (ClassLists, _ => "/Forms"),
        ["GET /Forms/Results"] = (ClassLists, _ => $"/Forms/Results/{Guid.Empty}"),
        ["GET /Forms/Results?handler=Pdf"] = (ClassLists, _ => $"/Forms/Results/{Guid.Empty}?handler=Pdf"),
        ["GET /Forms/Results?handler=Csv"] = (ClassLists, _ => $"/Forms/Results/{Guid.Empty}?handler=Csv"),
        ["GET /School/Year"] = (Setup, _ => "/School/Year"),
        ["POST /School/Year?handler=Dates"] = (Setup, _ => "/School/Year?handler=Dates"),
        ["POST /School/Year?handler=Holiday"] = (Setup, _ => "/School/Year?handler=Holiday"),
        ["POST /School/Year?handler=RemoveHoliday"] = (Setup, _ => "/School/Year?handler=RemoveHoliday"),
        ["POST /School/Year?handler=Bells"] = (Setup, _ => "/School/Year?handler=Bells"),
        ["POST /School/Year?handler=PeriodMarks"] = (Setup, _ => "/School/Year?handler=PeriodMarks"),
        ["POST /School/Year?handler=Credit"] = (Setup, _ => "/School/Year?handler=Credit"),
        ["GET /School/Subjects"] = (Setup, _ => "/School/Subjects"),
        ["POST /School/Subjects?handler=Save"] = (Setup, _ => "/School/Subjects?handler=Save"),
        ["GET /School/ResultGroups"] = (Setup, _ => "/School/ResultGroups"),
        ["GET /School/LearningOutcomes"] = (Setup, _ => "/School/LearningOutcomes"),
        ["POST /School/LearningOutcomes?handler=Save"] = (Setup, _ => "/School/LearningOutcomes?handler=Save"),
        ["POST /School/LearningOutcomes?handler=Seed"] = (Setup, _ => "/School/LearningOutcomes?handler=Seed"),
        ["POST /School/ResultGroups?handler=Save"] = (Setup, a => $"/School/ResultGroups?handler=Save&subject={a.School!.Algebra.Id}"),
        ["POST /School/ResultGroups?handler=Seed"] = (Setup, _ => "/School/ResultGroups?handler=Seed"),
        ["POST /School/ResultGroups?handler=Thematic"] = (Setup, _ => "/School/ResultGroups?handler=Thematic&nusThematic=true"),
        ["GET /School/Assignments"] = (Setup, a => $"/School/Assignments?classId={a.School!.Class7A.Id}"),
        ["POST /School/Assignments?handler=Assign"] = (Setup, a => $"/School/Assignments?handler=Assign&classId={a.School!.Class7A.Id}"),
        ["POST /School/Assignments?handler=Unassign"] = (Setup, a => $"/School/Assignments?handler=Unassign&classId={a.School!.Class7A.Id}"),
        ["POST /School/Assignments?handler=Group"] = (Setup, a => $"/School/Assignments?handler=Group&classId={a.School!.Class7A.Id}"),
        ["POST /School/Assignments?handler=Members"] = (Setup, a => $"/School/Assignments?handler=Members&classId={a.School!.Class7A.Id}"),
        ["GET /School/Timetable"] = (Anyone, _ => "/School/Timetable"),
        ["POST /School/Timetable?handler=Cell"] = (Setup, a => $"/School/Timetable?handler=Cell&classId={a.School!.Class7A.Id}"),
        ["POST /School/Timetable?handler=Clear"] = (Setup, a => $"/School/Timetable?handler=Clear&classId={a.School!.Class7A.Id}"),
        ["GET /School/Changes"] = (Setup, _ => "/School/Changes"),
        ["POST /School/Changes?handler=Substitute"] = (Setup, a => $"/School/Changes?handler=Substitute&classId={a.School!.Class7A.Id}"),
        ["POST /School/Changes?handler=Cancel"] = (Setup, a => $"/School/Changes?handler=Cancel&classId={a.School!.Class7A.Id}"),
        ["POST /School/Changes?handler=Move"] = (Setup, a => $"/School/Changes?handler=Move&classId={a.School!.Class7A.Id}"),
        ["POST /School/Changes?handler=Remote"] = (Setup, a => $"/School/Changes?handler=Remote&classId={a.School!.Class7A.Id}"),
        ["POST /School/Changes?handler=AirRaid"] = (Setup, a => $"/School/Changes?handler=AirRaid&classId={a.School!.Class7A.Id}"),
        ["POST /School/Changes?handler=Remove"] = (Setup, a => $"/School/Changes?handler=Remove&classId={a.School!.Class7A.Id}"),
        // The journal: 7-А algebra is the teacher's page and the class teacher's class; other pages are 403 per record (GridPageTests).
        ["GET /Journal/Index"] = (Anyone, _ => "/Journal"),
        ["GET /Journal/Grid"] = (Anyone, a => $"/Journal/Grid/{a.School!.Class7A.Id}/{a.School.Algebra.Id}"),
        ["POST /Journal/Grid?handler=Cell"] = (Anyone, a => $"/Journal/Grid/{a.School!.Class7A.Id}/{a.School.Algebra.Id}?handler=Cell"),
        ["POST /Journal/Grid?handler=Lesson"] = (Anyone, a => $"/Journal/Grid/{a.School!.Class7A.Id}/{a.School.Algebra.Id}?handler=Lesson"),
        ["GET /Journal/Remarks"] = (Anyone, _ => "/Journal/Remarks"),
        ["POST /Journal/Remarks?handler=Write"] = (Rosters, _ => "/Journal/Remarks?handler=Write"),
        ["POST /Journal/Remarks?handler=Answer"] = (Anyone, _ => "/Journal/Remarks?handler=Answer"),
        ["GET /Journal/Monitoring"] = (Rosters, _ => "/Journal/Monitoring"),
        // The calendar-thematic plan (ADR 0050): the page's teacher (7-А's algebra: "teacher") and the administration.
        ["GET /Journal/Plan"] = ("admin,director,deputy,teacher", a => $"/Journal/Plan/{a.School!.Class7A.Id}/{a.School.Algebra.Id}"),
        ["POST /Journal/Plan?handler=Preview"] = ("admin,director,deputy,teacher", a => $"/Journal/Plan/{a.School!.Class7A.Id}/{a.School.Algebra.Id}?handler=Preview"),
        ["POST /Journal/Plan?handler=Import"] = ("admin,director,deputy,teacher", a => $"/Journal/Plan/{a.School!.Class7A.Id}/{a.School.Algebra.Id}?handler=Import"),
        ["GET /Journal/Programmes"] = (Rosters, _ => "/Journal/Programmes"),
        ["POST /Journal/Grid?handler=PlanTopic"] = (Anyone, a => $"/Journal/Grid/{a.School!.Class7A.Id}/{a.School.Algebra.Id}?handler=PlanTopic"),
        ["GET /Audit/Index"] = (Rosters, _ => "/Audit"),
        // Checking the audit trail now (ADR 0037): the director only.
        ["POST /Audit/Index?handler=Verify"] = (Users, _ => "/Audit?handler=Verify"),
        // The year-end archive (J-14): the director and deputies download; only the director closes a year and opens the next.
        ["GET /Archive/Index"] = (Rosters, _ => "/Archive"),
        ["GET /Archive/Index?handler=Verify"] = (Rosters, _ => "/Archive?handler=Verify"),
        ["GET /Archive/Index?handler=Download"] = (Rosters, _ => $"/Archive?handler=Download&id={Guid.Empty}"),
        ["POST /Archive/Index?handler=Close"] = (Users, _ => "/Archive?handler=Close"),
        ["POST /Archive/Index?handler=OpenNext"] = (Users, _ => "/Archive?handler=OpenNext"),
        // Conversations (ADR 0038): every staff member reads and answers the threads addressed to them (checked per thread).
        ["GET /Talk/Index"] = (Anyone, _ => "/Talk"),
        ["POST /Talk/Index?handler=Answer"] = (Anyone, _ => "/Talk?handler=Answer"),
        ["POST /Talk/Index?handler=Pass"] = (Anyone, _ => "/Talk?handler=Pass"),
        // Closing a thread passed to the administration: the director and the deputies.
        ["POST /Talk/Index?handler=Close"] = (Rosters, _ => "/Talk?handler=Close"),
        // Stand-ins for an absent class teacher (ADR 0049): the director and the deputies.
        ["POST /Talk/Index?handler=StandIn"] = (Rosters, _ => "/Talk?handler=StandIn"),
        ["POST /Talk/Index?handler=EndStandIn"] = (Rosters, _ => "/Talk?handler=EndStandIn"),
        ["GET /ClassTeacher/Index"] = (ClassLists, a => $"/ClassTeacher/{a.School!.Class7A.Id}"),
        ["POST /ClassTeacher/Index?handler=Excursion"] = (ClassLists, a => $"/ClassTeacher/{a.School!.Class7A.Id}?handler=Excursion"),
        ["POST /ClassTeacher/Index?handler=Briefing"] = (ClassLists, a => $"/ClassTeacher/{a.School!.Class7A.Id}?handler=Briefing"),
    };

    [Fact]
    public async Task EveryPageAndHandler_IsInTheMatrix()
    {
        await using var app = await PanelApp.StartAsync();
        var discovered = await DiscoverAsync(app);
        var matrix = Matrix();
        var missing = discovered.Except(matrix.Keys).ToList();
        Assert.True(missing.Count == 0, $"Pages or handlers without a row in the authorization matrix: {string.Join(", ", missing)}");
        Assert.Empty(matrix.Keys.Except(discovered));
    }

    [Fact]
    public async Task EachRole_GetsEachPageAndHandler_OnlyWithinItsRights()
    {
        await using var app = await PanelApp.StartAsync();
        var failures = new List<string>();
        foreach (var role in new[] { Anonymous, "admin" }.Concat(PanelApp.Logins))
        {
            var client = role == Anonymous ? app.Client() : await app.SignInAsync(role, role == "admin" ? PanelApp.BootstrapPassword : PanelApp.Password);
            // A token tied to this person (or to nobody), from a form every one of them may open.
            var token = await PanelApp.TokenAsync(client, role == Anonymous ? "/Account/Login" : "/Account/ChangePassword");
            // Signing out (and in) changes who the client is: those go last.
            foreach (var (key, (who, url)) in Matrix().OrderBy(e => e.Key.Contains("/Account/Log", StringComparison.Ordinal)))
            {
                var method = key[..key.IndexOf(' ')];
                var request = new HttpRequestMessage(new HttpMethod(method), url(app));
                if (method == "POST") request.Content = PanelApp.Form(token);
                var response = await client.SendAsync(request);
                var allowed = who.Split(',').Contains(role);
                var location = response.Headers.Location?.OriginalString ?? "";
                var outcome = response.StatusCode == HttpStatusCode.Forbidden ? "403"
                    : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login?ReturnUrl=", StringComparison.Ordinal) ? "sign-in"
                    : "allowed";
                var expected = allowed ? "allowed" : role == Anonymous ? "sign-in" : "403";
                if (outcome != expected) failures.Add($"{role} {key}: expected {expected}, got {(int)response.StatusCode} {location}");
                // What people read names no internal rule id ("(J-7)", "А-2:") and no setting ("Telegram:BotUsername").
                if (method == "GET" && response.StatusCode == HttpStatusCode.OK
                    && InternalNames().Match(await PanelApp.TextAsync(response)) is { Success: true } leak)
                    failures.Add($"{role} {key}: shows the internal name «{leak.Value}»");
                // Nor a form that guesses at a person's sex ("вибув(ла)"): the sex where known, or words that need none.
                // "Ознайомлена(ий)" is the answer's wording the journal's rules prescribe (J-13).
                if (method == "GET" && response.StatusCode == HttpStatusCode.OK
                    && GuessedSex().Match((await PanelApp.TextAsync(response)).Replace("Ознайомлена(ий)", "", StringComparison.Ordinal)) is { Success: true } form)
                    failures.Add($"{role} {key}: shows «{form.Value}»");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task InstallationAdministrator_ChoosesTheSchool_ThePanelWorksOn()
    {
        await using var app = await PanelApp.StartAsync();
        await using (var db = app.Database.NewContext())
        {
            var other = new Bot.Domain.Schools.School("Гімназія № 2", "Europe/Kyiv");
            db.AddRange(other, new Bot.Domain.Schools.SchoolYear(other.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30)));
            await db.SaveChangesAsync();
        }

        var admin = await app.SignInAsync("admin", PanelApp.BootstrapPassword);
        Assert.Contains("Гімназія № 2", await PanelApp.TextAsync(await admin.GetAsync("/Roster"))); // first by name
        var token = await PanelApp.TokenAsync(admin, "/");
        var chosen = await admin.PostAsync("/?handler=School", PanelApp.Form(token, ("schoolId", app.School!.School.Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Contains("Ліцей № 1 (тест)", await PanelApp.TextAsync(await admin.GetAsync("/Roster")));
        // A director works on their own school only: they cannot choose.
        var director = await app.SignInAsync("director");
        var directorToken = await PanelApp.TokenAsync(director, "/Overview");
        Assert.Equal(HttpStatusCode.Forbidden, (await director.PostAsync("/?handler=School", PanelApp.Form(directorToken, ("schoolId", app.School.School.Id.ToString())))).StatusCode);
    }

    [Fact]
    public async Task ClassTeacher_GetsOtherClassesPages_As403()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("classteacher");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Roster/Class/{app.School!.Class7A.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Roster/Class/{app.School.Class3A.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Roster/Student/{app.School.Primary.Id}")).StatusCode);
        var list = await PanelApp.TextAsync(await client.GetAsync("/Roster"));
        Assert.Contains("7-А", list);
        Assert.DoesNotContain("3-А", list);
    }

    [Fact]
    public async Task Forbidden_InABrowser_IsTheUkrainianPage_With403()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("teacher");
        var request = new HttpRequestMessage(HttpMethod.Get, "/Roster/Staff");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("Немає доступу", await PanelApp.TextAsync(response));
    }

    [Fact]
    public async Task UnknownRecord_InABrowser_IsTheUkrainianPage_With404()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/Roster/Student/{Guid.NewGuid()}");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Сторінку не знайдено", await PanelApp.TextAsync(response));
    }

    /// <summary>"METHOD /Page[?handler=Name]" for every Razor page of the app and every handler method of its model.</summary>
    private static async Task<HashSet<string>> DiscoverAsync(PanelApp app)
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()).OfType<PageActionDescriptor>()
            .DistinctBy(p => p.ViewEnginePath).ToList();
        var found = new HashSet<string>();
        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            if (compiled.HandlerMethods.Count == 0) found.Add($"GET {page.ViewEnginePath}");
            foreach (var handler in compiled.HandlerMethods)
                found.Add($"{handler.HttpMethod.ToUpperInvariant()} {page.ViewEnginePath}{(handler.Name is { } n ? $"?handler={n}" : "")}");
        }

        return found;
    }

    [GeneratedRegex(@"(?<![\w-])[JMAАN]-\d{1,2}(?![\w-])|\b(?:Telegram|Viber|Notifications|Files|Delivery|Audit|Jobs):[A-Z*]")]
    private static partial Regex InternalNames();

    [GeneratedRegex(@"\w\((?:ла|а|ий|на|я)\)")]
    private static partial Regex GuessedSex();
}
