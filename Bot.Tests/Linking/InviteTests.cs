using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Linking;

/// <summary>Making invites: rights (docs/architecture.md "Roles"), expiry, revocation, and the sheets of a class and of the staff.</summary>
public abstract class InviteTests : LinkingTestBase
{
    [Fact]
    public async Task Create_ByDeputy_ExpiresInThirtyDays_AndIsAuditedWithoutTheCode()
    {
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoMother.Id);

        Assert.Matches("^[2-9A-HJKMNP-Z]{13}$", invite.Code);
        Assert.Equal(TestSchool.Now.UtcDateTime.AddDays(30), invite.ExpiresAtUtc);
        Assert.Equal(S.Deputy.Id, invite.CreatedById);
        await using var db = Database.NewContext();
        var audit = await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(Invite));
        Assert.Equal((invite.Id, AuditAction.Created, "Іваненко Галина"), (audit.EntityId, audit.Action, audit.Context));
        Assert.DoesNotContain(invite.Code, audit.NewValue);
    }

    [Fact]
    public async Task Create_ClassTeacher_MayInviteTheirClass_ButNotAnotherClass_NorStaff()
    {
        var classTeacher = S.As(S.ClassTeacher);
        Assert.True((await Invites(i => i.CreateAsync(classTeacher, PersonKind.Guardian, S.IvanenkoMother.Id))).IsSuccess);
        Assert.True((await Invites(i => i.CreateAsync(classTeacher, PersonKind.Student, S.Petrenko.Id))).IsSuccess);

        Assert.Equal("auth.invites", (await Invites(i => i.CreateAsync(classTeacher, PersonKind.Student, S.Primary.Id))).Error?.Code);
        Assert.Equal("auth.invites", (await Invites(i => i.CreateAsync(classTeacher, PersonKind.Student, S.Leaver.Id))).Error?.Code);
        Assert.Equal("auth.invites", (await Invites(i => i.CreateForClassAsync(classTeacher, S.Class3A.Id, InviteAudience.Parents))).Error?.Code);
        Assert.Equal("auth.invites_staff", (await Invites(i => i.CreateAsync(classTeacher, PersonKind.Staff, S.AlgebraTeacher.Id))).Error?.Code);
        Assert.Equal("auth.invites_staff", (await Invites(i => i.CreateForStaffAsync(classTeacher, S.School.Id))).Error?.Code);
    }

    [Fact]
    public async Task Create_SubjectTeacher_MayNotInvite_AndTheDeputyActsOnlyInTheirSchool()
    {
        var refused = await Invites(i => i.CreateAsync(S.As(S.AlgebraTeacher), PersonKind.Guardian, S.IvanenkoMother.Id));
        Assert.Equal("auth.invites", refused.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(refused.Error?.Message));

        var otherSchool = await Invites(i => i.CreateAsync(S.As(S.Deputy), PersonKind.Guardian, MotherInSchool2.Id));
        Assert.Equal("auth.invites", otherSchool.Error?.Code);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Invites.CountAsync());
    }

    [Fact]
    public async Task Create_NonPositiveValidity_IsRefused()
    {
        var result = await Invites(i => i.CreateAsync(S.As(S.Deputy), PersonKind.Student, S.Petrenko.Id, TimeSpan.Zero));
        Assert.Equal("invite.validity", result.Error?.Code);
    }

    [Fact]
    public async Task Expired_Invite_GetsTheSameAnswerAsAnUnknownCode()
    {
        var invite = await InviteFor(PersonKind.Student, S.Petrenko.Id, TimeSpan.FromDays(1));
        S.Clock.Advance(TimeSpan.FromDays(1));

        var late = await Redeem(Channel.Telegram, "100", invite.Code);
        Assert.Equal(RedeemStatus.Refused, late.Status);
        Assert.Equal(await UnknownCodeAnswerAsync(), late.Message);
    }

    [Fact]
    public async Task Revoked_Invite_NoLongerLinks_AndRevokingIsAudited()
    {
        var invite = await InviteFor(PersonKind.Guardian, S.IvanenkoFather.Id);
        var byOtherTeacher = await Invites(i => i.RevokeAsync(S.As(S.AlgebraTeacher), invite.Id));
        Assert.Equal("auth.invites", byOtherTeacher.Error?.Code);

        var revoked = (await Invites(i => i.RevokeAsync(S.As(S.ClassTeacher), invite.Id))).GetValueOrThrow();
        Assert.NotNull(revoked.RevokedAtUtc);
        var answer = await Redeem(Channel.Telegram, "100", invite.Code);
        Assert.Equal((RedeemStatus.Refused, await UnknownCodeAnswerAsync()), (answer.Status, answer.Message));

        await using var db = Database.NewContext();
        Assert.Equal("відкликано", (await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(Invite) && a.Action == AuditAction.Changed)).NewValue);
        Assert.False(await db.ChatLinks.AnyAsync());
    }

    [Fact]
    public async Task ParentsSheet_OneRowPerStudentAndGuardian_InClassListOrder_WithTheGuardiansOneCodeOnEachChildsRow()
    {
        var rows = (await Invites(i => i.CreateForClassAsync(S.As(S.ClassTeacher), S.Class7A.Id, InviteAudience.Parents))).GetValueOrThrow();

        Assert.Equal(
        [
            ("Іваненко Марта", "Іваненко Галина"), ("Іваненко Марта", "Іваненко Петро"),
            ("Іваненко Олег", "Іваненко Галина"), ("Іваненко Олег", "Іваненко Петро"),
            ("Петренко Марія", "Петренко Ольга"),
            ("Антоненко Ірина", "Антоненко Василь"), // arrived mid-year: after the list of September (J-4)
        ], rows.Select(r => (r.Student, r.Guardian)));
        Assert.All(rows, r => Assert.Equal(("7-А", InviteRoles.Parent), (r.Class, r.Role)));
        Assert.Equal(rows[0].Code, rows[2].Code);   // Галина: one code for Марта and Олег
        Assert.Equal(rows[1].Code, rows[3].Code);   // Петро
        Assert.Equal(4, rows.Select(r => r.Code).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(TestSchool.Now.UtcDateTime.AddDays(30), r.ExpiresUtc));

        await using var db = Database.NewContext();
        Assert.Equal(4, await db.Invites.CountAsync(i => i.Kind == PersonKind.Guardian));
        Assert.Equal(4, await db.AuditRecords.CountAsync(a => a.EntityType == nameof(Invite)));
    }

    [Fact]
    public async Task StudentsSheet_OneRowPerCurrentStudent_LaterArrivalsByListPosition()
    {
        var rows = (await Invites(i => i.CreateForClassAsync(S.As(S.Deputy), S.Class7A.Id, InviteAudience.Students))).GetValueOrThrow();

        Assert.Equal(["Іваненко Марта", "Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія", "Антоненко Ірина"],
            rows.Select(r => r.Student));
        Assert.All(rows, r => Assert.Equal((InviteRoles.Student, (string?)null), (r.Role, r.Guardian)));
        Assert.Equal(rows.Count, rows.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public async Task Sheet_PrintedTwice_ReusesUnspentCodes_ButNotSpentOnes()
    {
        var first = (await Invites(i => i.CreateForClassAsync(S.As(S.Deputy), S.Class7A.Id, InviteAudience.Parents))).GetValueOrThrow();
        S.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True((await Redeem(Channel.Telegram, "555", first[0].Code)).IsSuccess); // Галина links in Telegram

        var second = (await Invites(i => i.CreateForClassAsync(S.As(S.Deputy), S.Class7A.Id, InviteAudience.Parents))).GetValueOrThrow();
        Assert.NotEqual(first[0].Code, second[0].Code);          // spent in a messenger: a fresh code for another phone
        Assert.Equal(second[0].Code, second[2].Code);
        Assert.Equal(first.Skip(1).Where(r => r.Guardian != "Іваненко Галина").Select(r => r.Code),
            second.Skip(1).Where(r => r.Guardian != "Іваненко Галина").Select(r => r.Code));

        S.Clock.Advance(TimeSpan.FromDays(14)); // under half of the validity left: not handed out again
        var third = (await Invites(i => i.CreateForClassAsync(S.As(S.Deputy), S.Class7A.Id, InviteAudience.Parents))).GetValueOrThrow();
        Assert.Empty(third.Select(r => r.Code).Intersect(first.Select(r => r.Code)));
    }

    [Fact]
    public async Task StaffSheet_OneRowPerStaffMember_NameUnderGuardian()
    {
        var rows = (await Invites(i => i.CreateForStaffAsync(S.As(S.Deputy), S.School.Id))).GetValueOrThrow();

        Assert.Equal(["Бондар Людмила Василівна", "Коваленко Ірина Петрівна", "Мельник Оксана Іванівна", "Ткаченко Андрій Миколайович", "Шевчук Наталія Олегівна"],
            rows.Select(r => r.Guardian));
        Assert.All(rows, r => Assert.Equal(("", (string?)null, InviteRoles.Staff), (r.Class, r.Student, r.Role)));
        await using var db = Database.NewContext();
        Assert.Equal(5, await db.Invites.CountAsync(i => i.Kind == PersonKind.Staff));
    }
}

public sealed class InviteTestsOnSqlite : InviteTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class InviteTestsOnPostgres(PostgresServer server) : InviteTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
