using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// A POST that no handler of the page takes: 405 with the methods the page does take, for every
/// role, never 500 (Razor Pages rendered such a page without its OnGet), and the journal is left as it was.
/// </summary>
public sealed class NoHandlerTests
{
    /// <summary>Pages every role may open: without any POST handler, or with named ones only, or a handler it lacks.</summary>
    private static string[] Urls(PanelApp app) =>
    [
        "/",
        "/School/Timetable",
        "/Journal",
        $"/Journal/Grid/{app.School!.Class7A.Id}/{app.School.Algebra.Id}",
        $"/Journal/Grid/{app.School.Class7A.Id}/{app.School.Algebra.Id}?handler=NoSuchHandler",
        "/Journal/Remarks",
        "/Account/Status",
    ];

    [Fact]
    public async Task PostWithoutAHandler_EveryRole_Is405_NotA500_AndChangesNothing()
    {
        await using var app = await PanelApp.StartAsync();
        var before = await CountsAsync(app);
        var failures = new List<string>();
        foreach (var role in PanelApp.Logins)
        {
            var client = await app.SignInAsync(role);
            var token = await PanelApp.TokenAsync(client, "/Account/ChangePassword");
            foreach (var url in Urls(app))
            {
                var response = await client.PostAsync(url, PanelApp.Form(token, ("text", "щось"), ("value", "12")));
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
                    failures.Add($"{role} POST {url}: {(int)response.StatusCode}");
                else if (!response.Content.Headers.Allow.Contains("GET"))
                    failures.Add($"{role} POST {url}: Allow is '{string.Join(", ", response.Content.Headers.Allow)}'");
            }

            // Without the antiforgery token the same POST is refused before anything else: 400.
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/", PanelApp.Form(null))).StatusCode);
            // The GET of the same pages still works.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Journal")).StatusCode);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task PostWithoutAHandler_InABrowser_IsTheUkrainianPage_With405()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("teacher");
        var token = await PanelApp.TokenAsync(client, "/Account/ChangePassword");
        var request = new HttpRequestMessage(HttpMethod.Post, "/Journal") { Content = PanelApp.Form(token) };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("Ця сторінка не приймає такого запиту", await PanelApp.TextAsync(response));
    }

    private static async Task<string> CountsAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        return string.Join(" ", await db.Lessons.CountAsync(), await db.Marks.CountAsync(), await db.Absences.CountAsync(),
            await db.Remarks.CountAsync(), await db.AuditRecords.CountAsync(), await db.Outbox.CountAsync(), await db.Timetable.CountAsync(),
            await db.Schools.CountAsync());
    }
}
