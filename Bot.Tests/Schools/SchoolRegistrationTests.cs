using Bot.Domain.Audit;
using Bot.Domain.Identity;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Schools;

/// <summary>
/// A second school in the installation (docs/architecture.md "Tenancy", ADR 0022): its name, time zone, first year with the usual
/// dates, first administrator with a one-time password; only the installation's operator adds one, and a refused field
/// changes nothing.
/// </summary>
public abstract class SchoolRegistrationTests : IAsyncLifetime
{
    private static readonly Actor Operator = new(null, "admin", StaffRoles.Administrator, Channel.Web);
    private TestDatabase _database = null!;
    private TestSchool _s = null!;
    private ServiceProvider _services = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using (var db = _database.NewContext()) _s = await TestSchool.CreateAsync(db);
        var services = new ServiceCollection().AddLogging();
        services.AddScoped<JournalDbContext>(_ => _database.NewContext());
        services.AddSingleton<TimeProvider>(_s.Clock);
        services.AddPanelIdentityCore();
        services.AddScoped<SchoolRegistration>();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<Bot.Domain.Result<RegisteredSchool>> AddAsync(Actor actor, NewSchool input)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchoolRegistration>().AddAsync(actor, input, "Europe/Kyiv");
    }

    private async Task<(int Schools, int Staff, int Users, int Years)> CountsAsync()
    {
        await using var db = _database.NewContext();
        return (await db.Schools.CountAsync(), await db.Staff.CountAsync(), await db.Users.CountAsync(), await db.SchoolYears.CountAsync());
    }

    [Fact]
    public async Task Operator_AddsASchool_WithItsZone_UsualYear_AndAnAdministratorWhoSignsInWithAOneTimePassword()
    {
        var added = (await AddAsync(Operator, new NewSchool(" Гімназія № 2 ", "Гімназія 2", "Asia/Tbilisi", "Мороз Ганна Іванівна", "moroz"))).GetValueOrThrow();

        await using var db = _database.NewContext();
        var school = await db.Schools.SingleAsync(s => s.Id == added.School.Id);
        Assert.Equal(("Гімназія № 2", "Гімназія 2", "Asia/Tbilisi"), (school.Name, school.ShortName, school.TimeZone));
        // The clock stands on 20 November 2026: the year that began this September, with its holidays.
        var year = await db.SchoolYears.SingleAsync(y => y.SchoolId == school.Id);
        Assert.Equal(("2026-2027", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 11), new DateOnly(2027, 5, 30)),
            (year.Title, year.Semester1Start, year.Semester1End, year.Semester2Start, year.Semester2End));
        Assert.Equal(["Весняні канікули", "Зимові канікули", "Осінні канікули"], (await db.Holidays.Where(h => h.SchoolYearId == year.Id).Select(h => h.Title).ToListAsync()).Order());
        var director = await db.Staff.SingleAsync(s => s.SchoolId == school.Id);
        Assert.Equal(("Мороз Ганна Іванівна", StaffRoles.Administrator), (director.FullName, director.Roles));

        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var account = await users.FindByNameAsync("moroz");
        Assert.NotNull(account);
        Assert.Equal(director.Id, account.StaffId);
        Assert.True(account.MustChangePassword); // a one-time password: changed at the first sign-in
        Assert.True(await users.CheckPasswordAsync(account, added.Account.Password));
        Assert.False(await users.CheckPasswordAsync(account, "moroz"));

        // The school's own audit chain starts with its creation; the first school's chain is untouched.
        var record = await db.AuditRecords.SingleAsync(r => r.SchoolId == school.Id);
        Assert.Contains("Asia/Tbilisi", record.NewValue);
        Assert.Contains("moroz", record.NewValue);
        Assert.Empty(await db.AuditRecords.Where(r => r.SchoolId == _s.School.Id).ToListAsync());
    }

    [Theory]
    [InlineData("", "Europe/Kyiv", "Мороз Ганна", "moroz", "school.name", "Вкажіть назву школи")]
    [InlineData("ліцей № 1 (ТЕСТ)", "Europe/Kyiv", "Мороз Ганна", "moroz", "school.name", "уже є в цій інсталяції")]
    [InlineData("Гімназія № 2", "Europe/Kiyv", "Мороз Ганна", "moroz", "school.timeZone", "Невідомий часовий пояс «Europe/Kiyv»")]
    [InlineData("Гімназія № 2", "FLE Standard Time", "Мороз Ганна", "moroz", "school.timeZone", "ідентифікатор IANA")]
    [InlineData("Гімназія № 2", "Europe/Kyiv", "Мороз", "moroz", "school.administrator", "прізвище, ім'я")]
    [InlineData("Гімназія № 2", "Europe/Kyiv", "Мороз Ганна", "", "school.login", "Вкажіть логін")]
    [InlineData("Гімназія № 2", "Europe/Kyiv", "Мороз Ганна", "taken", "school.login", "уже зайнятий")]
    [InlineData("Гімназія № 2", "Europe/Kyiv", "Мороз Ганна", "мороз ганна", "school.login", "")]
    public async Task BadField_IsRefusedWithItsMessage_AndNothingIsWritten(string name, string zone, string admin, string login, string code, string message)
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            Assert.True((await users.CreateAsync(new AdminUser("taken"), "пароль-для-тесту-1")).Succeeded);
        }

        var before = await CountsAsync();
        var refused = await AddAsync(Operator, new NewSchool(name, null, zone, admin, login));
        Assert.False(refused.IsSuccess);
        Assert.Equal(code, refused.Error.Code);
        Assert.Contains(message, refused.Error.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task NoZoneGiven_TakesTheInstallationsDefault()
    {
        var added = (await AddAsync(Operator, new NewSchool("Гімназія № 2", null, " ", "Мороз Ганна", "moroz"))).GetValueOrThrow();
        Assert.Contains(added.School.TimeZone, new[] { "Europe/Kyiv", "Europe/Kiev" });
    }

    [Fact]
    public async Task ASchoolsOwnDirector_MayNotAddASchool()
    {
        var before = await CountsAsync();
        var director = new Staff(_s.School.Id, "Гребенюк", "Олена", null, StaffRoles.Administrator);
        var refused = await AddAsync(Actor.For(director, Channel.Web), new NewSchool("Гімназія № 2", null, null, "Мороз Ганна", "moroz"));
        Assert.Equal(SchoolRegistration.Rights, refused.Error);
        Assert.Equal(before, await CountsAsync());
    }
}

public sealed class SchoolRegistrationTestsOnSqlite : SchoolRegistrationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection("postgres")]
public sealed class SchoolRegistrationTestsOnPostgres(PostgresServer server) : SchoolRegistrationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
