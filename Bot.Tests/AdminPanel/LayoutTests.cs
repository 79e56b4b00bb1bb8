using System.Net;
using System.Text.RegularExpressions;

namespace Bot.Tests.AdminPanel;

/// <summary>The panel's layout: Bootstrap shipped with the app (no CDN), a phone's viewport, navigation by role.</summary>
public sealed class LayoutTests
{
    [Fact]
    public async Task Bootstrap_IsServedByTheApp_AndNoPageLoadsAnythingFromElsewhere()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("director");
        var html = await client.GetStringAsync("/Today");
        Assert.Contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\"", html);
        var assets = Regex.Matches(html, "(?:href|src)=\"([^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/_content/AdminPanel/lib/bootstrap/css/bootstrap.min.css", assets);
        Assert.Contains("/_content/AdminPanel/lib/bootstrap/js/bootstrap.bundle.min.js", assets);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/", asset);
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, asset);
        }
    }

    [Fact]
    public async Task JobsDashboard_IsInTheAdministratorsMenu_AndOpensForThemOnly()
    {
        await using var app = await PanelApp.StartAsync();
        var director = await app.SignInAsync("director");
        Assert.Contains("href=\"/jobs\">Завдання</a>", await director.GetStringAsync("/Today"));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/jobs/recurring")).StatusCode);

        var deputy = await app.SignInAsync("deputy");
        Assert.DoesNotContain("href=\"/jobs\"", await deputy.GetStringAsync("/Today"));
        Assert.NotEqual(HttpStatusCode.OK, (await deputy.GetAsync("/jobs/recurring")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Client().GetAsync("/jobs/recurring")).StatusCode);
    }
}
