using System.Net;
using System.Net.Http.Json;
using Bot.Domain.Demo;
using Bot.Domain.Schools;
using Bot.Host.Preview;
using Bot.Tests.AdminPanel;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Host;

/// <summary>
/// Hardening: the bot preview lets whoever reaches the port act as anyone it lists, so it runs only while every
/// school of the database is the demo school — marked by the demo seeder (<see cref="School.IsDemo"/>), not by its name.
/// A real school beside the demo turns it off (404, and one log line saying why); one added while it runs makes every
/// preview request 404 before anything is written.
/// </summary>
public sealed class PreviewGateTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        // The real demo school, through its seeder (one day of journal is enough here).
        await DemoSchool.SeedAsync(db, new DemoSchoolOptions { Today = new DateOnly(2026, 11, 20), DaysBack = 1 });
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private WebApplicationFactory<Program> Start(LogSink log) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("ConnectionStrings:Journal", _database.ConnectionString);
        b.UseSetting("Demo:Seed", "true"); // `--demo`: the database already has its school, so nothing more is seeded
        b.UseSetting("Admin:BootstrapPassword", "пароль для тесту превʼю");
        b.UseEnvironment("Production");
        b.ConfigureLogging(l => l.AddProvider(log));
    });

    private async Task<PreviewEndpoints.PersonDto> ATeacherAsync(HttpClient http)
    {
        var people = await http.GetFromJsonAsync<List<PreviewEndpoints.PersonDto>>("/preview/api/people");
        return people!.First(p => p.Kind == "staff");
    }

    [Fact]
    public async Task DemoSchoolOnly_ThePreviewIsOn()
    {
        await using (var db = _database.NewContext())
            Assert.True((await db.Schools.SingleAsync()).IsDemo); // the seeder marks its school

        var log = new LogSink();
        await using var app = Start(log);
        var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/preview/")).StatusCode);
        // Its own policy: the page's style and script are files of the preview, no inline ones.
        foreach (var path in new[] { "/preview/", "/preview/preview.css", "/preview/preview.js" })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", policy);
            Assert.Contains("style-src 'self';", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
        }

        var html = await http.GetStringAsync("/preview/");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<style>", html);
        var teacher = await ATeacherAsync(http);
        var persona = await http.PostAsJsonAsync("/preview/api/persona", new PreviewEndpoints.PersonaRequest("staff", teacher.Id));
        Assert.Equal(HttpStatusCode.OK, persona.StatusCode);
        Assert.Contains(log.Lines, l => l.StartsWith("Bot preview is on at /preview", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoSchoolAndARealSchool_ThePreviewIsOff_AndTheLogSaysWhy_Once()
    {
        await using (var db = _database.NewContext())
            await TestSchool.CreateAsync(db); // a real school beside the demo

        var log = new LogSink();
        await using var app = Start(log);
        var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/preview/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/preview/api/people")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/preview/api/send", new PreviewEndpoints.SendRequest("preview-staff-x", "/start", null))).StatusCode);
        var why = Assert.Single(log.Lines, l => l.StartsWith("Bot preview is off", StringComparison.Ordinal));
        Assert.Contains("1 school(s) that are not the demo school", why);
        Assert.Contains("Ліцей № 1 (тест)", why);
    }

    [Fact]
    public async Task ASchoolNamedLikeTheDemo_IsNotTheDemo()
    {
        await using (var db = _database.NewContext())
        {
            db.Schools.Add(new School(DemoSchool.SchoolName, "Europe/Kyiv"));
            await db.SaveChangesAsync();
        }

        var log = new LogSink();
        await using var app = Start(log);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/preview/")).StatusCode);
        Assert.Contains(log.Lines, l => l.StartsWith("Bot preview is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARealSchoolAddedWhileItRuns_ThePreviewAnswers404_AndWritesNothing()
    {
        var log = new LogSink();
        await using var app = Start(log);
        var http = app.CreateClient();
        var teacher = await ATeacherAsync(http);

        await using (var db = _database.NewContext())
            await TestSchool.CreateAsync(db);
        int links;
        await using (var db = _database.NewContext())
            links = await db.ChatLinks.CountAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/preview/api/persona", new PreviewEndpoints.PersonaRequest("staff", teacher.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/preview/api/people")).StatusCode);
        await using (var db = _database.NewContext())
            Assert.Equal(links, await db.ChatLinks.CountAsync());
    }
}
