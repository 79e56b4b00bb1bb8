using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Host.Channels;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Telegram;

/// <summary>
/// An update's claim rides in the same transaction as its first write (ADR 0020): one save, and a second delivery —
/// from this process or another — neither writes nor answers.
/// </summary>
public sealed class UpdateClaimTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.SqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>A write of the update that the claim can ride in (any row outside the roster will do).</summary>
    private static void Write(Bot.Domain.Persistence.JournalDbContext db, string what) =>
        db.LinkAttempts.Add(new LinkAttempt(Channel.Telegram, what, DateTime.UtcNow, false));

    [Fact]
    public async Task Claim_IsCommittedByTheUpdatesOwnSave_AndCompleteSavesNothingMore()
    {
        await using var db = _database.NewContext();
        var saves = 0;
        db.SavedChanges += (_, _) => saves++;
        using var claim = new UpdateClaim(db, TimeProvider.System, new UpdatesInFlight());

        Assert.True(await claim.BeginAsync(Channel.Telegram, "100", default));
        Write(db, "mark");
        await db.SaveChangesAsync();
        Assert.True(await claim.CompleteAsync(default));

        Assert.Equal(1, saves);
        await using var check = _database.NewContext();
        Assert.True(await check.ProcessedUpdates.AnyAsync(p => p.UpdateId == "100"));
    }

    [Fact]
    public async Task Claim_OfAnUpdateThatWritesNothing_IsSavedAtCompletion_AndARedeliveryIsSkipped()
    {
        await using (var db = _database.NewContext())
        {
            using var claim = new UpdateClaim(db, TimeProvider.System, new UpdatesInFlight());
            Assert.True(await claim.BeginAsync(Channel.Telegram, "101", default));
            Assert.True(await claim.CompleteAsync(default));
        }

        await using (var db = _database.NewContext())
        {
            using var again = new UpdateClaim(db, TimeProvider.System, new UpdatesInFlight());
            Assert.False(await again.BeginAsync(Channel.Telegram, "101", default));
        }
    }

    [Fact]
    public async Task SecondDelivery_InThisProcess_WhileTheFirstIsHandled_IsSkippedAtOnce()
    {
        var inFlight = new UpdatesInFlight();
        await using var db1 = _database.NewContext();
        await using var db2 = _database.NewContext();
        using (var first = new UpdateClaim(db1, TimeProvider.System, inFlight))
        {
            Assert.True(await first.BeginAsync(Channel.Telegram, "102", default));
            using var second = new UpdateClaim(db2, TimeProvider.System, inFlight);
            Assert.False(await second.BeginAsync(Channel.Telegram, "102", default));
            Assert.True(await first.CompleteAsync(default));
        }

        // The first has left the in-flight set; what stops a third delivery now is the committed claim.
        await using var db3 = _database.NewContext();
        using var third = new UpdateClaim(db3, TimeProvider.System, inFlight);
        Assert.False(await third.BeginAsync(Channel.Telegram, "102", default));
    }

    [Fact]
    public async Task SecondDelivery_FromAnotherProcess_LosesAtTheKey_WritesNothingAndStaysSilent()
    {
        await using var db1 = _database.NewContext();
        await using var db2 = _database.NewContext();
        using var first = new UpdateClaim(db1, TimeProvider.System, new UpdatesInFlight());
        using var second = new UpdateClaim(db2, TimeProvider.System, new UpdatesInFlight()); // another process: its own set
        Assert.True(await first.BeginAsync(Channel.Telegram, "103", default));
        Assert.True(await second.BeginAsync(Channel.Telegram, "103", default)); // both looked before either committed

        Write(db1, "first");
        await db1.SaveChangesAsync();
        Write(db2, "second");
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db2.SaveChangesAsync());

        Assert.True(await second.IsTakenByAnotherAsync(default));
        Assert.True(await first.CompleteAsync(default));
        await using var check = _database.NewContext();
        Assert.Equal(["first"], await check.LinkAttempts.Select(a => a.ChatId).ToListAsync());
    }

    [Fact]
    public async Task SecondDelivery_FromAnotherProcess_ThatWroteNothing_IsToldNotToAnswer()
    {
        await using var db1 = _database.NewContext();
        await using var db2 = _database.NewContext();
        using var first = new UpdateClaim(db1, TimeProvider.System, new UpdatesInFlight());
        using var second = new UpdateClaim(db2, TimeProvider.System, new UpdatesInFlight());
        Assert.True(await first.BeginAsync(Channel.Telegram, "104", default));
        Assert.True(await second.BeginAsync(Channel.Telegram, "104", default));

        Assert.True(await first.CompleteAsync(default));
        Assert.False(await second.CompleteAsync(default));
    }
}
