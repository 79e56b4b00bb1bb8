using Bot.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// Debian's Chromium driven by Playwright (docs/architecture.md "Dependencies": no `playwright install`), and where the
/// screenshots go: TestResults/screenshots at the repository root, kept as test artifacts.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = Args });
        return new BrowserSession(playwright, browser);
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>
    /// A link of the panel's top menu, reached the way a user would: when it is not visible, unfold the collapsed
    /// navbar (if its menu button shows) and open the dropdown whose menu holds the link. Returns the visible link.
    /// </summary>
    public static async Task<ILocator> OpenNavAsync(IPage page, string linkName)
    {
        // Bootstrap's script wires the toggles: a click before it has run (a loaded machine) does nothing. Wait for the
        // script itself, not for the page's load event: a CI run once saw "load" not come within 30 s after a sign-in
        // redirect although the page was shown and the network idle.
        await page.WaitForFunctionAsync("() => window.bootstrap !== undefined && document.readyState !== 'loading'");
        var nav = page.Locator("#panel-nav");
        var link = nav.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true });
        if (await link.IsVisibleAsync()) return link;
        var toggler = page.Locator("nav.navbar .navbar-toggler");
        if (await toggler.IsVisibleAsync() && !await page.Locator("#panel-nav.show").IsVisibleAsync())
        {
            await toggler.ClickAsync();
            await page.Locator("#panel-nav.show").WaitForAsync(); // the unfolding has finished
            if (await link.IsVisibleAsync()) return link;
        }
        var dropdown = nav.Locator(".dropdown").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true, IncludeHidden = true }) });
        await dropdown.Locator("[data-bs-toggle=dropdown]").ClickAsync();
        await link.WaitForAsync();
        return link;
    }

    /// <summary>
    /// The first page after signing in: a member of staff lands on "Сьогодні" (a teacher) or "Школа сьогодні"
    /// (the director, a deputy); the installation's operator on "Огляд".
    /// </summary>
    public static Task FirstPageAsync(IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Сьогодні|Школа сьогодні|Огляд)$"), Level = 1 }).WaitForAsync();

    /// <summary>How many top-menu links of that name the signed-in person has, folded into a dropdown or not.</summary>
    public static Task<int> NavLinkCountAsync(IPage page, string linkName) =>
        page.Locator("#panel-nav").GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true, IncludeHidden = true }).CountAsync();

    /// <summary>
    /// Collects every Content-Security-Policy violation <paramref name="page"/> reports from now on: the
    /// `securitypolicyviolation` events (an init script, which the policy does not govern, logs them) and Chromium's own
    /// "Refused to …" console errors. Call before the page's first navigation.
    /// </summary>
    public static async Task<List<string>> WatchCspAsync(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.StartsWith("CSP violation", StringComparison.Ordinal))
                lock (violations) violations.Add($"{page.Url}: {m.Text}");
        };
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
            """);
        return violations;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
