using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Persistence;

/// <summary>
/// The roster's stamp (ADR 0020) moves with every save that changes who may see or do what, in that save's
/// transaction, and stays put otherwise — the conversation keeps personas and rosters between updates on its word.
/// </summary>
public abstract class RosterStampTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static async Task<Guid> StampAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.RosterStampAsync();
    }

    [Fact]
    public async Task Save_OfRowsOutsideTheRoster_LeavesTheStamp()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var db = database.NewContext()) await TestSchool.CreateAsync(db);
        var before = await StampAsync(database);

        await using (var db = database.NewContext())
        {
            db.ProcessedUpdates.Add(new ProcessedUpdate(Channel.Telegram, "1", DateTime.UtcNow));
            await db.SaveChangesAsync();
            Assert.Equal(0, db.RosterStampsSaved);
        }

        Assert.Equal(before, await StampAsync(database));
    }

    [Fact]
    public async Task Save_ThatRevokesAnAssignmentOrClosesALink_GivesANewStampEachTime()
    {
        await using var database = await CreateDatabaseAsync();
        TestSchool s;
        await using (var db = database.NewContext()) s = await TestSchool.CreateAsync(db);
        var seeded = await StampAsync(database);
        Assert.NotEqual(RosterStamp.Initial, seeded); // seeding the school was a roster change too

        await using (var db = database.NewContext())
        {
            db.TeachingAssignments.Remove(await db.TeachingAssignments.FirstAsync(a => a.TeacherId == s.AlgebraTeacher.Id));
            await db.SaveChangesAsync();
            Assert.Equal(1, db.RosterStampsSaved);
        }

        var revoked = await StampAsync(database);
        Assert.NotEqual(seeded, revoked);

        await using (var db = database.NewContext())
        {
            var student = await db.Students.FirstAsync(x => x.Id == s.Petrenko.Id);
            db.GuardianStudents.Add(new GuardianStudent(s.IvanenkoMother.Id, student.Id, "мати"));
            await db.SaveChangesAsync();
            db.GuardianStudents.Remove(await db.GuardianStudents.FirstAsync(g => g.StudentId == student.Id));
            await db.SaveChangesAsync(); // the stamp row, tracked since the first save, changes again
            Assert.Equal(2, db.RosterStampsSaved);
        }

        Assert.NotEqual(revoked, await StampAsync(database));
    }

    [Fact]
    public async Task Save_ThatFails_LeavesTheStamp()
    {
        await using var database = await CreateDatabaseAsync();
        TestSchool s;
        await using (var db = database.NewContext())
        {
            s = await TestSchool.CreateAsync(db);
            db.ProcessedUpdates.Add(new ProcessedUpdate(Channel.Telegram, "7", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var before = await StampAsync(database);
        await using (var db = database.NewContext())
        {
            db.TeachingAssignments.Add(new TeachingAssignment(s.School.Id, s.OtherTeacher.Id, s.Class7A.Id, s.Algebra.Id));
            db.ProcessedUpdates.Add(new ProcessedUpdate(Channel.Telegram, "7", DateTime.UtcNow)); // the same key again: the save fails
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(0, db.RosterStampsSaved);
        }

        Assert.Equal(before, await StampAsync(database));
        await using (var db = database.NewContext()) Assert.False(await db.TeachingAssignments.AnyAsync(a => a.TeacherId == s.OtherTeacher.Id && a.SubjectId == s.Algebra.Id));
    }
}

public sealed class RosterStampOnSqlite : RosterStampTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class RosterStampOnPostgres(PostgresServer server) : RosterStampTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
