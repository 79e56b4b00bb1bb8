using Bot.Host.Telegram;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Tests.Cluster;

/// <summary>Telegram long polling under a PostgreSQL advisory lock (docs/architecture.md "Processes"): one poller, a second takes over.</summary>
[Collection("postgres")]
public sealed class PollingLeaseTests(PostgresServer server)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private static PostgresPollingLease Lease(string cs) => new(cs, Interval, TimeProvider.System, NullLogger<PostgresPollingLease>.Instance);

    [Fact]
    public async Task SecondProcess_WaitsForTheLock_TheHolderSeesItLost_AndTheOtherTakesOver()
    {
        var cs = await server.CreateDatabaseAsync("polllease");
        var a = Lease(cs);
        var b = Lease(cs);
        var turnA = await a.AcquireAsync(default);
        var waitingB = b.AcquireAsync(default);
        await Task.Delay(Interval * 4);
        Assert.False(waitingB.IsCompleted, "the second process polls while the first holds the lock");
        Assert.False(turnA.Lost.IsCancellationRequested);

        await using (var admin = new NpgsqlConnection(cs))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", a.BackendProcessId!.Value);
            await kill.ExecuteScalarAsync();
        }

        // The holder notices within an interval or two; the waiting process takes the lock at one of its next tries.
        var lost = Task.Delay(Timeout.Infinite, turnA.Lost);
        Assert.Same(lost, await Task.WhenAny(lost, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Same(waitingB, await Task.WhenAny(waitingB, Task.Delay(TimeSpan.FromSeconds(5))));
        await turnA.DisposeAsync();

        // Giving the turn back lets the first one in again.
        var againA = a.AcquireAsync(default);
        await Task.Delay(Interval * 3);
        Assert.False(againA.IsCompleted);
        await (await waitingB).DisposeAsync();
        await (await againA.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }
}
