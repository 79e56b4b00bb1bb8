using Bot.Domain.Notifications;
using Bot.Fakes;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bot.Tests.Cluster;

/// <summary>
/// Two real Bot.Host processes (roles `bot,jobs`, long polling) against one PostgreSQL database and one fake Telegram
/// server (docs/architecture.md "Processes"): a 5,000-message fan-out reaches every chat once in total under the global
/// rate, killing the sender's process in the middle loses nothing (the other takes over; at most the one message in
/// flight goes twice, `Delivery:MaxInFlight=1`), and long polling fails over to the survivor.
/// </summary>
[Collection("postgres")]
public sealed class TwoProcessTests(PostgresServer server, ITestOutputHelper output)
{
    private const int Rows = 5000;
    private const double GlobalPerSecond = 200;

    /// <summary>
    /// Slack over the global rate in any sliding second, measured at the fake server: the pacer spaces slots 1/rate apart,
    /// but HTTP and a busy machine may bunch a few arrivals; and the survivor's fresh pacer starts as the dead one stops.
    /// </summary>
    private const double RateSlack = 0.10;

    private static Dictionary<string, string> Settings(string connectionString, FakeTelegramServer telegram) => new()
    {
        ["ConnectionStrings:Journal"] = connectionString,
        ["Database:Provider"] = "PostgreSQL",
        ["Host:Roles"] = "bot,jobs",
        ["Audit:KeyPath"] = TestAuditKey.Path, // made by `migrate` in an installation (ADR 0037)
        ["Telegram:Token"] = FakeTelegramServer.Token,
        ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        ["Telegram:PollingLeaseInterval"] = "00:00:01",
        ["Delivery:GlobalPerSecond"] = GlobalPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:MaxInFlight"] = "1",
        ["Delivery:PollInterval"] = "00:00:00.200",
        ["Delivery:LeaseRetryInterval"] = "00:00:00.500",
        ["Jobs:WorkerCount"] = "1",
    };

