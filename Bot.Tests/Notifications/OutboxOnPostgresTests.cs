using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Host.Delivery;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Tests.Notifications;

/// <summary>One outbox sender per installation on PostgreSQL: the advisory lock, and a second process taking over.</summary>
[Collection("postgres")]
public sealed class OutboxOnPostgresTests(PostgresServer server)
{
    private static PostgresAdvisoryLease Lease(string cs) => new(cs, NullLogger<PostgresAdvisoryLease>.Instance);

    [Fact]
    public async Task TwoSenders_OneHoldsTheLock_KillingItsConnection_LetsTheOtherTakeOver()
    {
        var cs = await server.CreateDatabaseAsync("lease");
        var a = Lease(cs);
        var b = Lease(cs);
        Assert.True(await a.TryAcquireAsync(default));
        Assert.False(await b.TryAcquireAsync(default));
        Assert.True(await a.IsHeldAsync(default));

        await using (var admin = new NpgsqlConnection(cs))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", a.BackendProcessId!.Value);
            await kill.ExecuteScalarAsync();
        }

        Assert.False(await a.IsHeldAsync(default));
        // The killed backend lets go of its locks as it exits, a moment after its client saw the connection end: the other
        // process takes the lock at one of its next tries (every Delivery:LeaseRetryInterval in the sender).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await b.TryAcquireAsync(default))
        {
            Assert.True(DateTime.UtcNow < deadline, "the other process never got the lock");
            await Task.Delay(50);
        }

        Assert.False(await a.TryAcquireAsync(default));
        await b.ReleaseAsync();
        Assert.True(await a.TryAcquireAsync(default));
        await a.ReleaseAsync();
    }

    [Fact]
    public async Task TwoProcesses_OnlyTheHolderSends_AndTheOtherFinishesWhenItStops()
    {
        await using var database = await TestDatabase.PostgresAsync(server);
        await using var first = await DeliveryHost.CreateAsync(database);
        var settings = new Dictionary<string, string?> { ["Delivery:GlobalPerSecond"] = "20", ["Delivery:LeaseRetryInterval"] = "00:00:00.200" };
        await first.StartAsync(settings);
        await using var second = await DeliveryHost.CreateAsync(database);
        await second.StartAsync(settings);

        var now = TestSchool.Now.UtcDateTime;
        var s = first.S;
        await using (var db = database.NewContext())
        {
            for (var i = 0; i < 60; i++)
            {
                var g = new Guardian(s.School.Id, "Коваль", $"Гість{i:D2}");
                db.Add(g);
                db.Consents.Add(new Consent(s.School.Id, g.Id, new DateOnly(2026, 9, 1), s.ClassTeacher.Id, now));
                var prefs = new RecipientPreferences(s.School.Id, Bot.Domain.Linking.PersonKind.Guardian, g.Id);
                prefs.SetQuietHours(null, null);
                db.Preferences.Add(prefs);
                await DeliveryHost.LinkAsync(db, s.School.Id, Bot.Domain.Linking.PersonKind.Guardian, g.Id, 830000 + i);
                db.Outbox.Add(new OutboxMessage(s.School.Id, $"pg-{i}", RecipientKind.Guardian, g.Id, NotificationKind.DailyDiary,
                    $$"""{"message":[[["p","Щоденник {{i}}"]]]}""", now, now));
            }

            await db.SaveChangesAsync();
        }

        await FakeTelegramServer.WaitUntilAsync(() => first.Telegram.Messages.Count + second.Telegram.Messages.Count >= 10, TimeSpan.FromSeconds(20), "the fan-out to start");
        var holder = first.Telegram.Messages.Count > 0 ? first : second;
        var other = holder == first ? second : first;
        Assert.Empty(other.Telegram.Messages); // one sender per installation
        var holderTelegram = holder.Telegram;
        await holder.StopAsync(); // its in-flight sends finish within the stop's grace
        var before = holderTelegram.Messages.ToList();

        await other.WaitForRowsAsync(r => r.All(x => x.State == OutboxState.Sent), "the other process to finish", TimeSpan.FromSeconds(30));
        var all = before.Concat(other.Telegram!.Messages).GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(60, all.Count);
        Assert.True(all.Values.Count(n => n > 1) <= 4, "at most the rows in flight at the stop may go twice");
        Assert.NotEmpty(other.Telegram.Messages);
    }
}
