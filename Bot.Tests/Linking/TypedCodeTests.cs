using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Linking;

/// <summary>
/// Codes as people type them (ADR 0042): in lower case with spaces, with Cyrillic look-alikes; old codes still working
/// exactly and never read as another; the brake slowing the answers to wrong codes but never a valid one.
/// </summary>
public abstract class TypedCodeTests : LinkingTestBase
{
    [Fact]
    public async Task ANewCode_TypedInLowerCaseWithSpaces_OrWithCyrillicLetters_Links()
    {
        var mother = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        var father = await InviteFor(PersonKind.Guardian, S.IvanenkoFather.Id);
        Assert.Matches("^[2-9A-HJKMNP-Z]{13}$", mother.Code); // stored canonical: the unique index finds a typed code
        await SetCodeAsync(father.Id, "K7PQ3XMZA9RTW");

        var printed = InviteCode.Display(mother.Code);
        var lower = string.Join(' ', printed.Split('-')).ToLowerInvariant();
        var typedByMother = await Redeem(Channel.Telegram, "100", lower);
        var typedByFather = await Redeem(Channel.Viber, "viber-father==", "к7рq 3хмz а9rтw"); // К, Р, Х, М, А, Т in Cyrillic

        Assert.Equal((RedeemStatus.Linked, TimeSpan.Zero), (typedByMother.Status, typedByMother.Delay));
        Assert.Equal("Вітаємо! Чат прив'язано до щоденника: Іваненко Марта (7-А), Іваненко Олег (7-А).", typedByMother.Message);
        Assert.Equal(RedeemStatus.Linked, typedByFather.Status);
        await using var db = Database.NewContext();
        Assert.Equal(S.IvanenkoMother.Id, (await db.ChatLinks.SingleAsync(l => l.ChatId == "100")).PersonId);
        Assert.Equal(S.IvanenkoFather.Id, (await db.ChatLinks.SingleAsync(l => l.ChatId == "viber-father==")).PersonId);
    }

    [Fact]
    public async Task AnOldCode_StillLinksExactlyAsIssued_ButNotInAnotherCase_NorAsTheNewCodeItsLettersSpell()
    {
        // An old code whose 13 letters and digits, without its dashes, spell a new code that exists.
        var old = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        var fresh = await InviteFor(PersonKind.Guardian, PetrenkoMother.Id);
        await SetCodeAsync(old.Id, "K7PQ-3XMZ-A9RT-W");
        await SetCodeAsync(fresh.Id, "K7PQ3XMZA9RTW");
        var unknown = await UnknownCodeAnswerAsync();

        var lowerCase = await Redeem(Channel.Telegram, "300", "k7pq-3xmz-a9rt-w");
        Assert.Equal((RedeemStatus.Refused, unknown), (lowerCase.Status, lowerCase.Message)); // old codes stay case-sensitive
        var exact = await Redeem(Channel.Telegram, "100", " K7PQ-3XMZ-A9RT-W ");
        Assert.Equal(RedeemStatus.Linked, exact.Status);
        var newOne = await Redeem(Channel.Telegram, "200", "K7PQ-3XMZ-A9RTW");
        Assert.Equal(RedeemStatus.Linked, newOne.Status);

        await using var db = Database.NewContext();
        Assert.Equal(S.IvanenkoMother.Id, (await db.ChatLinks.SingleAsync(l => l.ChatId == "100")).PersonId);
        Assert.Equal(PetrenkoMother.Id, (await db.ChatLinks.SingleAsync(l => l.ChatId == "200")).PersonId);
        Assert.False(await db.ChatLinks.AnyAsync(l => l.ChatId == "300"));

        // A code of the earlier format made before this change (16 base64url characters) links until it expires.
        var legacy = await InviteFor(PersonKind.Guardian, AntonenkoFather.Id, TimeSpan.FromDays(1));
        await SetCodeAsync(legacy.Id, "oAILsKgIw4fkk4Bl");
        Assert.Equal(RedeemStatus.Refused, (await Redeem(Channel.Telegram, "400", "OAILSKGIW4FKK4BL")).Status);
        Assert.Equal(RedeemStatus.Linked, (await Redeem(Channel.Telegram, "400", "oAILsKgIw4fkk4Bl")).Status);
        S.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(RedeemStatus.Refused, (await Redeem(Channel.Viber, "viber-400==", "oAILsKgIw4fkk4Bl")).Status);
    }

    [Fact]
    public async Task TheBrake_SlowsTheAnswersToWrongCodesFromManyChats_AValidCodeInTheMiddleGoesThroughAtOnce()
    {
        var settings = new LinkingSettings { WrongCodeBurst = 5, WrongCodesPerMinute = 12, MaxWrongCodeDelay = TimeSpan.FromSeconds(40) };
        var brake = new WrongCodeBrake(S.Clock, settings);
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);
        var unknown = await UnknownCodeAnswerAsync();

        async Task<RedeemResult> Try(string chat, string code)
        {
            await using var db = Database.NewContext();
            return await new InviteService(db, S.Clock, settings, brake).RedeemAsync(Channel.Telegram, chat, chat, code);
        }

        // A guesser with many chats (each under its own limit of 5 an hour): 10 wrong codes at one moment.
        var wrong = new List<RedeemResult>();
        for (var n = 0; n < 10; n++) wrong.Add(await Try($"guesser-{n / 4}", InviteCode.New()));
        var parent = await Try("parent", InviteCode.Display(invite.Code).ToLowerInvariant());
        var afterParent = await Try("guesser-9", InviteCode.New());

        Assert.All(wrong, w => Assert.Equal((RedeemStatus.Refused, unknown), (w.Status, w.Message))); // slow or fast, the same words
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 5, 10, 15, 20, 25 }, wrong.Select(w => w.Delay.TotalSeconds).ToArray());
        Assert.Equal((RedeemStatus.Linked, TimeSpan.Zero), (parent.Status, parent.Delay));
        Assert.Equal(TimeSpan.FromSeconds(30), afterParent.Delay); // the valid code took no token
        S.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.Zero, (await Try("guesser-10", InviteCode.New())).Delay);
    }

    private async Task SetCodeAsync(Guid inviteId, string code)
    {
        await using var db = Database.NewContext();
        await db.Invites.Where(i => i.Id == inviteId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Code, code));
    }
}

public sealed class TypedCodeTestsOnSqlite : TypedCodeTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class TypedCodeTestsOnPostgres(PostgresServer server) : TypedCodeTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
