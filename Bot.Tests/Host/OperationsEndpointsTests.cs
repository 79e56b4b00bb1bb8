using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Bot.Host.Configuration;
using Bot.Host.Jobs;
using Bot.Tests.AdminPanel;
using Bot.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host;

/// <summary>
/// Hardening: the operations endpoints are closed by default. `/jobs` opens for a signed-in administrator only —
/// not for an anonymous request over loopback, nor one that forges forwarded headers; `/metrics` wants the bearer token
/// unless `Metrics:AllowLoopback` says loopback may scrape; `X-Forwarded-For`/`-Proto` are believed from
/// `ForwardedHeaders:KnownProxies`/`KnownNetworks` only (and `Forwarded:` never); deploy/nginx.conf sends what the app
/// believes, from where the app's defaults believe it.
/// </summary>
public sealed partial class OperationsEndpointsTests
{
    private const string Token = "metrics-token-of-the-test";

    /// <summary>A client over real TCP to 127.0.0.1 (the panel's HTTPS port, its throwaway certificate accepted).</summary>
    private static HttpClient LoopbackClient(PanelApp app) => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = new UriBuilder(app.BrowserAddress) { Host = "127.0.0.1" }.Uri,
    };

    private static void Forge(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.TryAddWithoutValidation("Forwarded", "for=127.0.0.1;proto=https");
        request.Headers.TryAddWithoutValidation("X-Real-IP", "127.0.0.1");
    }

    [Fact]
    public async Task Jobs_AnonymousOverLoopback_IsRefused_ForgedHeadersOrNot_AndTriggersNothing()
    {
        await using var app = await PanelApp.StartAsync(kestrel: true);
        using var http = LoopbackClient(app);

        foreach (var path in new[] { "/jobs", "/jobs/recurring" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);
            using var forged = new HttpRequestMessage(HttpMethod.Get, path);
            Forge(forged);
            var answer = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.DoesNotContain("Завдання — шкільний журнал", await answer.Content.ReadAsStringAsync());
        }

        // Today's hole: an anonymous POST from the machine ran a recurring job. Now it is refused and nothing is enqueued.
        var storage = app.Services.GetRequiredService<JobStorage>();
        await Bot.Fakes.FakeTelegramServer.WaitUntilAsync(() => Recurring(storage).Any(j => j.Id == HousekeepingJob.Id), TimeSpan.FromSeconds(10), "the recurring jobs' registration");
        var before = Recurring(storage).Single(j => j.Id == HousekeepingJob.Id).LastJobId;
        using var trigger = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", HousekeepingJob.Id)]),
        };
        Forge(trigger);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(trigger)).StatusCode);
        await Task.Delay(300);
        Assert.Equal(before, Recurring(storage).Single(j => j.Id == HousekeepingJob.Id).LastJobId);
    }

    [Fact]
    public async Task Jobs_OpenForASignedInAdministrator_NotForOtherRoles()
    {
        await using var app = await PanelApp.StartAsync();
        // The director (the Administrator role) opens it; a deputy and a teacher are refused (403: signed in, no role).
        var director = await app.SignInAsync("director");
        var page = await director.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Завдання — шкільний журнал", await page.Content.ReadAsStringAsync());
        foreach (var login in new[] { "deputy", "teacher" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync(login)).GetAsync("/jobs/recurring")).StatusCode);
    }

    private static List<RecurringJobDto> Recurring(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    [Fact]
    public async Task Metrics_ByDefault_WantTheToken_AlsoOverLoopback_AndWithForgedHeaders()
    {
        await using var app = await PanelApp.StartAsync(b => b.UseSetting("Metrics:Token", Token), kestrel: true);
        using var http = LoopbackClient(app);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/metrics")).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        Forge(forged);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(forged)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-" + Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrong)).StatusCode);

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var metrics = await http.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("journal_outbox_depth", await metrics.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_WithLoopbackAllowed_OnlyARealLocalClientScrapes_NotAForgedOne_NorOneThroughTheProxy()
    {
        await using var app = await PanelApp.StartAsync(b => b.UseSetting("Metrics:AllowLoopback", "true"));

        // A process on this machine, no proxy in between: allowed, as the setting says.
        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(app, "/metrics", "127.0.0.1")).Response.StatusCode);
        // A stranger saying it is loopback: not a known proxy, so its headers are ignored.
        Assert.Equal(StatusCodes.Status403Forbidden, (await SendAsync(app, "/metrics", "203.0.113.7",
            ("X-Forwarded-For", "127.0.0.1"), ("Forwarded", "for=127.0.0.1"))).Response.StatusCode);
        // A stranger through the proxy on this machine (which names them, as deploy/nginx.conf does): refused too.
        var proxied = await SendAsync(app, "/metrics", "127.0.0.1", ("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Proto", "https"));
        Assert.Equal(StatusCodes.Status403Forbidden, proxied.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), proxied.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task ForwardedHeaders_AreBelievedFromTheConfiguredProxiesOnly()
    {
        await using var app = await PanelApp.StartAsync(b => b.UseSetting("ForwardedHeaders:KnownProxies", "10.0.0.2"));

        // From the configured proxy: its X-Forwarded-Proto makes the panel's plain-HTTP request HTTPS, its X-Forwarded-For the client.
        var viaProxy = await SendAsync(app, "/Account/Login", "10.0.0.2", ("X-Forwarded-For", "198.51.100.4"), ("X-Forwarded-Proto", "https"));
        Assert.Equal(StatusCodes.Status200OK, viaProxy.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("198.51.100.4"), viaProxy.Connection.RemoteIpAddress);
        Assert.Equal("https", viaProxy.Request.Scheme);

        // From anyone else — loopback included, now that it is not configured — the headers change nothing.
        foreach (var stranger in new[] { "203.0.113.7", "127.0.0.1" })
        {
            var forged = await SendAsync(app, "/Account/Login", stranger, ("X-Forwarded-For", "10.0.0.2"), ("X-Forwarded-Proto", "https"), ("Forwarded", "for=10.0.0.2;proto=https"));
            Assert.Equal(StatusCodes.Status400BadRequest, forged.Response.StatusCode); // "the panel opens over HTTPS only"
            Assert.Equal(IPAddress.Parse(stranger), forged.Connection.RemoteIpAddress);
            Assert.Equal("http", forged.Request.Scheme);
        }

        // RFC 7239's header is never read, even from the proxy.
        var rfc = await SendAsync(app, "/Account/Login", "10.0.0.2", ("Forwarded", "for=198.51.100.4;proto=https"));
        Assert.Equal(StatusCodes.Status400BadRequest, rfc.Response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_ThatDoNotParse_StopTheStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await PanelApp.StartAsync(b => b.UseSetting("ForwardedHeaders:KnownNetworks", "10.0.0.0/99"));
        });
        Assert.Contains("ForwardedHeaders:KnownNetworks", error.ToString());
    }

    /// <summary>A plain-HTTP request to the in-memory server from <paramref name="remote"/>, as a connection of that address would be.</summary>
    private static Task<HttpContext> SendAsync(PanelApp app, string path, string remote, params (string Name, string Value)[] headers) =>
        app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("school.example");
            c.Request.Path = path;
            c.Request.Headers.Accept = "text/html";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            c.Connection.LocalIpAddress = IPAddress.Loopback;
            foreach (var (name, value) in headers) c.Request.Headers[name] = value;
        });

    // deploy/nginx.conf against the rules above.

    private static string Nginx() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "nginx.conf"));

    [Fact]
    public void NginxExample_SendsEveryHeaderTheAppBelieves_FromAnAddressTheAppsDefaultsBelieve()
    {
        var conf = Nginx();
        var set = ProxySetHeader().Matches(conf).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);

        // Every forwarded header the app applies is set by the proxy — replaced, never appended to what the client sent.
        var believed = new ForwardedHeadersOptions();
        new ForwardedHeadersSettings().ApplyTo(believed);
        Assert.Equal(ForwardedHeadersSettings.Trusted, believed.ForwardedHeaders);
        Assert.True(believed.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor));
        Assert.Equal("$remote_addr", set[believed.ForwardedForHeaderName]);
        Assert.True(believed.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedProto));
        Assert.Equal("$scheme", set[believed.ForwardedProtoHeaderName]);
        Assert.False(believed.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedHost)); // Host is nginx's own $host
        Assert.Equal("\"\"", set["Forwarded"]); // a client's RFC 7239 header is not passed on
        Assert.DoesNotContain("$proxy_add_x_forwarded_for", conf);

        // nginx connects from this machine to the app on loopback: an address the app's default proxies include.
        var upstream = Regex.Match(conf, @"proxy_pass http://([0-9.]+):(\d+);");
        Assert.True(upstream.Success, "proxy_pass to an IP address and port");
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(upstream.Groups[1].Value)));
        Assert.Contains(IPAddress.Loopback, believed.KnownProxies);
        Assert.Contains(IPAddress.IPv6Loopback, believed.KnownProxies);
        Assert.Empty(believed.KnownIPNetworks);
        Assert.Contains($"--urls http://127.0.0.1:{upstream.Groups[2].Value}", conf); // the app listens where nginx sends

        // /metrics is not published through the proxy; /jobs is (the app asks for the administrator's sign-in).
        Assert.Matches(@"location = /metrics \{\s*return 404;\s*\}", conf);
        Assert.DoesNotContain("location /jobs", conf);
    }

    [Fact]
    public async Task NginxExample_TheRequestItForwards_IsHttpsForThePanel_AndAnOutsiderForMetrics()
    {
        // Exactly the headers deploy/nginx.conf sets for a browser at 198.51.100.4 over HTTPS, from nginx on loopback.
        var conf = Nginx();
        var headers = ProxySetHeader().Matches(conf)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value switch
            {
                "$remote_addr" => "198.51.100.4",
                "$scheme" => "https",
                "$host" => "school.example",
                "\"\"" => "",
                var other => throw new InvalidOperationException("an nginx variable the test does not know: " + other),
            }))
            .Where(h => h.Item2 != "")
            .ToArray();
        await using var app = await PanelApp.StartAsync(b => b.UseSetting("Metrics:AllowLoopback", "true"));

        var login = await SendAsync(app, "/Account/Login", "127.0.0.1", headers);
        Assert.Equal(StatusCodes.Status200OK, login.Response.StatusCode);
        Assert.Equal("https", login.Request.Scheme);
        Assert.Equal(StatusCodes.Status403Forbidden, (await SendAsync(app, "/metrics", "127.0.0.1", headers)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await SendAsync(app, "/jobs", "127.0.0.1", headers)).Response.StatusCode);
    }


    [GeneratedRegex(@"proxy_set_header\s+(\S+)\s+([^;]+);")]
    private static partial Regex ProxySetHeader();
}
