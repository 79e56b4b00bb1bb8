using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Fakes;
using Bot.Host.Delivery;
using Bot.Host.Telegram;
using Bot.Tests.Infrastructure;
using Bot.Tests.Telegram;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Cluster;

/// <summary>
/// Every `Host:Roles` combination on PostgreSQL (docs/architecture.md "Processes"): `bot` answers the webhook and runs neither
/// Hangfire's server nor the sender; `jobs` runs both and serves neither the webhook nor the panel; `admin` serves the
/// panel and the jobs dashboard over the shared job storage; `/readyz` checks the job storage only where jobs or the
/// dashboard need it; `/metrics` is there in each, refused (403) to a request that is not from this machine.
/// </summary>
[Collection("postgres")]
public sealed class RolesTests(PostgresServer server)
{
    private const string WebhookPath = "/tg/roles-hook";
    private const string MetricsToken = "metrics-token-for-tests";

    [Theory]
    [InlineData("bot")]
    [InlineData("jobs")]
    [InlineData("admin")]
    [InlineData("bot,jobs")]
    public async Task EachRoleCombination_StartsAndServesWhatItShould(string roles)
    {
        var has = roles.Split(',').ToHashSet();
        var cs = await server.CreateDatabaseAsync("roles");
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Journal", cs);
            b.UseSetting("Database:Provider", "PostgreSQL");
            b.UseSetting("Host:Roles", roles);
            b.UseSetting("Audit:KeyPath", TestAuditKey.Path); // made by `migrate` in an installation (ADR 0037)
            b.UseSetting("Admin:BootstrapPassword", "пароль для тесту ролей");
            b.UseSetting("Telegram:Token", FakeTelegramServer.Token);
            b.UseSetting("Telegram:ApiBaseUrl", telegram.BaseUrl);
            b.UseSetting("Telegram:WebhookUrl", "https://school.example" + WebhookPath);
            b.UseSetting("Telegram:WebhookSecret", TelegramTestHost.WebhookSecret);
            b.UseSetting("Metrics:Token", MetricsToken);
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains("database", report.Entries.Keys);
        Assert.Equal(has.Contains("jobs") || has.Contains("admin"), report.Entries.ContainsKey("job storage"));

        // What runs in the background.
        var hosted = app.Services.GetServices<IHostedService>().Select(h => h.GetType().Name).ToList();
        Assert.Equal(has.Contains("jobs"), hosted.Contains(nameof(OutboxSender)));
        Assert.Equal(has.Contains("jobs"), hosted.Any(h => h.Contains("BackgroundJobServer", StringComparison.Ordinal)));
        Assert.Equal(has.Contains("bot"), hosted.Contains("TelegramStartup"));
        if (has.Contains("jobs") || has.Contains("admin"))
        {
            var storage = app.Services.GetRequiredService<JobStorage>();
            if (has.Contains("jobs")) await FakeTelegramServer.WaitUntilAsync(() => storage.GetMonitoringApi().Servers().Count == 1, TimeSpan.FromSeconds(20), "the Hangfire server");
            else Assert.Empty(storage.GetMonitoringApi().Servers());
        }

        // The webhook: answered (and the update replied to) only with the bot role.
        var update = $$$"""{"update_id":7001,"message":{"message_id":1,"date":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"chat":{"id":5551,"type":"private","first_name":"Оксана"},"from":{"id":5551,"is_bot":false,"first_name":"Оксана"},"text":"/start"}}""";
        using var post = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(update, Encoding.UTF8, "application/json") };
        post.Headers.Add(TelegramWebhook.SecretHeader, TelegramTestHost.WebhookSecret);
        var hook = await client.SendAsync(post);
        if (has.Contains("bot"))
        {
            Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
            Assert.NotEmpty(await telegram.WaitForMessagesAsync(5551));
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, hook.StatusCode);
        }

        // The panel and the jobs dashboard: only with the admin role (the panel sends a stranger to sign in).
        var front = await client.GetAsync("/");
        var dashboard = await client.GetAsync("/jobs");
        if (has.Contains("admin"))
        {
            Assert.Equal(HttpStatusCode.Redirect, front.StatusCode);
            Assert.Contains("/Account/Login", front.Headers.Location!.ToString());
            Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode); // Hangfire's answer to a stranger
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, front.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        }

        // /metrics: a request not from this machine (the test server has no remote address) needs the token.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics")).StatusCode);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        var metrics = await client.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("journal_outbox_depth{state=\"Pending\"} 0", text);
        if (has.Contains("bot")) Assert.Contains("journal_updates_handled_total{channel=\"telegram\"} 1", text);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(wrong)).StatusCode);
    }
}
