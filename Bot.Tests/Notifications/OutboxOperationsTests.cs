using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>
/// The operations page's queries and its one write on both databases: the outbox counted by state and listed
/// by state and kind with recipients' names, a dead row retried with an audit record, links counted by messenger with
/// the closed ones by reason.
/// </summary>
public abstract class OutboxOperationsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        var now = S.Clock.GetUtcNow().UtcDateTime;
        var dead = new OutboxMessage(S.School.Id, "dead", RecipientKind.Guardian, S.IvanenkoMother.Id, NotificationKind.MarkAlert, "{}", now, now);
        dead.MarkDead("Forbidden: bot was blocked by the user");
        var failed = new OutboxMessage(S.School.Id, "failed", RecipientKind.Staff, S.ClassTeacher.Id, NotificationKind.ClassTeacherWeek, "{}", now, now);
        failed.MarkFailed("HTTP 502", now.AddMinutes(4), 5);
        var invite = new Invite(S.School.Id, PersonKind.Guardian, S.IvanenkoMother.Id, now, TimeSpan.FromDays(30), null);
        var blocked = new ChatLink(S.School.Id, Channel.Telegram, "1", "1", PersonKind.Guardian, S.IvanenkoMother.Id, invite.Id, now);
        blocked.Deactivate("blocked", now.AddMinutes(1));
        var unlinked = new ChatLink(S.School.Id, Channel.Telegram, "2", "2", PersonKind.Guardian, S.IvanenkoFather.Id, invite.Id, now);
        unlinked.Deactivate("unlink", now.AddMinutes(2));
        db.AddRange(dead, failed,
            new OutboxMessage(S.School.Id, "pending", RecipientKind.Student, S.Ivanenko.Id, NotificationKind.DailyDiary, "{}", now, now.AddHours(1)),
            invite, blocked, unlinked,
            new ChatLink(S.School.Id, Channel.Viber, "v", "v", PersonKind.Guardian, S.IvanenkoFather.Id, invite.Id, now),
            new ChatLink(S.School.Id, Channel.Telegram, "3", "3", PersonKind.Staff, S.ClassTeacher.Id, invite.Id, now));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<T> Operations<T>(Func<OutboxOperations, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(new OutboxOperations(db, S.Clock));
    }

    [Fact]
    public async Task Counts_Rows_AndFilters_ByStateAndKind_WithTheRecipientsNames()
    {
        var counts = await Operations(o => o.CountsAsync(S.School.Id));
        Assert.Equal((1, 1, 1), (counts[OutboxState.Dead], counts[OutboxState.Failed], counts[OutboxState.Pending]));
        var all = await Operations(o => o.RowsAsync(S.School.Id, null, null));
        Assert.Equal(3, all.Count);
        Assert.Equal(NotificationKind.DailyDiary, all[0].Kind); // the latest due first
        var dead = Assert.Single(await Operations(o => o.RowsAsync(S.School.Id, OutboxState.Dead, null)));
        Assert.Equal(("Іваненко Галина", "Forbidden: bot was blocked by the user"), (string.Join(' ', dead.Recipient.Split(' ').Take(2)), dead.LastError));
        var week = Assert.Single(await Operations(o => o.RowsAsync(S.School.Id, null, NotificationKind.ClassTeacherWeek)));
        Assert.Equal(S.ClassTeacher.FullName, week.Recipient);
        Assert.Empty(await Operations(o => o.RowsAsync(S.School.Id, OutboxState.Dead, NotificationKind.DailyDiary)));
    }

    [Fact]
    public async Task Retry_OnlyADeadRow_DueNowWithFreshAttempts_Audited()
    {
        var deadId = (await Operations(o => o.RowsAsync(S.School.Id, OutboxState.Dead, null)))[0].Id;
        var failedId = (await Operations(o => o.RowsAsync(S.School.Id, OutboxState.Failed, null)))[0].Id;
        var deputy = S.As(S.Deputy);
        Assert.Equal("auth.operations", (await Operations(o => o.RetryAsync(deputy, S.School.Id, deadId))).Error?.Code);
        Assert.Equal("outbox.not_dead", (await Operations(o => o.RetryAsync(Actor.System(), S.School.Id, failedId))).Error?.Code);
        Assert.True((await Operations(o => o.RetryAsync(Actor.System("Директор"), S.School.Id, deadId))).IsSuccess);

        await using var db = _database.NewContext();
        var row = await db.Outbox.SingleAsync(o => o.Id == deadId);
        Assert.Equal((OutboxState.Pending, 0, S.Clock.GetUtcNow().UtcDateTime), (row.State, row.Attempts, row.NotBeforeUtc));
        var audit = await db.AuditRecords.SingleAsync(a => a.EntityId == deadId);
        Assert.Equal(("Директор", "відмовлено: користувач заблокував бота (спроб: 1)"), (audit.ActorName, audit.OldValue));
        Assert.Equal(OutboxState.Failed, (await db.Outbox.SingleAsync(o => o.Id == failedId)).State);
    }

    [Fact]
    public async Task Links_ByMessenger_ActiveByWhom_ClosedByWhy()
    {
        var links = await Operations(o => o.LinkCountsAsync(S.School.Id));
        var telegram = links.Single(l => l.Channel == Channel.Telegram);
        Assert.Equal((0, 0, 1), (telegram.Guardians, telegram.Students, telegram.Staff));
        Assert.Equal(new Dictionary<string, int> { ["blocked"] = 1, ["unlink"] = 1 }, telegram.ClosedByReason.ToDictionary());
        var viber = links.Single(l => l.Channel == Channel.Viber);
        Assert.Equal((1, 0), (viber.Active, viber.Closed));
        var closed = await Operations(o => o.ClosedLinksAsync(S.School.Id));
        Assert.Equal(["unlink", "blocked"], closed.Select(c => c.Reason)); // newest first
    }
}

public sealed class OutboxOperationsTestsOnSqlite : OutboxOperationsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class OutboxOperationsTestsOnPostgres(PostgresServer server) : OutboxOperationsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
