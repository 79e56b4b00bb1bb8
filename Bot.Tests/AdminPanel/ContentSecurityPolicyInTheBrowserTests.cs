using Bot.Host.Configuration;
using Bot.Tests.AdminPanel.Journal;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The panel's full Content-Security-Policy (docs/operations.md "Security headers") breaks none of its main pages: in
/// Debian's Chromium the director opens Сьогодні, a class journal's grid, the change log (whose class filter sends its
/// form from the panel's script file, not an inline handler), the timetable, the notification rules, the archive and
/// the conversations, each with the policy in its response, and the browser reports no violation. The watcher itself is
/// shown to work: an inline script put into a page is refused and reported.
/// </summary>
public sealed class ContentSecurityPolicyInTheBrowserTests
{
    [Fact]
    public async Task MainPages_CarryThePolicy_AndTheBrowserReportsNoViolation()
    {
        var (app, _) = await JournalPanel.StartAsync(kestrel: true);
        await using var _app = app;
        await using var session = await BrowserSession.StartAsync();
        var options = GridBrowser.Laptop();
        options.BaseURL = app.BaseUrl();
        var page = await session.Browser.NewPageAsync(options);
        var violations = await BrowserSession.WatchCspAsync(page);

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Логін").FillAsync("director");
        await page.GetByLabel("Пароль").FillAsync(PanelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await BrowserSession.FirstPageAsync(page);

        foreach (var path in new[] { "/Today", JournalPanel.GridUrl(app), "/Audit", "/School/Timetable", "/Rules", "/Archive", "/Talk", "/Journal/Programmes", "/School/LearningOutcomes", "/ClassTeacher/Outcomes", "/Operations" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await response.HeaderValueAsync("content-security-policy"));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // The change log's class filter: choosing a class sends the form (panel.js, no inline handler).
        await page.GotoAsync("/Audit");
        await page.Locator("#ClassId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.WaitForURLAsync(url => url.Contains("ClassId=", StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // The watcher sees a violation when there is one: an inline script added to the page is refused.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); }");
        await page.WaitForTimeoutAsync(300);
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.inlineRan"));
        Assert.NotEmpty(violations);
    }
}