    [Fact]
    public async Task FanOut_OnceInTotal_UnderTheGlobalRate_AndKillingTheSender_LosesNothing()
    {
        await using var h = await DeliveryHost.CreateAsync(await TestDatabase.PostgresAsync(server));
        await using var telegram = await FakeTelegramServer.StartAsync();
        telegram.Limits.GlobalPerSecond = 10_000; // the test measures the rate itself; Telegram's per-chat limit stays
        var settings = Settings(h.Database.ConnectionString, telegram);
        settings["Logging:LogLevel:Bot.Host.Delivery.OutboxSender"] = "Debug"; // a line per row sent, with its scope
        await using var a = HostProcess.Start("A", settings);
        await using var b = HostProcess.Start("B", settings);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(120)), b.WaitReadyAsync(TimeSpan.FromSeconds(120)));

        var chats = await h.DiariesAsync(Rows, 900_000);
        await HostProcess.WaitUntilAsync(() => telegram.CallsOf("sendMessage").Count >= Rows * 3 / 10, TimeSpan.FromSeconds(120), "the fan-out to be under way");
        Assert.True(a.Logged("holds the outbox sender lease") ^ b.Logged("holds the outbox sender lease"), "exactly one process holds the sender's lease");
        var holder = a.Logged("holds the outbox sender lease") ? a : b;
        var survivor = holder == a ? b : a;
        holder.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var sentBeforeKill = telegram.CallsOf("sendMessage").Count;

        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (await CountAsync(h, o => o.State != OutboxState.Sent) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the survivor did not finish: {await CountAsync(h, o => o.State != OutboxState.Sent)} rows left.\n{survivor.Tail()}");
            await Task.Delay(250);
        }

        await Task.Delay(500); // nothing more comes
        Assert.True(survivor.Logged("holds the outbox sender lease"), "the survivor took the lease over");

        // Every chat got its diary; at most the one in flight at the kill got it twice.
        var perChat = telegram.Messages.GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Rows, perChat.Count);
        Assert.All(chats, c => Assert.InRange(perChat[c], 1, 2));
        var repeated = perChat.Values.Count(n => n > 1);
        Assert.True(repeated <= 1, $"{repeated} chats got their diary twice");

        // The combined rate at Telegram's side, in every sliding second.
        var calls = telegram.CallsOf("sendMessage").Select(c => c.At).Order().ToList();
        var (busiest, at) = BusiestSecond(calls);
        Assert.True(busiest <= GlobalPerSecond * (1 + RateSlack), $"{busiest} sends in the second from {at:HH:mm:ss.fff} (limit {GlobalPerSecond})");

        var lastBefore = calls.Where(c => c <= killedAt).DefaultIfEmpty(killedAt).Max();
        var firstAfter = calls.First(c => c > killedAt);
        var span = (calls[^1] - calls[0]).TotalSeconds;
        output.WriteLine($"{Rows} rows, {calls.Count} sendMessage calls in {span:F1} s ({calls.Count / span:F0}/s overall), busiest second {busiest} (limit {GlobalPerSecond})");
        output.WriteLine($"killed {holder.Name} after {sentBeforeKill} sends; {survivor.Name} sent again {firstAfter - lastBefore:s\\.fff} s after the last send before the kill; {repeated} repeated");

        // The JSON console (Logging:Console:FormatterName=json) carries each row's scope: its school and outbox id.
        var sentLine = survivor.Logs().First(l => l.Message.StartsWith("Outbox: row sent", StringComparison.Ordinal));
        Assert.Contains("\"OutboxId\":\"", sentLine.Scopes);
        Assert.Contains($"\"SchoolId\":\"{h.S.School.Id}\"", sentLine.Scopes);
        Assert.Contains("to Telegram 9", sentLine.Message);

        var metrics = await survivor.MetricsAsync();
        Assert.Contains($"journal_outbox_depth{{state=\"Sent\"}} {Rows}\n", metrics);
        Assert.Contains("journal_outbox_sent_total{kind=\"DailyDiary\"}", metrics);
    }

    [Fact]
    public async Task Polling_FailsOverToTheSurvivor_WhenItsHolderIsKilled()
    {
        var cs = (await TestDatabase.PostgresAsync(server)).ConnectionString;
        await using var telegram = await FakeTelegramServer.StartAsync();
        var settings = Settings(cs, telegram);
        await using var a = HostProcess.Start("A", settings);
        await using var b = HostProcess.Start("B", settings);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(120)), b.WaitReadyAsync(TimeSpan.FromSeconds(120)));

        const string Holds = "holds the Telegram polling lease";
        await HostProcess.WaitUntilAsync(() => a.Logged(Holds) || b.Logged(Holds), TimeSpan.FromSeconds(30), "a process to poll");
        telegram.UserSends(700_001, 700_001, "/start");
        Assert.NotEmpty(await telegram.WaitForMessagesAsync(700_001, timeout: TimeSpan.FromSeconds(30)));
        Assert.True(a.Logged(Holds) ^ b.Logged(Holds), "exactly one process polls");
        var holder = a.Logged(Holds) ? a : b;
        var survivor = holder == a ? b : a;
        Assert.Contains(holder.Logs(), l => l.Message.Contains("long polling", StringComparison.Ordinal));
        Assert.DoesNotContain(survivor.Logs(), l => l.Message == "Telegram: long polling");

        holder.Kill();
        var killed = System.Diagnostics.Stopwatch.StartNew();
        telegram.UserSends(700_002, 700_002, "/start");
        await HostProcess.WaitUntilAsync(() => survivor.Logged(Holds), TimeSpan.FromSeconds(30), "the survivor to take the polling lease");
        var tookLease = killed.Elapsed;
        Assert.NotEmpty(await telegram.WaitForMessagesAsync(700_002, timeout: TimeSpan.FromSeconds(30)));
        var answered = killed.Elapsed;

        output.WriteLine($"{survivor.Name} took the polling lease {tookLease.TotalSeconds:F2} s and answered the next message {answered.TotalSeconds:F2} s after {holder.Name} was killed (Telegram:PollingLeaseInterval 1 s)");
        Assert.True(answered < TimeSpan.FromSeconds(10), $"the survivor answered only after {answered}");
        Assert.Single(telegram.MessagesTo(700_001)); // the first chat was answered once, by the dead holder
    }

    [Fact]
    public async Task TwoProcesses_StartingTogether_OnAnEmptyDatabase_TakeTurns_AndOneMakesTheAdministrator()
    {
        // Not migrated: both processes find an empty database (two at once used to die on "relation already exists").
        var cs = await server.CreateDatabaseAsync("together");
        await using var telegram = await FakeTelegramServer.StartAsync();
        var settings = Settings(cs, telegram);
        settings["Host:Roles"] = "jobs,admin";
        await using var a = HostProcess.Start("A", settings);
        await using var b = HostProcess.Start("B", settings);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(120)), b.WaitReadyAsync(TimeSpan.FromSeconds(120)));

        const string Created = "Created the administrator";
        Assert.True(a.Logged(Created) ^ b.Logged(Created), $"exactly one process makes the administrator.\nA: {a.Tail(10)}\nB: {b.Tail(10)}");
        Assert.False(a.HasExited || b.HasExited);
    }

    private static async Task<int> CountAsync(DeliveryHost h, System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> where)
    {
        await using var db = h.Db();
        return await db.Outbox.CountAsync(where);
    }

    /// <summary>The most calls in any window [t, t + 1 s) starting at a call.</summary>
    private static (int Count, DateTimeOffset At) BusiestSecond(List<DateTimeOffset> sorted)
    {
        var (best, at, j) = (0, DateTimeOffset.MinValue, 0);
        for (var i = 0; i < sorted.Count; i++)
        {
            while (j < sorted.Count && sorted[j] < sorted[i].AddSeconds(1)) j++;
            if (j - i > best) (best, at) = (j - i, sorted[i]);
        }

        return (best, at);
    }
}
