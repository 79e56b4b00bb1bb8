using Bot.Host.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Jobs;

/// <summary>
/// Durable jobs (ADR 0030): on the embedded default Hangfire keeps its jobs in a SQLite file of their own beside the
/// journal's, so what one host instance scheduled runs in the next, and the dashboard's history outlives a restart.
/// </summary>
public sealed class DurableJobsTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"jobs-durable-{Guid.NewGuid():N}");
    private string Journal => Path.Combine(_dir, "journal.db");
    private string Marker => Path.Combine(_dir, "ran.txt");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private WebApplicationFactory<Program> Start(string roles) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Journal", $"Data Source={Journal}");
            b.UseSetting("Host:Roles", roles);
            b.UseEnvironment("Production");
        });

    [Fact]
    public async Task AJobScheduledByOneInstance_IsStoredBesideTheJournal_AndRunsOnceInTheNext()
    {
        string id;
        await using (var first = Start("bot,admin")) // no jobs role: nothing here can run it
        {
            _ = first.Server;
            Assert.Equal(Path.Combine(_dir, "jobs.db"), JobsExtensions.SqlitePath(first.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), new JobsOptions()));
            id = first.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => DurableJobProbe.Run(Marker), TimeSpan.FromSeconds(1));
        }

        Assert.True(File.Exists(Path.Combine(_dir, "jobs.db")));
        Assert.False(File.Exists(Marker));

        await using var second = Start("bot,jobs,admin");
        _ = second.Server;
        var storage = second.Services.GetRequiredService<JobStorage>();
        await WaitUntilAsync(() => StateOf(storage, id) == "Succeeded", "the scheduled job to run in the next instance");
        await Task.Delay(1500); // a second poll would run it again if it were still scheduled
        Assert.Equal(["ran"], await File.ReadAllLinesAsync(Marker));
    }

    [Fact]
    public async Task TheDashboardsHistory_AndOneOfEachRecurringJob_SurviveARestart()
    {
        string id;
        await using (var first = Start("bot,jobs,admin"))
        {
            _ = first.Server;
            var storage = first.Services.GetRequiredService<JobStorage>();
            id = first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => DurableJobProbe.Run(Marker));
            await WaitUntilAsync(() => StateOf(storage, id) == "Succeeded", "the job to run");
        }

        await using var second = Start("bot,jobs,admin");
        _ = second.Server;
        var monitoring = second.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Contains(monitoring.SucceededJobs(0, 50), j => j.Key == id);
        Assert.True(monitoring.GetStatistics().Succeeded >= 1);
        using var connection = second.Services.GetRequiredService<JobStorage>().GetConnection();
        // Registered at both starts, kept once each.
        await WaitUntilAsync(() => connection.GetRecurringJobs().Count >= 7, "the recurring jobs to be registered again");
        var recurring = connection.GetRecurringJobs();
        Assert.Equal(recurring.Count, recurring.Select(r => r.Id).Distinct().Count());
        Assert.Contains(recurring, r => r.Id == DailyDiaryJob.Id);
        Assert.Equal(7, recurring.Count); // the evening diary, the class teachers' week, A-4, the teachers' end of day, the audit check, the audit head to the director, housekeeping
    }

    private static string? StateOf(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(id)?.Name;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}

/// <summary>A job the tests can see run: one line in a file per run.</summary>
public static class DurableJobProbe
{
    public static void Run(string path) => File.AppendAllText(path, "ran\n");
}
