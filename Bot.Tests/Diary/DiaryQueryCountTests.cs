using Bot.Domain;
using Bot.Domain.Diary;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Diary;

/// <summary>
/// The diary's bulk queries run the same number of SQL commands whatever the size of the class or school: never a
/// query per student or per class. On SQLite (<see cref="DiaryQueryCountOnSqlite"/>) and PostgreSQL
/// (<see cref="DiaryQueryCountOnPostgres"/>).
/// </summary>
public abstract class DiaryQueryCountTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(TestSchool.Now);
    protected TestDatabase Database = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Runs the query on a fresh counting context; returns its value and the number of commands it ran.</summary>
    private async Task<(T Value, int Commands, IReadOnlyList<string> Sql)> CountAsync<T>(Func<DiaryQueries, Task<Result<T>>> query)
    {
        var counter = new CommandCounter();
        await using var db = counter.NewContext(Database);
        var value = (await query(new DiaryQueries(db, _clock))).GetValueOrThrow();
        return (value, counter.Count, counter.Commands);
    }

    [Fact]
    public async Task ClassDay_ClassOf5_AndClassOf35_RunTheSameNumberOfCommands()
    {
        var school = await SizedSchool.CreateAsync(Database, _clock, "Гімназія № 5", 5, 35);
        var small = await CountAsync(q => q.ClassDayAsync(school.Classes[0].Id, SizedSchool.Friday));
        var large = await CountAsync(q => q.ClassDayAsync(school.Classes[1].Id, SizedSchool.Friday));

        Assert.Equal((5, 35), (small.Value.Students.Count, large.Value.Students.Count));
        Assert.All(large.Value.Students, s => Assert.Equal(3, s.Lessons.Count));              // Ukrainian, algebra, own English group
        Assert.All(large.Value.Students, s => Assert.Equal(3, s.HomeworkDue.Count));          // set on Monday, due on Friday
        Assert.Equal(35 * 3, large.Value.Students.Sum(s => s.Lessons.Count(l => l.Marks.Count > 0 || l.Absence is not null)));
        Assert.True(small.Commands > 0);
        Assert.True(small.Commands == large.Commands,
            $"5 students: {small.Commands} commands, 35 students: {large.Commands}:\n{string.Join("\n---\n", large.Sql)}");
        Assert.InRange(large.Commands, 1, 15);
    }

    [Fact]
    public async Task SchoolDay_SchoolOf2Classes_AndOf6Classes_RunTheSameNumberOfCommands()
    {
        var two = await SizedSchool.CreateAsync(Database, _clock, "Ліцей № 2", 6, 7);
        var six = await SizedSchool.CreateAsync(Database, _clock, "Ліцей № 6", 6, 7, 5, 8, 6, 4);
        var small = await CountAsync(q => q.SchoolDayAsync(two.School.Id, SizedSchool.Friday));
        var large = await CountAsync(q => q.SchoolDayAsync(six.School.Id, SizedSchool.Friday));

        Assert.Equal((2, 6), (small.Value.Classes.Count, large.Value.Classes.Count));
        Assert.Equal(36, large.Value.StudentCount);
        Assert.All(large.Value.Classes.SelectMany(c => c.Students), s => Assert.Equal(3, s.Lessons.Count));
        Assert.True(small.Commands == large.Commands,
            $"2 classes: {small.Commands} commands, 6 classes: {large.Commands}:\n{string.Join("\n---\n", large.Sql)}");
        Assert.InRange(large.Commands, 1, 15);
    }

    [Fact]
    public async Task ClassAttendance_AndClassTeacherWeek_DoNotGrowWithTheClass()
    {
        var school = await SizedSchool.CreateAsync(Database, _clock, "Гімназія № 7", 5, 35);
        var (small, large) = (school.Classes[0].Id, school.Classes[1].Id);
        var a5 = await CountAsync(q => q.ClassAttendanceAsync(small, SizedSchool.Monday, SizedSchool.Friday));
        var a35 = await CountAsync(q => q.ClassAttendanceAsync(large, SizedSchool.Monday, SizedSchool.Friday));
        Assert.Equal((5, 35), (a5.Value.Students.Count, a35.Value.Students.Count));
        Assert.Equal(a5.Commands, a35.Commands);

        var w5 = await CountAsync(q => q.ClassTeacherWeekAsync(small, SizedSchool.Friday));
        var w35 = await CountAsync(q => q.ClassTeacherWeekAsync(large, SizedSchool.Friday));
        Assert.Equal(w5.Commands, w35.Commands);
    }
}

public sealed class DiaryQueryCountOnSqlite : DiaryQueryCountTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class DiaryQueryCountOnPostgres(PostgresServer server) : DiaryQueryCountTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
