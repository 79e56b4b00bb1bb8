using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Linking;

/// <summary>Redeeming codes in chats: one use per messenger, the same answer for every bad code, the rate limit, unlinking.</summary>
public abstract class RedeemTests : LinkingTestBase
{
    [Fact]
    public async Task Redeem_LinksTheChat_GreetsWithTheChild_AndIsAudited()
    {
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoFather.Id);
        await using (var db = Database.NewContext())
        {
            db.Remove(await db.GuardianStudents.SingleAsync(g => g.GuardianId == S.IvanenkoFather.Id && g.StudentId == Marta.Id));
            await db.SaveChangesAsync();
        }

        var result = await Invites(i => i.RedeemAsync(Channel.Telegram, "100", "100", invite.Code));

        Assert.Equal(RedeemStatus.Linked, result.Status);
        Assert.Equal("Вітаємо! Чат прив'язано до щоденника: Іваненко Олег (7-А).", result.Message);
        await using var check = Database.NewContext();
        var link = await check.ChatLinks.SingleAsync();
        Assert.Equal((Channel.Telegram, "100", PersonKind.Guardian, S.IvanenkoFather.Id, invite.Id, true),
            (link.Channel, link.ChatId, link.Kind, link.PersonId, link.InviteId, link.IsActive));
        var audit = await check.AuditRecords.SingleAsync(a => a.EntityType == nameof(ChatLink));
        Assert.Equal((link.Id, AuditAction.Created, Channel.Telegram, "Іваненко Петро"), (audit.EntityId, audit.Action, audit.Channel, audit.ActorName));
        Assert.True((await new AuditVerifier(check).VerifyAsync(S.School.Id)).IsIntact);
    }

    [Fact]
    public async Task Redeem_OncePerMessenger_TelegramThenViberWork_ASecondTelegramChatGetsTheUnknownCodeAnswer()
    {
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);

        Assert.Equal(RedeemStatus.Linked, (await Redeem(Channel.Telegram, "100", invite.Code)).Status);
        Assert.Equal(RedeemStatus.Linked, (await Redeem(Channel.Viber, "viber-user==", invite.Code)).Status);
        var second = await Redeem(Channel.Telegram, "200", invite.Code);

        Assert.Equal(RedeemStatus.Refused, second.Status);
        Assert.Equal(await UnknownCodeAnswerAsync(), second.Message);
        Assert.Null(second.Linked);
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.ChatLinks.CountAsync(l => l.IsActive));
        Assert.Equal(2, await db.InviteRedemptions.CountAsync());
    }

    [Fact]
    public async Task Redeem_ManyChatsAtOnce_OnlyOneGetsTheCodeInAMessenger()
    {
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => Redeem(Channel.Telegram, $"race-{n}", invite.Code))));

        Assert.Single(results, r => r.Status == RedeemStatus.Linked);
        Assert.All(results.Where(r => r.Status != RedeemStatus.Linked), r => Assert.Equal(LinkingTexts.InvalidCode, r.Message));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.ChatLinks.CountAsync());
        Assert.Equal(8, await db.LinkAttempts.CountAsync(a => a.ChatId.StartsWith("race-")));
        Assert.True((await new AuditVerifier(db).VerifyAsync(S.School.Id)).IsIntact);
    }

    [Fact]
    public async Task Redeem_SameChatPressesTheLinkAgain_SucceedsOnce_WithoutASecondLink()
    {
        var invite = await InviteFor(PersonKind.Student, S.Petrenko.Id);

        var first = await Redeem(Channel.Telegram, "300", invite.Code);
        var again = await Redeem(Channel.Telegram, "300", invite.Code);

        Assert.Equal((RedeemStatus.Linked, RedeemStatus.AlreadyLinked), (first.Status, again.Status));
        Assert.Equal(first.Message, again.Message);
        Assert.True(again.IsSuccess);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.ChatLinks.CountAsync());
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.EntityType == nameof(ChatLink)));
    }

    [Fact]
    public async Task Redeem_ASecondCodeOfTheSamePerson_InALinkedChat_IsNotSpent()
    {
        var first = await InviteFor(PersonKind.Student, S.Petrenko.Id);
        var second = await InviteFor(PersonKind.Student, S.Petrenko.Id);
        await Redeem(Channel.Telegram, "300", first.Code);

        Assert.Equal(RedeemStatus.AlreadyLinked, (await Redeem(Channel.Telegram, "300", second.Code)).Status);
        Assert.Equal(RedeemStatus.Linked, (await Redeem(Channel.Telegram, "301", second.Code)).Status); // her second phone
    }

    [Fact]
    public async Task Redeem_AfterFiveFailures_EvenAGoodCodeIsRefused_UntilAnHourPasses()
    {
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        for (var n = 0; n < 5; n++)
            Assert.Equal(RedeemStatus.Refused, (await Redeem(Channel.Telegram, "400", $"wrong-code-{n}XXXX")).Status);

        S.Clock.Advance(TimeSpan.FromMinutes(10));
        var limited = await Redeem(Channel.Telegram, "400", invite.Code);
        Assert.Equal(RedeemStatus.RateLimited, limited.Status);
        Assert.Equal("Забагато невдалих спроб. Спробуйте через годину або зверніться до класного керівника.", limited.Message);
        Assert.Equal(RedeemStatus.Refused, (await Redeem(Channel.Telegram, "401", "wrong-code-xXXXX")).Status); // other chats are not held back
        Assert.Equal(RedeemStatus.Refused, (await Redeem(Channel.Viber, "400", "wrong-code-xXXXX")).Status);   // nor the same id in Viber

        S.Clock.Advance(TimeSpan.FromMinutes(50)); // an hour after the five failures
        Assert.Equal(RedeemStatus.Linked, (await Redeem(Channel.Telegram, "400", invite.Code)).Status);

        await using var db = Database.NewContext();
        var attempts = await db.LinkAttempts.Where(a => a.Channel == Channel.Telegram && a.ChatId == "400").ToListAsync();
        Assert.Equal((7, 6), (attempts.Count, attempts.Count(a => !a.Succeeded))); // five wrong codes, the refusal, the link
    }

    [Fact]
    public async Task Redeem_MalformedText_IsAFailedAttempt_WithTheSameAnswer()
    {
        var answer = await Redeem(Channel.Viber, "500", "привіт");
        Assert.Equal((RedeemStatus.Refused, await UnknownCodeAnswerAsync()), (answer.Status, answer.Message));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.LinkAttempts.CountAsync(a => a.ChatId == "500" && !a.Succeeded));
    }

    [Fact]
    public async Task Unlink_EndsEveryLinkOfTheChat_AndThePressedLinkLinksAgain()
    {
        var mother = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        var teacher = await InviteFor(PersonKind.Staff, S.ClassTeacher.Id);
        await Redeem(Channel.Telegram, "600", mother.Code);
        await Redeem(Channel.Telegram, "600", teacher.Code);
        await Redeem(Channel.Telegram, "601", (await InviteFor(PersonKind.Student, S.Petrenko.Id)).Code);

        Assert.Equal(2, await Invites(i => i.UnlinkAsync(Channel.Telegram, "600")));
        Assert.Empty(await Invites(i => i.LinksOfChatAsync(Channel.Telegram, "600")));
        Assert.False((await Invites(i => i.PersonaOfChatAsync(Channel.Telegram, "600"))).IsLinked);
        Assert.Single(await Invites(i => i.LinksOfChatAsync(Channel.Telegram, "601")));
        Assert.Equal(0, await Invites(i => i.UnlinkAsync(Channel.Telegram, "600")));

        await using (var db = Database.NewContext())
        {
            Assert.All(await db.ChatLinks.Where(l => l.ChatId == "600").ToListAsync(), l => Assert.Equal("unlink", l.DeactivationReason));
            Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.EntityType == nameof(ChatLink) && a.Action == AuditAction.Changed));
        }

        Assert.Equal(RedeemStatus.Linked, (await Redeem(Channel.Telegram, "600", mother.Code)).Status);
        Assert.Single(await Invites(i => i.LinksOfChatAsync(Channel.Telegram, "600")));
    }

    [Fact]
    public async Task DeactivateChat_OnATransportError_KeepsTheReason()
    {
        await Redeem(Channel.Viber, "700", (await InviteFor(PersonKind.Student, S.Petrenko.Id)).Code);

        Assert.Equal(1, await Invites(i => i.DeactivateChatAsync(Channel.Viber, "700", "unsubscribed")));
        await using var db = Database.NewContext();
        var link = await db.ChatLinks.SingleAsync();
        Assert.Equal((false, "unsubscribed"), (link.IsActive, link.DeactivationReason));
        Assert.Equal(S.Clock.GetUtcNow().UtcDateTime, link.DeactivatedAtUtc);
    }
}

public sealed class RedeemTestsOnSqlite : RedeemTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class RedeemTestsOnPostgres(PostgresServer server) : RedeemTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
