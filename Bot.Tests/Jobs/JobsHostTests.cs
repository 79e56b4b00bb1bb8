using System.Net;
using Bot.Domain.Identity;
using Bot.Host.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Tests.Jobs;

/// <summary>Hangfire in Bot.Host: storage per provider, the server only with the `jobs` role, `/readyz`, the dashboard at `/jobs`.</summary>
public sealed class JobsHostTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"journal-jobs-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var jobs = _file[..^3] + "-jobs.db";
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm", jobs, jobs + "-wal", jobs + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return Task.CompletedTask;
    }

    private WebApplicationFactory<Program> Start(string roles = "bot,jobs,admin", bool plainHttpPanel = false) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Journal", $"Data Source={_file}");
            b.UseSetting("Host:Roles", roles);
            b.UseEnvironment("Production");
            // Production cookies are HTTPS-only; this test talks plain HTTP on loopback, as a panel without TLS would.
            if (plainHttpPanel) b.UseSetting("Admin:SecureCookies", "false");
        });

    private static async Task WaitForServersAsync(JobStorage storage, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (storage.GetMonitoringApi().Servers().Count != count && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    [Fact]
    public async Task JobsRole_RunsOneHangfireServer_WithAOneSecondSchedulePoll()
    {
        await using var app = Start();
        _ = app.Server;
        var storage = app.Services.GetRequiredService<JobStorage>();
        await WaitForServersAsync(storage, 1);
        Assert.Single(storage.GetMonitoringApi().Servers());
        Assert.Equal(TimeSpan.FromSeconds(1), app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value.SchedulePollingInterval);
        Assert.IsType<Hangfire.Storage.SQLite.SQLiteStorage>(storage); // ADR 0030: durable on the embedded default
    }

    [Fact]
    public async Task WithoutTheJobsRole_NoServerRuns_ButJobsCanBeEnqueued()
    {
        await using var app = Start("bot,admin");
        _ = app.Server;
        var storage = app.Services.GetRequiredService<JobStorage>();
        await Task.Delay(300);
        Assert.Empty(storage.GetMonitoringApi().Servers());
        Assert.NotNull(app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => Console.WriteLine("waits for a jobs process")));
        Assert.Equal(1, storage.GetMonitoringApi().EnqueuedCount("default"));
    }

    [Fact]
    public async Task Readyz_ChecksTheJobStorage()
    {
        await using var app = Start();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, report.Entries["job storage"].Status);
        Assert.Contains("database", report.Entries.Keys);
    }

    [Fact]
    public async Task Dashboard_RefusesAnAnonymousLocalRequest()
    {
        await using var app = Start(plainHttpPanel: true);
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address.Replace("localhost", "127.0.0.1")) };
        var response = await http.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // loopback is no sign-in
        Assert.DoesNotContain("Завдання — шкільний журнал", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("127.0.0.1", null, false)]
    [InlineData("::1", null, false)]
    [InlineData("127.0.0.1", PanelRoles.Deputy, false)]
    [InlineData("203.0.113.7", PanelRoles.Administrator, true)]
    [InlineData("127.0.0.1", PanelRoles.Administrator, true)]
    public void Dashboard_LetsInOnlyASignedInAdministrator_FromAnywhere(string remote, string? role, bool allowed)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Connection.LocalIpAddress = IPAddress.Parse(remote);
        if (role is not null)
            http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)], "cookie"));
        Assert.Equal(allowed, JobsDashboardAuthorization.IsAllowed(http));
    }

    [Fact]
    public void Dashboard_AnAdministratorWithAOneTimePassword_IsRefused()
    {
        var http = new DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, PanelRoles.Administrator),
                new System.Security.Claims.Claim(global::AdminPanel.Access.PanelClaims.MustChangePassword, "true"),
            ], "cookie")),
        };
        Assert.False(JobsDashboardAuthorization.IsAllowed(http));
    }

    [Fact]
    public void Dashboard_RequestWithoutARemoteAddress_IsRefused() =>
        Assert.False(JobsDashboardAuthorization.IsAllowed(new DefaultHttpContext()));
}
