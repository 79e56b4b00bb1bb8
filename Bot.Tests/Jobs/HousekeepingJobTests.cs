using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Jobs;

/// <summary>The nightly housekeeping deletes what only served a while, and nothing else.</summary>
public sealed class HousekeepingJobTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 20, 1, 40, 0, DateTimeKind.Utc);
    private TestDatabase _database = null!;
    private TestSchool _s = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private OutboxMessage Row(string key, DateTime created, bool sent)
    {
        var row = new OutboxMessage(_s.School.Id, key, RecipientKind.Guardian, _s.IvanenkoMother.Id, NotificationKind.MarkAlert, "{}", created, created);
        if (sent) row.MarkSent(created.AddMinutes(1));
        return row;
    }

    [Fact]
    public async Task Run_DeletesOldClaimsAttemptsAndFinishedRows_KeepsRecentOnesAndEverythingStillWaiting()
    {
        await using (var db = _database.NewContext())
        {
            db.ProcessedUpdates.AddRange(
                new ProcessedUpdate(Channel.Telegram, "1", Now.AddDays(-8)),
                new ProcessedUpdate(Channel.Telegram, "2", Now.AddDays(-6)),
                new ProcessedUpdate(Channel.Viber, "3", Now.AddHours(-1)));
            db.LinkAttempts.AddRange(
                new LinkAttempt(Channel.Telegram, "7001", Now.AddDays(-31), false),
                new LinkAttempt(Channel.Telegram, "7001", Now.AddMinutes(-5), false));
            db.Outbox.AddRange(
                Row("old-sent", Now.AddDays(-200), sent: true),
                Row("old-waiting", Now.AddDays(-200), sent: false),
                Row("recent-sent", Now.AddDays(-20), sent: true));
            await db.SaveChangesAsync();
        }

        await using (var db = _database.NewContext())
        {
            var result = await new HousekeepingJob(db, new FakeTimeProvider(Now), NullLogger<HousekeepingJob>.Instance).RunAsync(CancellationToken.None);
            Assert.Equal(new HousekeepingResult(1, 1, 1), result);
        }

        await using (var check = _database.NewContext())
        {
            Assert.Equal(["2", "3"], (await check.ProcessedUpdates.Select(u => u.UpdateId).ToListAsync()).Order());
            Assert.Equal(Now.AddMinutes(-5), Assert.Single(await check.LinkAttempts.ToListAsync()).AtUtc);
            Assert.Equal(["old-waiting", "recent-sent"], (await check.Outbox.Select(o => o.IdempotencyKey).ToListAsync()).Order());
        }

        // A second run the same night finds nothing more to delete.
        await using (var db = _database.NewContext())
            Assert.Equal(new HousekeepingResult(0, 0, 0),
                await new HousekeepingJob(db, new FakeTimeProvider(Now), NullLogger<HousekeepingJob>.Instance).RunAsync(CancellationToken.None));
    }
}
