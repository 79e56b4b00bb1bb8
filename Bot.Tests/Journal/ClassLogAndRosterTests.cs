using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Journal;

/// <summary>The class teacher's sections (J-11, J-12, consent), remarks (J-13) and roster changes (J-4), on both databases.</summary>
public abstract class ClassLogAndRosterTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool _s = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<T> Logs<T>(Func<ClassLogService, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(new ClassLogService(db, _s.Clock));
    }

    private async Task<T> Roster<T>(Func<RosterService, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(new RosterService(db, _s.Clock));
    }

    [Fact]
    public async Task Excursion_ByClassTeacher_IsLoggedAndAudited_J11()
    {
        var result = await Logs(l => l.AddExcursionAsync(_s.As(_s.ClassTeacher), _s.Class7A.Id, new DateOnly(2026, 11, 12), "екскурсія",
            "Музей історії міста", null, _s.ClassTeacher.Id));
        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var db = _database.NewContext();
        var entry = await db.Excursions.SingleAsync();
        Assert.Equal(("екскурсія", "Музей історії міста"), (entry.Form, entry.Topic));
        Assert.Equal(nameof(ExcursionEntry), (await db.AuditRecords.SingleAsync()).EntityType);
    }

    [Fact]
    public async Task Excursion_BySubjectTeacher_IsRefused_J2()
    {
        var result = await Logs(l => l.AddExcursionAsync(_s.As(_s.AlgebraTeacher), _s.Class7A.Id, new DateOnly(2026, 11, 12), "екскурсія", "Музей", null, _s.AlgebraTeacher.Id));
        Assert.Equal("auth.not_class_teacher", result.Error?.Code);
    }

    [Fact]
    public async Task IntroductoryBriefing_AbsentStudentGetsNAndTheLaterDay_AndIsHeldOncePerYear_J12()
    {
        var result = await Logs(l => l.RecordBriefingAsync(_s.As(_s.ClassTeacher), _s.Class7A.Id, BriefingKind.Introductory, "Вступний інструктаж з БЖД",
            new DateOnly(2026, 9, 1), new Dictionary<Guid, DateOnly> { [_s.Petrenko.Id] = new DateOnly(2026, 9, 3) }));
        var entries = result.GetValueOrThrow();
        Assert.Equal(4, entries.Count); // Іваненко, Петренко, Сидоренко, Гнатюк (left in October); Яковенко arrived later
        var petrenko = entries.Single(e => e.StudentId == _s.Petrenko.Id);
        Assert.Equal("н (проведено 03.09.2026)", petrenko.JournalEntry);
        Assert.Equal("01.09.2026", entries.Single(e => e.StudentId == _s.Ivanenko.Id).JournalEntry);

        var second = await Logs(l => l.RecordBriefingAsync(_s.As(_s.ClassTeacher), _s.Class7A.Id, BriefingKind.Introductory, "Ще раз", new DateOnly(2026, 11, 2)));
        Assert.Equal("briefing.introductory_twice", second.Error?.Code);
    }

    [Fact]
    public async Task Consent_IsRecordedWithDateAndRecorder_ByTheChildsClassTeacher_Seed002()
    {
        var byOther = await Logs(l => l.RecordConsentAsync(_s.As(_s.EnglishTeacher), _s.IvanenkoMother.Id, new DateOnly(2026, 9, 2)));
        Assert.Equal("auth.not_class_teacher", byOther.Error?.Code);
        var consent = (await Logs(l => l.RecordConsentAsync(_s.As(_s.ClassTeacher), _s.IvanenkoMother.Id, new DateOnly(2026, 9, 2)))).GetValueOrThrow();
        Assert.Equal((new DateOnly(2026, 9, 2), _s.ClassTeacher.Id), (consent.GivenOn, consent.RecordedById));
        Assert.True(consent.IsInForce(TestSchool.Today));
    }

    [Fact]
    public async Task Remark_WrittenByDeputy_AnsweredByAddressee_J13()
    {
        var byTeacher = await Logs(l => l.WriteRemarkAsync(_s.As(_s.AlgebraTeacher), _s.Class7A.Id, _s.Algebra.Id, _s.AlgebraTeacher.Id, "Немає тем уроків"));
        Assert.Equal("auth.only_deputy", byTeacher.Error?.Code);

        var remark = (await Logs(l => l.WriteRemarkAsync(_s.As(_s.Deputy), _s.Class7A.Id, _s.Algebra.Id, _s.AlgebraTeacher.Id,
            "Не записано теми уроків за 10–12 листопада."))).GetValueOrThrow();
        Assert.True(remark.IsOpen);
        Assert.Equal("auth.not_addressee", (await Logs(l => l.AnswerRemarkAsync(_s.As(_s.EnglishTeacher), remark.Id, RemarkResponse.Done))).Error?.Code);
        var answered = (await Logs(l => l.AnswerRemarkAsync(_s.As(_s.AlgebraTeacher), remark.Id, RemarkResponse.Done))).GetValueOrThrow();
        Assert.Equal((RemarkResponse.Done, TestSchool.Today), (answered.Response!.Value, answered.RespondedOn!.Value));
        await using var db = _database.NewContext();
        Assert.Equal(["Виконано (20.11.2026)"], await db.AuditRecords.Where(a => a.Action == AuditAction.Changed).Select(a => a.NewValue!).ToListAsync());
    }

    [Fact]
    public async Task MidYearArrival_GoesToTheEndOfTheList_AndTransferEndsTheOldEnrolment_J4()
    {
        var moved = (await Roster(r => r.EnrolAsync(_s.As(_s.Deputy), _s.Primary.Id, _s.Class7A.Id, new DateOnly(2026, 11, 18)))).GetValueOrThrow();
        Assert.True(moved.ArrivedMidYear);
        Assert.Equal(2, moved.ListPosition); // Яковенко arrived before, at position 1
        await using var db = _database.NewContext();
        var old = await db.Enrolments.SingleAsync(e => e.StudentId == _s.Primary.Id && e.ClassId == _s.Class3A.Id);
        Assert.Equal(new DateOnly(2026, 11, 17), old.To);
        Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.EntityType == nameof(Enrolment)));
    }

    [Fact]
    public async Task Roster_ByTeacher_IsRefused_AndLeavingIsRecorded()
    {
        Assert.Equal("auth.roster", (await Roster(r => r.EnrolAsync(_s.As(_s.ClassTeacher), _s.Outsider.Id, _s.Class7A.Id, TestSchool.Today))).Error?.Code);
        var left = (await Roster(r => r.LeaveAsync(_s.As(_s.Deputy), _s.Sydorenko.Id, _s.Class7A.Id, TestSchool.Today))).GetValueOrThrow();
        Assert.False(left.IsActiveOn(TestSchool.Today.AddDays(1)));
        Assert.True(left.IsActiveOn(TestSchool.Today));
    }
}

public sealed class ClassLogAndRosterOnSqlite : ClassLogAndRosterTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class ClassLogAndRosterOnPostgres(PostgresServer server) : ClassLogAndRosterTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
