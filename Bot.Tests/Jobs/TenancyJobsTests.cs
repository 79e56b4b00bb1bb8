using System.Text.Json.Nodes;
using Bot.Domain.Audit;
using Bot.Domain.Diary;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Host.Delivery;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Jobs;

/// <summary>
/// Each school's recurring jobs follow its own time zone (docs/architecture.md "Tenancy", ADR 0022): with a school in Kyiv and one
/// in Tokyo, the evening diary of each goes at its own local 18:00, and the class teachers' week at its own Friday 15:00.
/// The jobs run on a clock that stands at the hour asked for; nothing sleeps.
/// </summary>
public abstract class TenancyJobsTests : IAsyncLifetime
{
    /// <summary>Friday 20 November 2026, 18:05 in Tokyo (UTC+9) = 11:05 in Kyiv.</summary>
    private static readonly DateTimeOffset TokyoEvening = new(2026, 11, 20, 9, 5, 0, TimeSpan.Zero);

    /// <summary>The same Friday, 18:05 in Kyiv (UTC+2) = 01:05 on Saturday in Tokyo.</summary>
    private static readonly DateTimeOffset KyivEvening = new(2026, 11, 20, 16, 5, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private TwoSchools _two = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        _two = await TwoSchools.CreateAsync(db);
        await TwoSchools.AlgebraMarkAsync(db, _two.A, _two.A.Ivanenko, "10", "Лінійні рівняння", "№ 214");
        await TwoSchools.AlgebraMarkAsync(db, _two.B, _two.Sofia, "11", "Подібні трикутники", "№ 37");
        // One chat, two codes: the mother's guardian records of both schools (a parent links each school's code once).
        var invites = new InviteService(db, _two.A.Clock, new LinkingSettings());
        foreach (var (s, guardian) in new[] { (_two.A, _two.A.IvanenkoMother.Id), (_two.B, _two.MotherInB.Id) })
            Assert.True((await invites.RedeemAsync(Channel.Telegram, "900", "900", await TwoSchools.InviteAsync(db, s, PersonKind.Guardian, guardian))).IsSuccess);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> RunDiaryAsync(DateTimeOffset at)
    {
        await using var db = _database.NewContext();
        var clock = new FakeTimeProvider(at);
        return await new DailyDiaryJob(db, new DiaryQueries(db, clock), new NotificationRulesService(db, new NotificationDefaults(), clock), clock,
            new OutboxSignal(), NullLogger<DailyDiaryJob>.Instance).RunAsync(CancellationToken.None);
    }

    private async Task<List<(Guid SchoolId, Guid Recipient, string Text)>> RowsAsync(NotificationKind kind)
    {
        await using var db = _database.NewContext();
        return (await db.Outbox.AsNoTracking().Where(o => o.Kind == kind).ToListAsync())
            .Select(o => (o.SchoolId, o.RecipientId, MessageJson.FromJson(JsonNode.Parse(o.Payload)!["message"]).PlainText)).ToList();
    }

    [Fact]
    public async Task EveningDiary_OfEachSchool_GoesAtItsOwnLocalSixOClock()
    {
        // 18:05 in Tokyo: the far school's diary is due, Kyiv's (11:05 there) is not.
        Assert.Equal(1, await RunDiaryAsync(TokyoEvening));
        var (school, recipient, text) = Assert.Single(await RowsAsync(NotificationKind.DailyDiary));
        Assert.Equal((_two.B.School.Id, _two.MotherInB.Id), (school, recipient));
        Assert.Contains("Іваненко Софія, 7-А", text);
        Assert.Contains("Алгебра — 11", text);
        Assert.DoesNotContain("Олег", text);

        // 18:05 in Kyiv (already Saturday in Tokyo): Kyiv's diary of its Friday; Tokyo's is not written again.
        Assert.Equal(1, await RunDiaryAsync(KyivEvening));
        var rows = await RowsAsync(NotificationKind.DailyDiary);
        Assert.Equal(2, rows.Count);
        var kyiv = rows.Single(r => r.SchoolId == _two.A.School.Id);
        Assert.Equal(_two.A.IvanenkoMother.Id, kyiv.Recipient);
        Assert.Contains("Іваненко Олег, 7-А", kyiv.Text);
        Assert.Contains("Алгебра — 10", kyiv.Text);
        Assert.DoesNotContain("Софія", kyiv.Text);
        Assert.Equal(0, await RunDiaryAsync(KyivEvening.AddMinutes(5)));
    }

    private async Task<int> RunWeekAsync(DateTimeOffset at)
    {
        await using var db = _database.NewContext();
        var clock = new FakeTimeProvider(at);
        return await new StaffDigestJobs(db, new DiaryQueries(db, clock), clock, new OutboxSignal(), NullLogger<StaffDigestJobs>.Instance)
            .ClassTeacherWeekAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ClassTeachersWeek_MissedAtThreeOClock_ComesWhenTheProcessIsBackThatDay_Once()
    {
        // Kyiv's installation was down from before 15:00 to 17:40: the week comes at 17:40 (00:40 on Saturday in Tokyo,
        // whose Friday has ended: its week is not written on Saturday).
        Assert.Equal(1, await RunWeekAsync(new DateTimeOffset(2026, 11, 20, 15, 40, 0, TimeSpan.Zero)));
        Assert.Equal([(_two.A.School.Id, _two.A.ClassTeacher.Id)], (await RowsAsync(NotificationKind.ClassTeacherWeek)).Select(r => (r.SchoolId, r.Recipient)));
        Assert.Equal(0, await RunWeekAsync(new DateTimeOffset(2026, 11, 20, 15, 55, 0, TimeSpan.Zero))); // the next quarter: nothing new
        Assert.Equal(0, await RunWeekAsync(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero))); // Saturday: not the week's day
        Assert.Single(await RowsAsync(NotificationKind.ClassTeacherWeek));
    }

    [Fact]
    public async Task ClassTeachersWeek_OfEachSchool_ComesAtItsOwnFridayAfternoon()
    {
        Assert.Equal(0, await RunWeekAsync(new DateTimeOffset(2026, 11, 20, 5, 55, 0, TimeSpan.Zero))); // 14:55 in Tokyo, 07:55 in Kyiv
        Assert.Equal(1, await RunWeekAsync(new DateTimeOffset(2026, 11, 20, 6, 5, 0, TimeSpan.Zero))); // 15:05 in Tokyo
        Assert.Equal(_two.B.ClassTeacher.Id, Assert.Single(await RowsAsync(NotificationKind.ClassTeacherWeek)).Recipient);
        Assert.Equal(0, await RunWeekAsync(new DateTimeOffset(2026, 11, 20, 6, 10, 0, TimeSpan.Zero))); // the same quarter again: nothing new
        Assert.Equal(1, await RunWeekAsync(new DateTimeOffset(2026, 11, 20, 13, 5, 0, TimeSpan.Zero))); // 15:05 in Kyiv (22:05 in Tokyo: written already)
        var rows = await RowsAsync(NotificationKind.ClassTeacherWeek);
        Assert.Equal([_two.A.School.Id, _two.B.School.Id], rows.Select(r => r.SchoolId).Order());
        Assert.Contains(rows, r => r.Recipient == _two.A.ClassTeacher.Id);
    }
}

public sealed class TenancyJobsTestsOnSqlite : TenancyJobsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class TenancyJobsTestsOnPostgres(PostgresServer server) : TenancyJobsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
