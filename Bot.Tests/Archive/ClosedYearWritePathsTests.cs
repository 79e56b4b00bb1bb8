using Bot.Domain;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Archive;

/// <summary>
/// J-14 on the setup paths that start from a class (not from the year): in a closed year a teaching assignment, a group,
/// its members, a student's leaving and a class teacher are refused with the year's Ukrainian message, and nothing changes.
/// </summary>
public sealed class ClosedYearWritePathsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestSchool S = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using (var db = _database.NewContext()) S = await TestSchool.CreateAsync(db);
        Assert.True((await YearArchiveTests.CloseAsync(_database, S.Clock, S.Year.Id, early: true)).IsSuccess);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task RefusedAsync<T>(Func<Bot.Domain.Persistence.JournalDbContext, Task<Result<T>>> write)
    {
        long audit;
        await using (var db = _database.NewContext()) audit = await db.AuditRecords.LongCountAsync();
        await using (var db = _database.NewContext())
        {
            var result = await write(db);
            Assert.False(result.IsSuccess);
            Assert.Equal("year.closed", result.Error!.Code);
            Assert.Contains("2026-2027 навчальний рік закрито й архівовано", result.Error.Message);
        }

        await using (var db = _database.NewContext()) Assert.Equal(audit, await db.AuditRecords.LongCountAsync());
    }

    [Fact]
    public async Task InAClosedYear_AssignmentsGroupsLeavingAndClassTeachers_AreRefused()
    {
        var director = YearArchiveTests.Director;
        await RefusedAsync(db => new TeachingSetupService(db, S.Clock).AssignAsync(director, S.OtherTeacher.Id, S.Class7A.Id, S.Geometry.Id, null));
        await RefusedAsync(db => new TeachingSetupService(db, S.Clock).AddGroupAsync(director, S.Class7A.Id, S.Algebra.Id));
        await RefusedAsync(db => new TeachingSetupService(db, S.Clock).SetMembersAsync(director, S.EnglishGroup1.Id, [S.Ivanenko.Id]));
        var assignment = await FirstAssignmentAsync();
        await RefusedAsync(db => new TeachingSetupService(db, S.Clock).UnassignAsync(director, assignment, TestSchool.Today));
        await RefusedAsync(db => new RosterService(db, S.Clock).LeaveAsync(director, S.Petrenko.Id, S.Class7A.Id, TestSchool.Today));
        await RefusedAsync(db => new StaffService(db, S.Clock).AssignClassTeacherAsync(director, S.Class3A.Id, S.OtherTeacher.Id));

        await using var check = _database.NewContext();
        Assert.Null((await check.Enrolments.SingleAsync(e => e.StudentId == S.Petrenko.Id)).To);
        Assert.Equal(2, (await check.Groups.SingleAsync(g => g.Id == S.EnglishGroup1.Id)).Members.Count);
        Assert.Null((await check.Classes.SingleAsync(k => k.Id == S.Class3A.Id)).ClassTeacherId);
    }

    private async Task<Guid> FirstAssignmentAsync()
    {
        await using var db = _database.NewContext();
        return await db.TeachingAssignments.Where(a => a.ClassId == S.Class7A.Id && a.SubjectId == S.Ukrainian.Id).Select(a => a.Id).SingleAsync();
    }
}
