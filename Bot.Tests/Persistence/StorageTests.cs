using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Persistence;

/// <summary>Migrations, round trips and Ukrainian ordering on each provider.</summary>
public abstract class StorageTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Migrations_AreAllApplied_AndMatchTheModel()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes that no migration of this provider carries");
    }

    [Fact]
    public async Task RoundTrip_KeepsRolesDatesSpecialMarksAndEnumsAsNames()
    {
        await using var database = await CreateDatabaseAsync();
        var school = new School("Гімназія «Ґречність»", "Europe/Kyiv");
        var year = new SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30));
        year.AddHoliday("Зимові канікули", new DateOnly(2026, 12, 27), new DateOnly(2027, 1, 11));
        var staff = new Staff(school.Id, "Мʼякота", "Їржина", null, StaffRoles.Teacher | StaffRoles.ClassTeacher);
        await using (var db = database.NewContext())
        {
            db.AddRange(school, year, staff);
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var loadedYear = await db.SchoolYears.SingleAsync();
            Assert.Equal("2026-2027", loadedYear.Title);
            Assert.True(loadedYear.IsHoliday(new DateOnly(2027, 1, 5)));
            Assert.Equal(2, loadedYear.SemesterOf(new DateOnly(2027, 3, 1)));
            var loadedStaff = await db.Staff.SingleAsync();
            Assert.Equal(StaffRoles.Teacher | StaffRoles.ClassTeacher, loadedStaff.Roles);
            Assert.Equal("Мʼякота Ї.", loadedStaff.ShortName);
            Assert.Equal("Гімназія «Ґречність»", (await db.Schools.SingleAsync()).Name);
            var roles = await db.Database.SqlQueryRaw<string>("""SELECT "Roles" AS "Value" FROM "Staff" """).SingleAsync();
            Assert.Equal("Teacher, ClassTeacher", roles);
        }
    }

    [Fact]
    public async Task Students_SortInUkrainianAlphabeticalOrder_InTheDatabase()
    {
        await using var database = await CreateDatabaseAsync();
        var school = new School("Школа", "Europe/Kyiv");
        // Expected order by the Ukrainian alphabet: ... Г Ґ Д Е Є Ж З И І Ї Й К ... Я; the apostrophe is ignored.
        string[] expected = ["Гончар", "Ґудзь", "Дмитренко", "Євтушенко", "Ємець", "Жук", "Іваненко", "Їжак", "Йосипенко", "Мазур", "Мʼякота", "Яковенко"];
        await using (var db = database.NewContext())
        {
            db.Add(school);
            foreach (var name in expected.Reverse().OrderBy(n => n.Length)) db.Add(new Student(school.Id, name.Replace('ʼ', '\''), "Тест"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var sorted = await db.Students.OrderBy(s => s.SortKey).Select(s => s.LastName).ToListAsync();
            Assert.Equal(expected, sorted);
        }
    }

    [Fact]
    public async Task Students_MatchByCaseInsensitivePrefix_WithApostrophesAndLatinLookAlikes()
    {
        await using var database = await CreateDatabaseAsync();
        var school = new School("Школа", "Europe/Kyiv");
        await using (var db = database.NewContext())
        {
            db.Add(school);
            db.AddRange(new Student(school.Id, "Іваненко", "Олег"), new Student(school.Id, "Іванова", "Анна"),
                new Student(school.Id, "Мʼякота", "Олена"), new Student(school.Id, "Ігнатенко", "Юрій"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            async Task<string[]> Find(string typed)
            {
                var key = UkrainianText.SearchKey(typed);
                var found = await db.Students.Where(s => s.SearchKey.StartsWith(key)).ToListAsync();
                return found.OrderBy(s => s.SortKey, StringComparer.Ordinal).Select(s => s.LastName).ToArray();
            }

            Assert.Equal(["Іваненко", "Іванова"], await Find("іван"));
            Assert.Equal(["Іваненко", "Іванова"], await Find("IВАН")); // Latin I
            Assert.Equal(["Мʼякота"], await Find("м'як"));
            Assert.Equal(["Мʼякота"], await Find("М’ЯК"));
        }
    }
}

public sealed class StorageOnSqlite : StorageTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class StorageOnPostgres(PostgresServer server) : StorageTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
