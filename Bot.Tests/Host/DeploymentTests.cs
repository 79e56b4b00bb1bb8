using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Bot.Host.Configuration;
using Bot.Host.Delivery;
using Bot.Host.Files;
using Bot.Host.Telegram;
using Bot.Host.Viber;
using Bot.Tests.AdminPanel;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Bot.Tests.Host;

/// <summary>
/// The deployment files (Dockerfile, docker-compose.yml, .env.example) agree with the code: no Docker engine runs here
///, so what can go wrong silently — a setting misspelt, a role that does not exist, a file the image copies
/// that is gone — is checked against the code itself; the roles run as plain processes in Bot.Tests/Cluster.
/// </summary>
public sealed partial class DeploymentTests
{
    private static readonly string Root = RepositoryRoot.Path;

    /// <summary>The settings sections the product reads, by the options class each binds to.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["Database"] = typeof(DatabaseOptions),
        ["School"] = typeof(SchoolOptions),
        ["Notifications"] = typeof(NotificationsOptions),
        ["Demo"] = typeof(DemoOptions),
        ["Host"] = typeof(HostOptions),
        ["Telegram"] = typeof(TelegramOptions),
        ["Viber"] = typeof(ViberOptions),
        ["Delivery"] = typeof(DeliveryOptions),
        ["Files"] = typeof(FileLinkOptions),
        ["ForwardedHeaders"] = typeof(ForwardedHeadersSettings),
        ["Audit"] = typeof(Bot.Host.Audit.AuditOptions),
    };

    [Fact]
    public void EverySettingTheDeploymentFilesSet_IsOneTheProductReads()
    {
        var names = new[] { "docker-compose.yml", ".env.example", "Dockerfile" }
            .SelectMany(file => SettingName().Matches(File.ReadAllText(Path.Combine(Root, file))).Select(m => (file, m.Value)))
            .Distinct()
            .ToList();
        Assert.Contains(names, n => n.Value == "Telegram__Token");
        Assert.Contains(names, n => n.Value == "Host__Roles");

        var unknown = names.Where(n => !IsKnown(n.Value)).Select(n => $"{n.file}: {n.Value}").ToList();
        Assert.True(unknown.Count == 0, "settings the product does not read: " + string.Join(", ", unknown));
    }

    private static bool IsKnown(string name)
    {
        var parts = name.Split("__");
        return parts switch
        {
            ["ConnectionStrings", "Journal"] => true,
            ["DataProtection", "KeysPath"] => true,
            ["Metrics", "Token"] => true, // read where /metrics is mapped (ObservabilityExtensions)
            ["Logging", "Console", "FormatterName"] => true,
            ["Logging", "LogLevel", _] => true,
            [var section, var key] when Sections.TryGetValue(section, out var type) =>
                type.GetProperty(key, BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true },
            _ => false,
        };
    }

    [Fact]
    public void Compose_RunsEachRole_JobsTwice_WithTheDatabaseHealthy_AndThePanelOnlyOnThisMachine()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var roles = RolesLine().Matches(compose).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["bot", "jobs", "admin"], roles);
        Assert.All(roles, r => Assert.True(new HostOptions { Roles = r }.Has(r)));

        var jobs = Service(compose, "jobs");
        Assert.Contains("replicas: 2", jobs);
        Assert.Contains("pg_isready", Service(compose, "postgres"));
        Assert.Contains("pgdata:/var/lib/postgresql/data", Service(compose, "postgres"));
        Assert.Contains("\"127.0.0.1:8081:8080\"", Service(compose, "admin")); // never on a public interface: caddy serves it over HTTPS
        // X-Forwarded-* believed from caddy's fixed address only, never from everyone (ASPNETCORE_FORWARDEDHEADERS_ENABLED).
        Assert.DoesNotContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED", compose);
        var proxy = Regex.Match(Service(compose, "admin"), @"ForwardedHeaders__KnownProxies: (\S+)").Groups[1].Value;
        Assert.Contains($"ipv4_address: {proxy}", Service(compose, "caddy"));
        Assert.Equal([System.Net.IPAddress.Parse(proxy)], new ForwardedHeadersSettings { KnownProxies = proxy }.Proxies());
        Assert.Contains("{$PANEL_DOMAIN}", File.ReadAllText(Path.Combine(Root, "deploy", "Caddyfile")));
        Assert.Contains("command: [\"migrate\"]", Service(compose, "migrate"));
        Assert.Contains("/readyz", compose); // the services' health checks ask the endpoint that checks the database
        Assert.Contains("Database__Provider: PostgreSQL", compose);
    }

    [Fact]
    public void Dockerfile_IsMultiStage_NonRoot_WithTimeZones_AndCopiesOnlyWhatExists()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        Assert.Equal(2, Regex.Matches(dockerfile, @"^FROM ", RegexOptions.Multiline).Count);
        var runtime = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        Assert.Matches(@"\nUSER \$APP_UID", runtime);
        Assert.Contains("tzdata", runtime);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Bot.Host.dll\"]", runtime);
        Assert.Equal("Bot.Host", typeof(Program).Assembly.GetName().Name);

        var copied = CopySources().Matches(dockerfile).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.NotEmpty(copied);
        var missing = copied.Where(p => !File.Exists(Path.Combine(Root, p)) && !Directory.Exists(Path.Combine(Root, p))).ToList();
        Assert.True(missing.Count == 0, "the Dockerfile copies what the repository lacks: " + string.Join(", ", missing));

        // What the image's projects import from the repository root (the runtime settings, ADR 0025) is copied before the build.
        var imports = new[] { "Bot.Host/Bot.Host.csproj", "Bot.Domain/Bot.Domain.csproj", "AdminPanel/AdminPanel.csproj" }
            .SelectMany(p => ProjectImport().Matches(File.ReadAllText(Path.Combine(Root, p))).Select(m => Path.GetFileName(m.Groups[1].Value.Replace('\\', '/'))))
            .ToList();
        Assert.Contains("ProductRuntime.props", imports);
        Assert.All(imports, i => Assert.Contains(i, copied));

        var caddy = File.ReadAllText(Path.Combine(Root, "deploy", "Caddyfile"));
        Assert.Contains("/tg/*", caddy); // the compose file's Telegram webhook path
        Assert.Contains("/tg/${TELEGRAM_WEBHOOK_PATH", File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
    }

    /// <summary>
    /// `DataProtection:KeysPath` (a volume in compose): a panel started again — a recreated container, another replica —
    /// reads the keys the first one wrote, so the sign-in cookie still opens the panel; without them it does not.
    /// </summary>
    [Fact]
    public async Task PanelKeysInAFolder_ASecondProcessWithTheSameFolder_AcceptsTheSignInCookie()
    {
        var keys = Directory.CreateTempSubdirectory("journal-keys-");
        var otherKeys = Directory.CreateTempSubdirectory("journal-keys-");
        try
        {
            await using var first = await PanelApp.StartAsync(b => b.UseSetting("DataProtection:KeysPath", keys.FullName));
            var signIn = await PanelApp.PostLoginAsync(first.Client(), "deputy", PanelApp.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("journal.auth=", StringComparison.Ordinal)).Split(';')[0];
            Assert.NotEmpty(keys.GetFiles("key-*.xml"));

            await using var second = await PanelApp.StartEmptyAsync(b => b.UseSetting("DataProtection:KeysPath", keys.FullName), first.Database);
            var overview = await GetWithCookieAsync(second, cookie);
            Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
            Assert.Contains("Огляд", await PanelApp.TextAsync(overview));

            await using var stranger = await PanelApp.StartEmptyAsync(b => b.UseSetting("DataProtection:KeysPath", otherKeys.FullName), first.Database);
            var refused = await GetWithCookieAsync(stranger, cookie);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/Login", refused.Headers.Location!.PathAndQuery);
        }
        finally
        {
            keys.Delete(recursive: true);
            otherKeys.Delete(recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(PanelApp app, string cookie)
    {
        using var client = app.Client(handleCookies: false);
        // The schools' overview: "/" sends a member of staff on to their today page.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Overview");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>A service's block of the compose file: from its name at two spaces to the next such name.</summary>
    private static string Service(string compose, string name)
    {
        var start = compose.IndexOf($"\n  {name}:\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no service {name}");
        var next = Regex.Match(compose[(start + 3)..], @"\n  [a-z]+:\n|\n[a-z]");
        return next.Success ? compose.Substring(start, next.Index + 3) : compose[start..];
    }


    /// <summary>Section__Key settings as environment variables (two or three parts, first letter capital).</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+__[A-Z][A-Za-z]+(?:__[A-Z][A-Za-z]+)?\b")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"<Import Project=""([^""]+)""")]
    private static partial Regex ProjectImport();

    [GeneratedRegex(@"Host__Roles: ([a-z,]+)")]
    private static partial Regex RolesLine();

    /// <summary>The sources of COPY lines that copy from the build context (not --from a stage): all but the last word.</summary>
    [GeneratedRegex(@"^COPY (?!--from)((?:\S+ )+)\S+$", RegexOptions.Multiline)]
    private static partial Regex CopySources();
}
