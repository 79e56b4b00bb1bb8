using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Linking;

/// <summary>
/// The panel's way of making a class's codes: people already linked get none unless asked, and are named;
/// who of a class is linked, where, since when and last seen; "last seen" written at most every ten minutes.
/// </summary>
public abstract class InviteIssueTests : LinkingTestBase
{
    [Fact]
    public async Task IssueForClass_LeavesOutAGuardianAlreadyLinked_AndNamesThem_UnlessAskedToReissue()
    {
        var mother = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        Assert.True((await Redeem(Channel.Viber, "v-1", mother.Code)).IsSuccess);

        var sheet = (await Invites(i => i.IssueForClassAsync(S.As(S.ClassTeacher), S.Class7A.Id, InviteAudience.Parents, reissueLinked: false))).GetValueOrThrow();
        Assert.Equal(["Іваненко Галина"], sheet.AlreadyLinked.Select(n => string.Join(' ', n.Split(' ').Take(2))));
        Assert.DoesNotContain(sheet.Rows, r => r.Guardian!.StartsWith("Іваненко Галина", StringComparison.Ordinal));
        // The father's one code on both of his children's rows (Олег and Марта), Петренко's and Антоненко's mother and father.
        Assert.Equal(2, sheet.Rows.Count(r => r.Guardian!.StartsWith("Іваненко Петро", StringComparison.Ordinal)));
        Assert.Equal(3, sheet.Rows.Select(r => r.Code).Distinct().Count());
        await using (var db = Database.NewContext())
            Assert.Equal(1, await db.Invites.CountAsync(i => i.PersonId == S.IvanenkoMother.Id));

        var all = (await Invites(i => i.IssueForClassAsync(S.As(S.ClassTeacher), S.Class7A.Id, InviteAudience.Parents, reissueLinked: true))).GetValueOrThrow();
        Assert.Empty(all.AlreadyLinked);
        Assert.Equal(4, all.Rows.Select(r => r.Code).Distinct().Count());
        Assert.Equal(sheet.Rows.Select(r => r.Code).Distinct().Order(), all.Rows.Where(r => !r.Guardian!.StartsWith("Іваненко Галина", StringComparison.Ordinal)).Select(r => r.Code).Distinct().Order());
    }

    [Fact]
    public async Task LinksOfClass_ShowEachGuardianWithChildren_TheirChatsAndInvites()
    {
        var mother = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        Assert.True((await Redeem(Channel.Telegram, "t-1", mother.Code)).IsSuccess);
        Assert.Equal(1, await Invites(i => i.UnlinkAsync(Channel.Telegram, "t-1")));
        Assert.True((await Redeem(Channel.Viber, "v-1", mother.Code)).IsSuccess);

        var people = await Invites(i => i.LinksOfClassAsync(S.Class7A.Id, InviteAudience.Parents));
        var galyna = people.Single(p => p.PersonId == S.IvanenkoMother.Id);
        Assert.Equal(["Іваненко Марта", "Іваненко Олег"], galyna.Children.Order());
        Assert.Equal([(Channel.Viber, true, (string?)null), (Channel.Telegram, false, "unlink")], galyna.Chats.Select(c => (c.Channel, c.IsActive, c.ClosedReason)));
        Assert.Equal([Channel.Telegram, Channel.Viber], galyna.Invites.Single().SpentIn);
        Assert.False(galyna.Invites.Single().IsLive(S.Clock.GetUtcNow().UtcDateTime));
        Assert.All(people.Where(p => p.PersonId != S.IvanenkoMother.Id), p => Assert.False(p.IsLinked));
    }

    [Fact]
    public async Task NoteSeen_WritesLastSeen_AtMostEveryTenMinutes()
    {
        var mother = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        Assert.True((await Redeem(Channel.Telegram, "t-1", mother.Code)).IsSuccess);
        async Task<DateTime?> SeenAfterMessageAsync()
        {
            await Invites(async i => { await i.NoteSeenAsync(await i.PersonaOfChatAsync(Channel.Telegram, "t-1")); return 0; });
            await using var db = Database.NewContext();
            return (await db.ChatLinks.SingleAsync(l => l.ChatId == "t-1")).LastSeenAtUtc;
        }

        var first = S.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(first, await SeenAfterMessageAsync());
        S.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(first, await SeenAfterMessageAsync()); // within ten minutes: nothing written
        S.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(S.Clock.GetUtcNow().UtcDateTime, await SeenAfterMessageAsync());
    }
}

public sealed class InviteIssueTestsOnSqlite : InviteIssueTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class InviteIssueTestsOnPostgres(PostgresServer server) : InviteIssueTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
